// Fixed-window attempt counters shared by every instance on the store.
import type { Row, SqlDatabase } from './sql.js';

/** Attempt counters shared by every instance on the store (payment and OTP limits). */
export interface RateLimitRepository {
  /**
   * Counts one attempt of `subject` in `bucket` and returns the count in the current fixed window of
   * `windowMs` (a new window starts at the first attempt after the last one ended). Atomic, on the
   * database's clock, so instances with skewed clocks still share one window.
   */
  hit(bucket: string, subject: string, windowMs: number): Promise<number>;
  /**
   * {@link hit} for several counters at once (distinct `[bucket, subject]` pairs), in one statement:
   * the counts in the order given.
   */
  hitAll(
    counters: readonly (readonly [bucket: string, subject: string])[],
    windowMs: number,
  ): Promise<number[]>;
}

/**
 * The upsert that counts the inserted row's `count` attempts (one, or a group's sum), the window's
 * length (ms) in the SQL expression `window` (e.g. `$1`): an ended window starts again with them.
 */
export const countAttempt = (window: string) => `ON CONFLICT (bucket, subject) DO UPDATE SET
   window_start = CASE WHEN rate_limits.window_start <= now() - (${window}::int * interval '1 millisecond')
     THEN now() ELSE rate_limits.window_start END,
   count = CASE WHEN rate_limits.window_start <= now() - (${window}::int * interval '1 millisecond')
     THEN EXCLUDED.count ELSE rate_limits.count + EXCLUDED.count END
 RETURNING bucket, subject, count`;

/** Counters to count in one statement: `[bucket, subject]` pairs and their window. */
export interface AttemptCounters {
  keys: readonly (readonly [bucket: string, subject: string])[];
  windowMs: number;
}

/** The counts of `keys` in their order, from `RETURNING bucket, subject, count` rows. */
export function countsOf(keys: AttemptCounters['keys'], rows: readonly Row[]): number[] {
  return keys.map(([bucket, subject]) =>
    Number(rows.find((r) => r.bucket === bucket && r.subject === subject)?.count ?? 0),
  );
}

/** The rate-limit repository on `db`. */
export function createRateLimitRepository(db: SqlDatabase): RateLimitRepository {
  const hitAll: RateLimitRepository['hitAll'] = async (counters, windowMs) => {
    if (counters.length === 0) return [];
    const values = counters.map((_, i) => `($${2 * i + 2}, $${2 * i + 3}, now(), 1)`).join(', ');
    const rows = await db.query<{ bucket: string; subject: string; count: number }>(
      `INSERT INTO rate_limits (bucket, subject, window_start, count) VALUES ${values} ${countAttempt('$1')}`,
      [windowMs, ...counters.flat()],
    );
    return counters.map(([bucket, subject]) =>
      Number(rows.find((r) => r.bucket === bucket && r.subject === subject)?.count ?? 0),
    );
  };
  return {
    hitAll,
    hit: async (bucket, subject, windowMs) => (await hitAll([[bucket, subject]], windowMs))[0] ?? 0,
  };
}
