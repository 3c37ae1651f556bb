// The DOKU notification inbox, de-duplicated by source and key.
import { json, one } from './query.js';
import type { InboxRecord } from './records.js';
import { toInbox } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** DOKU notifications, de-duplicated by `(source, dedupKey)`. */
export interface InboxRepository {
  /** Stores a notification; `duplicate: true` when `(source, dedupKey)` was seen before. */
  record(
    source: InboxRecord['source'],
    dedupKey: string,
    payload: unknown,
  ): Promise<{ record: InboxRecord; duplicate: boolean }>;
  finish(
    id: number,
    status: Exclude<InboxRecord['status'], 'received'>,
    subjectId?: string | null,
    error?: string | null,
  ): Promise<void>;
  /**
   * Notifications of `source` received but not yet applied (a crash between receipt and apply),
   * oldest first. Per source, so rows another source's replay does not take never crowd them out.
   */
  listReceived(source: InboxRecord['source'], limit?: number): Promise<InboxRecord[]>;
}

/** The notification inbox on `db`. */
export function createInboxRepository(db: SqlDatabase): InboxRepository {
  return {
    async record(source, dedupKey, payload) {
      const rows = await db.query(
        `INSERT INTO notification_inbox (source, dedup_key, payload, status) VALUES ($1, $2, $3::jsonb, 'received')
         ON CONFLICT (source, dedup_key) DO NOTHING RETURNING *`,
        [source, dedupKey, json(payload)],
      );
      if (rows[0]) return { record: toInbox(rows[0]), duplicate: false };
      const existing = await db.query(
        'SELECT * FROM notification_inbox WHERE source = $1 AND dedup_key = $2',
        [source, dedupKey],
      );
      return { record: await one(existing, toInbox, 'notification'), duplicate: true };
    },
    async finish(id, status, subjectId = null, error = null) {
      await db.query(
        `UPDATE notification_inbox SET status = $2, subject_id = COALESCE($3, subject_id), error = $4,
           processed_at = now() WHERE id = $1`,
        [id, status, subjectId, error],
      );
    },
    async listReceived(source, limit = 100) {
      const rows = await db.query(
        `SELECT * FROM notification_inbox WHERE source = $1 AND status = 'received'
         ORDER BY received_at, id LIMIT $2`,
        [source, limit],
      );
      return rows.map(toInbox);
    },
  };
}
