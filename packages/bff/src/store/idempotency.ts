// Idempotency records: claim, lease, complete or release a key.
import { groupedWrites } from './grouped-writes.js';
import { json } from './query.js';
import type { IdempotencyRecord } from './records.js';
import { jsonValue, toIdempotency } from './rows.js';
import { type AttemptCounters, countAttempt, countsOf } from './rate-limits.js';
import type { Row, SqlDatabase } from './sql.js';

/** Idempotency records (used by `src/idempotency.ts`). */
export interface IdempotencyRepository {
  /**
   * Inserts an `in_progress` record unless one exists; returns it when this call inserted it. With
   * `counters`, a claim that inserted also counts one attempt on each (rate limits), in the same
   * statement, and returns their counts.
   */
  claim(input: {
    scope: string;
    key: string;
    requestHash: string;
    externalId: string;
    owner: string;
    leaseMs: number;
    counters?: AttemptCounters | undefined;
  }): Promise<(IdempotencyRecord & { counts?: number[] }) | null>;
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Takes over an `in_progress` record whose lease ran out (its owner died). */
  takeOver(scope: string, key: string, owner: string, leaseMs: number): Promise<IdempotencyRecord | null>;
  /** Extends the lease of a record `owner` still holds; false when it no longer holds it. */
  renew(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(scope: string, key: string, owner: string, status: number, body: unknown): Promise<void>;
  /** Deletes an unfinished record so the same key can run again (with the same DOKU ids). */
  release(scope: string, key: string, owner: string): Promise<void>;
}

/** A completed call's answer, as one row of a grouped completion. */
interface Completion {
  scope: string;
  key: string;
  owner: string;
  status: number;
  body: string;
}

/** The idempotency repository on `db`. */
export function createIdempotencyRepository(db: SqlDatabase): IdempotencyRepository {
  // Completions are grouped: every create ends with one, and under load they share a statement.
  const completeGrouped = groupedWrites<Completion>(async (items) => {
    await db.query(
      `UPDATE idempotency_records AS r SET state = 'completed', response_status = c.status,
         response_body = c.body::jsonb, completed_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS c(scope, key, owner, status, body)
       WHERE r.scope = c.scope AND r.key = c.key AND r.owner = c.owner AND r.state = 'in_progress'`,
      [
        items.map((c) => c.scope),
        items.map((c) => c.key),
        items.map((c) => c.owner),
        items.map((c) => c.status),
        items.map((c) => c.body),
      ],
    );
  });
  return {
    async claim(input) {
      const params = [
        input.scope,
        input.key,
        input.requestHash,
        input.externalId,
        input.owner,
        input.leaseMs,
      ];
      const insert = `INSERT INTO idempotency_records (scope, key, request_hash, external_id, state, owner, locked_until)
         VALUES ($1, $2, $3, $4, 'in_progress', $5, now() + ($6::int * interval '1 millisecond'))
         ON CONFLICT (scope, key) DO NOTHING RETURNING *`;
      const counters = input.counters;
      if (!counters || counters.keys.length === 0) {
        const rows = await db.query(insert, params);
        return rows[0] ? toIdempotency(rows[0]) : null;
      }
      const rows = await db.query<Row & { counted: unknown }>(
        `WITH claimed AS (${insert}),
         counted AS (
           INSERT INTO rate_limits (bucket, subject, window_start, count)
           SELECT c.bucket, c.subject, now(), 1 FROM unnest($7::text[], $8::text[]) AS c(bucket, subject)
           CROSS JOIN claimed
           ${countAttempt('$9')})
         SELECT claimed.*, (SELECT coalesce(jsonb_agg(to_jsonb(counted)), '[]'::jsonb) FROM counted) AS counted
         FROM claimed`,
        [
          ...params,
          counters.keys.map(([bucket]) => bucket),
          counters.keys.map(([, subject]) => subject),
          counters.windowMs,
        ],
      );
      const row = rows[0];
      if (!row) return null;
      const counted = jsonValue(row.counted) as Row[];
      return { ...toIdempotency(row), counts: countsOf(counters.keys, counted) };
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
    complete: (scope, key, owner, status, body) =>
      completeGrouped({ scope, key, owner, status, body: json(body) }),
    async release(scope, key, owner) {
      await db.query(
        `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress'`,
        [scope, key, owner],
      );
    },
  };
}
