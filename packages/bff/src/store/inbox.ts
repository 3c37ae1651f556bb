// The DOKU notification inbox, de-duplicated by source and key.
import { json, one } from './query.js';
import type { InboxRecord } from './records.js';
import { toInbox } from './rows.js';
import type { SqlDatabase } from './sql.js';
import type { TokenCipher } from './token-cipher.js';

/** DOKU notifications, de-duplicated by `(source, dedupKey)`. */
export interface InboxRepository {
  /** Stores a notification; `duplicate: true` when `(source, dedupKey)` was seen before. */
  record(
    source: InboxRecord['source'],
    dedupKey: string,
    payload: unknown,
    /** What the payload must not hold in clear (DOKU's token), sealed beside it until it is settled. */
    secret?: string,
  ): Promise<{ record: InboxRecord; duplicate: boolean }>;
  /**
   * Notes why applying a notification failed, leaving it `received` for the replay, which tries
   * such rows after those never tried (one that keeps failing cannot crowd out a fresh one).
   */
  noteFailure(id: number, error: string): Promise<void>;
  /** The secret stored with the notification, opened; null when none (or it was settled). */
  secretOf(id: number): Promise<string | null>;
  /** Settles a notification (its secret is dropped); a settled one (applied, ignored) stays as it is. */
  finish(
    id: number,
    status: Exclude<InboxRecord['status'], 'received'>,
    subjectId?: string | null,
    error?: string | null,
  ): Promise<void>;
  /**
   * Notifications of `source` received but not yet applied (a crash between receipt and apply, or a
   * failed apply), oldest first, those never tried before those that failed. Per source, so rows
   * another source's replay does not take never crowd them out.
   */
  listReceived(source: InboxRecord['source'], limit?: number): Promise<InboxRecord[]>;
}

/** The notification inbox on `db`; secrets sealed with `cipher`. */
export function createInboxRepository(db: SqlDatabase, cipher: TokenCipher): InboxRepository {
  return {
    async record(source, dedupKey, payload, secret) {
      const sealed = secret === undefined ? null : await cipher.encrypt(secret);
      const rows = await db.query(
        `INSERT INTO notification_inbox (source, dedup_key, payload, status, sealed)
         VALUES ($1, $2, $3::jsonb, 'received', $4)
         ON CONFLICT (source, dedup_key) DO NOTHING RETURNING *`,
        [source, dedupKey, json(payload), sealed],
      );
      if (rows[0]) return { record: toInbox(rows[0]), duplicate: false };
      const existing = await db.query(
        'SELECT * FROM notification_inbox WHERE source = $1 AND dedup_key = $2',
        [source, dedupKey],
      );
      return { record: await one(existing, toInbox, 'notification'), duplicate: true };
    },
    async noteFailure(id, error) {
      await db.query(`UPDATE notification_inbox SET error = $2 WHERE id = $1 AND status = 'received'`, [
        id,
        error,
      ]);
    },
    async secretOf(id) {
      const rows = await db.query<{ sealed: unknown }>(
        'SELECT sealed FROM notification_inbox WHERE id = $1',
        [id],
      );
      const sealed = rows[0]?.sealed;
      return typeof sealed === 'string' ? cipher.decrypt(sealed) : null;
    },
    async finish(id, status, subjectId = null, error = null) {
      // Never over a settled row: a replay and a live request may both apply one notification.
      await db.query(
        `UPDATE notification_inbox SET status = $2, subject_id = COALESCE($3, subject_id), error = $4,
           processed_at = now(), sealed = NULL WHERE id = $1 AND status NOT IN ('applied', 'ignored')`,
        [id, status, subjectId, error],
      );
    },
    async listReceived(source, limit = 100) {
      const rows = await db.query(
        `SELECT * FROM notification_inbox WHERE source = $1 AND status = 'received'
         ORDER BY (error IS NOT NULL), received_at, id LIMIT $2`,
        [source, limit],
      );
      return rows.map(toInbox);
    },
  };
}
