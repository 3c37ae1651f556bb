// Fixed-window attempt counters shared by every instance on the store.
import type { SqlDatabase } from './sql.js';

/** Attempt counters shared by every instance on the store (payment and OTP limits). */
export interface RateLimitRepository {
  /**
   * Counts one attempt of `subject` in `bucket` and returns the count in the current fixed window of
   * `windowMs` (a new window starts at the first attempt after the last one ended). Atomic, on the
   * database's clock, so instances with skewed clocks still share one window.
   */
  hit(bucket: string, subject: string, windowMs: number): Promise<number>;
}

/** The rate-limit repository on `db`. */
export function createRateLimitRepository(db: SqlDatabase): RateLimitRepository {
  return {
    async hit(bucket, subject, windowMs) {
      const rows = await db.query<{ count: number }>(
        `INSERT INTO rate_limits (bucket, subject, window_start, count) VALUES ($1, $2, now(), 1)
         ON CONFLICT (bucket, subject) DO UPDATE SET
           window_start = CASE WHEN rate_limits.window_start <= now() - ($3::int * interval '1 millisecond')
             THEN now() ELSE rate_limits.window_start END,
           count = CASE WHEN rate_limits.window_start <= now() - ($3::int * interval '1 millisecond')
             THEN 1 ELSE rate_limits.count + 1 END
         RETURNING count`,
        [bucket, subject, windowMs],
      );
      return Number(rows[0]?.count ?? 0);
    },
  };
}
