// Idempotency records: claim, lease, complete or release a key.
import { json } from './query.js';
import type { IdempotencyRecord } from './records.js';
import { toIdempotency } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** Idempotency records (used by `src/idempotency.ts`). */
export interface IdempotencyRepository {
  /** Inserts an `in_progress` record unless one exists; returns it when this call inserted it. */
  claim(input: {
    scope: string;
    key: string;
    requestHash: string;
    externalId: string;
    owner: string;
    leaseMs: number;
  }): Promise<IdempotencyRecord | null>;
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Takes over an `in_progress` record whose lease ran out (its owner died). */
  takeOver(scope: string, key: string, owner: string, leaseMs: number): Promise<IdempotencyRecord | null>;
  /** Extends the lease of a record `owner` still holds; false when it no longer holds it. */
  renew(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(scope: string, key: string, owner: string, status: number, body: unknown): Promise<void>;
  /** Deletes an unfinished record so the same key can run again (with the same DOKU ids). */
  release(scope: string, key: string, owner: string): Promise<void>;
}

/** The idempotency repository on `db`. */
export function createIdempotencyRepository(db: SqlDatabase): IdempotencyRepository {
  return {
    async claim(input) {
      const rows = await db.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, external_id, state, owner, locked_until)
         VALUES ($1, $2, $3, $4, 'in_progress', $5, now() + ($6::int * interval '1 millisecond'))
         ON CONFLICT (scope, key) DO NOTHING RETURNING *`,
        [input.scope, input.key, input.requestHash, input.externalId, input.owner, input.leaseMs],
      );
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async get(scope, key) {
      const rows = await db.query('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [
        scope,
        key,
      ]);
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async takeOver(scope, key, owner, leaseMs) {
      const rows = await db.query(
        `UPDATE idempotency_records SET owner = $3, locked_until = now() + ($4::int * interval '1 millisecond')
         WHERE scope = $1 AND key = $2 AND state = 'in_progress' AND locked_until < now() RETURNING *`,
        [scope, key, owner, leaseMs],
      );
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async renew(scope, key, owner, leaseMs) {
      const rows = await db.query(
        `UPDATE idempotency_records SET locked_until = now() + ($4::int * interval '1 millisecond')
         WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress' RETURNING key`,
        [scope, key, owner, leaseMs],
      );
      return rows.length > 0;
    },
    async complete(scope, key, owner, status, body) {
      await db.query(
        `UPDATE idempotency_records SET state = 'completed', response_status = $4, response_body = $5::jsonb,
           completed_at = now()
         WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress'`,
        [scope, key, owner, status, json(body)],
      );
    },
    async release(scope, key, owner) {
      await db.query(
        `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress'`,
        [scope, key, owner],
      );
    },
  };
}
