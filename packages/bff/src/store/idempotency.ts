// Idempotency records: claim, lease, complete or release a key.
import { groupedCalls, groupedWrites } from './grouped-writes.js';
import { json } from './query.js';
import type { IdempotencyRecord } from './records.js';
import { jsonValue, toIdempotency } from './rows.js';
import { type AttemptCounters, countAttempt, countsOf } from './rate-limits.js';
import type { QueryOptions, Row, SqlDatabase } from './sql.js';

/** Idempotency records (used by `src/idempotency.ts`). */
export interface IdempotencyRepository {
  /**
   * Inserts an `in_progress` record unless one exists; returns it when this call inserted it. With
   * `counters`, a claim that inserted also counts one attempt on each (rate limits), in the same
   * statement, and returns their counts.
   */
  claim(input: ClaimInput): Promise<(IdempotencyRecord & { counts?: number[] }) | null>;
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Takes over an `in_progress` record whose lease ran out (its owner died). */
  takeOver(scope: string, key: string, owner: string, leaseMs: number): Promise<IdempotencyRecord | null>;
  /** Extends the lease of a record `owner` still holds; false when it no longer holds it. */
  renew(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(scope: string, key: string, owner: string, status: number, body: unknown): Promise<void>;
  /** Deletes an unfinished record so the same key can run again (with the same DOKU ids). */
  release(scope: string, key: string, owner: string): Promise<void>;
  /**
   * Deletes up to `limit` records claimed before `before` that are done with: completed before it, or
   * still `in_progress` with a lease that ran out before it (an owner that died, its key never
   * retried). Returns how many it deleted. A running call's record is never one of them: its owner
   * renews the lease.
   */
  sweep(before: Date, limit: number): Promise<number>;
}

/** A claim of a key (see {@link IdempotencyRepository.claim}). */
export interface ClaimInput {
  scope: string;
  key: string;
  requestHash: string;
  externalId: string;
  owner: string;
  leaseMs: number;
  counters?: AttemptCounters | undefined;
}

/** What a claim answers: the inserted record (with its counts when it counted), or null. */
type Claimed = (IdempotencyRecord & { counts?: number[] }) | null;

/**
 * Claims of one group in one statement. Keys are inserted in (scope, key) order and counters counted
 * in (bucket, subject) order, so two instances' groups lock rows in one order and cannot deadlock.
 * The counters of the claims that inserted are added up per row (a client address shared by many
 * customers is one hot row, now written once per group); each claim's count is its place in that
 * sum, as if the claims had counted one after another. `countAttempt` is the one window rule.
 */
const GROUPED_CLAIM = `WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
    WITH ORDINALITY AS i(scope, key, request_hash, external_id, owner, lease_ms, n)
), claimed AS (
  INSERT INTO idempotency_records (scope, key, request_hash, external_id, state, owner, locked_until)
  SELECT scope, key, request_hash, external_id, 'in_progress', owner, now() + lease_ms * interval '1 millisecond'
  FROM input ORDER BY scope, key
  ON CONFLICT (scope, key) DO NOTHING RETURNING *
), wanted AS (
  SELECT c.n, c.bucket, c.subject, c.window_ms,
    row_number() OVER (PARTITION BY c.bucket, c.subject ORDER BY c.n) AS place
  FROM unnest($7::int[], $8::text[], $9::text[], $10::int[]) AS c(n, bucket, subject, window_ms)
  JOIN input i ON i.n = c.n
  JOIN claimed k ON k.scope = i.scope AND k.key = i.key
), totals AS (
  SELECT bucket, subject, max(window_ms) AS window_ms, count(*)::int AS hits FROM wanted GROUP BY bucket, subject
), counted AS (
  INSERT INTO rate_limits (bucket, subject, window_start, count)
  SELECT bucket, subject, now(), hits FROM totals ORDER BY bucket, subject
  ${countAttempt('(SELECT t.window_ms FROM totals t WHERE t.bucket = EXCLUDED.bucket AND t.subject = EXCLUDED.subject)')}
)
SELECT i.n, k.*, (
  SELECT coalesce(jsonb_agg(jsonb_build_object('bucket', w.bucket, 'subject', w.subject,
    'count', x.count - t.hits + w.place)), '[]'::jsonb)
  FROM wanted w JOIN counted x ON x.bucket = w.bucket AND x.subject = w.subject
  JOIN totals t ON t.bucket = w.bucket AND t.subject = w.subject
  WHERE w.n = i.n
) AS counted
FROM claimed k JOIN input i ON i.scope = k.scope AND i.key = k.key`;

/**
 * A lone claim (a group of one: every claim on PGlite, which runs one statement at a time, and most
 * at low load): the same insert and count without the arrays, windows and joins that only a group
 * needs, which PGlite plans for every run (about half the grouped form's time there). `$7`/`$8` are
 * the counters' buckets and subjects (distinct pairs), `$9` their window; counted only when the key
 * was inserted, each count is the row's own.
 */
const ONE_CLAIM = `WITH claimed AS (
  INSERT INTO idempotency_records (scope, key, request_hash, external_id, state, owner, locked_until)
  VALUES ($1, $2, $3, $4, 'in_progress', $5, now() + $6::int * interval '1 millisecond')
  ON CONFLICT (scope, key) DO NOTHING RETURNING *
), counted AS (
  INSERT INTO rate_limits (bucket, subject, window_start, count)
  SELECT c.bucket, c.subject, now(), 1 FROM unnest($7::text[], $8::text[]) AS c(bucket, subject)
  WHERE EXISTS (SELECT 1 FROM claimed) ORDER BY c.bucket, c.subject
  ${countAttempt('$9')}
)
SELECT k.*, (
  SELECT coalesce(jsonb_agg(jsonb_build_object('bucket', x.bucket, 'subject', x.subject, 'count', x.count)), '[]'::jsonb)
  FROM counted x
) AS counted
FROM claimed k`;

/**
 * The completion of a call's answer: `$4` its status, `$5` its body; a group's values come from the
 * arrays as `c.status`, `c.body`. A lone completion finds its row by key, a plan that stays right
 * when prepared once; a group's arrays are planned per run (see {@link QueryOptions.prepare}), since
 * a plan prepared while the table was new would keep scanning every row as it grew. The claim
 * touches rows only through their keys and stays prepared.
 */
const completeSql = (many: boolean) => `UPDATE idempotency_records AS r SET state = 'completed',
  response_status = c.status, response_body = c.body::jsonb, completed_at = now()
  FROM ${
    many
      ? 'unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS c(scope, key, owner, status, body)'
      : '(SELECT $1::text AS scope, $2::text AS key, $3::text AS owner, $4::int AS status, $5::text AS body) AS c'
  }
  WHERE ${many ? 'r.scope = ANY($1::text[]) AND r.key = ANY($2::text[])' : 'r.scope = $1 AND r.key = $2'}
    AND r.scope = c.scope AND r.key = c.key AND r.owner = c.owner AND r.state = 'in_progress'`;
const ONE_COMPLETION = completeSql(false);
const COMPLETIONS = completeSql(true);
const GROUPED: QueryOptions = { prepare: false };

/** The idempotency scope of the merchant API's `createOrder` (whose order id the key derives). */
export const MERCHANT_ORDER_SCOPE = 'merchant.createOrder';

/**
 * The oldest `$2` records done with before `$1`, by the claim-time index (migration 15). The outer
 * test runs again on the row as it is when locked, so a key taken over meanwhile stays. A merchant
 * order's key claimed before migration 15, or within a day after it (instances of the version
 * before, still running during a rolling deploy), stays for good: its order may have a random id,
 * which the key does not derive, so the record is the only way from the key to it.
 */
const SWEEP = `WITH old AS (
  SELECT scope, key FROM idempotency_records
  WHERE created_at < $1 AND (completed_at < $1 OR (state = 'in_progress' AND locked_until < $1))
    AND NOT (scope = '${MERCHANT_ORDER_SCOPE}'
      AND created_at < (SELECT applied_at + interval '1 day' FROM kki_migrations WHERE version = 15))
  ORDER BY created_at LIMIT $2
), gone AS (
  DELETE FROM idempotency_records r USING old
  WHERE r.scope = old.scope AND r.key = old.key
    AND (r.completed_at < $1 OR (r.state = 'in_progress' AND r.locked_until < $1))
  RETURNING 1
)
SELECT count(*)::int AS n FROM gone`;

/** A completed call's answer, as one row of a grouped completion. */
interface Completion {
  scope: string;
  key: string;
  owner: string;
  status: number;
  body: string;
}

/** A claim's inserted row as its record, with the counts of its counters when it has any. */
function claimedOf(claim: ClaimInput, row: Row & { counted: unknown }): Claimed {
  const record = toIdempotency(row);
  if (!claim.counters || claim.counters.keys.length === 0) return record;
  return { ...record, counts: countsOf(claim.counters.keys, jsonValue(row.counted) as Row[]) };
}

/** The idempotency repository on `db`. */
export function createIdempotencyRepository(db: SqlDatabase): IdempotencyRepository {
  // Claims are grouped: every state-changing call starts with one, and under load they share a
  // statement and a commit (issue 18).
  const claimGrouped = groupedCalls<ClaimInput, Claimed>(async (items) => {
    // A key once per statement: a second caller of the same key in the group is not its claimer and
    // waits for the first, as a caller on another instance would.
    const firstOf = new Map<string, number>();
    for (const [i, c] of items.entries()) {
      const slot = `${c.scope}\u0000${c.key}`;
      if (!firstOf.has(slot)) firstOf.set(slot, i);
    }
    const sent = [...firstOf.values()].map((i) => items[i] as ClaimInput);
    const [lone] = sent;
    if (sent.length === 1 && lone) {
      const keys = lone.counters?.keys ?? [];
      const [row] = await db.query<Row & { counted: unknown }>(ONE_CLAIM, [
        lone.scope,
        lone.key,
        lone.requestHash,
        lone.externalId,
        lone.owner,
        lone.leaseMs,
        keys.map(([bucket]) => bucket),
        keys.map(([, subject]) => subject),
        lone.counters?.windowMs ?? 0,
      ]);
      // One key in the group: its first caller (the first item) is the claimer, any other waits.
      return items.map((_, i) => (i === 0 && row ? claimedOf(lone, row) : null));
    }
    const counters = sent.flatMap((c, i) =>
      (c.counters?.keys ?? []).map(([bucket, subject]) => ({
        n: i + 1,
        bucket,
        subject,
        windowMs: c.counters?.windowMs ?? 0,
      })),
    );
    const rows = await db.query<Row & { n: unknown; counted: unknown }>(GROUPED_CLAIM, [
      sent.map((c) => c.scope),
      sent.map((c) => c.key),
      sent.map((c) => c.requestHash),
      sent.map((c) => c.externalId),
      sent.map((c) => c.owner),
      sent.map((c) => c.leaseMs),
      counters.map((c) => c.n),
      counters.map((c) => c.bucket),
      counters.map((c) => c.subject),
      counters.map((c) => c.windowMs),
    ]);
    const byN = new Map(rows.map((r) => [Number(r.n), r]));
    const claimedAt = new Map([...firstOf.values()].map((itemIndex, i) => [itemIndex, byN.get(i + 1)]));
    return items.map((c, i): Claimed => {
      const row = claimedAt.get(i);
      return row ? claimedOf(c, row) : null;
    });
  });
  // Completions are grouped: every create ends with one, and under load they share a statement.
  const completeGrouped = groupedWrites<Completion>(async (items) => {
    const [lone] = items;
    if (items.length === 1 && lone) {
      await db.query(ONE_COMPLETION, [lone.scope, lone.key, lone.owner, lone.status, lone.body]);
      return;
    }
    await db.query(
      COMPLETIONS,
      [
        items.map((c) => c.scope),
        items.map((c) => c.key),
        items.map((c) => c.owner),
        items.map((c) => c.status),
        items.map((c) => c.body),
      ],
      GROUPED,
    );
  });
  return {
    claim: claimGrouped,
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
    async sweep(before, limit) {
      const rows = await db.query(SWEEP, [before.toISOString(), limit]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
