// Per-customer attempt limits for payments and OTPs (card testing, OTP guessing). Counted in the
// store, so instances sharing one PostgreSQL share one limit per customer instead of each granting
// `max`; a fixed window keeps it one atomic upsert per attempt.
import type { RateLimitRule } from '../config.js';
import { KkiHttpError } from '../errors.js';
import type { RateLimitRepository } from '../store/index.js';

/** Counts attempts per customer and refuses the one over the limit. */
export interface RateLimiter {
  /** Counts an attempt for `subject`; rejects with 429 `rate_limited` when over the limit. */
  hit(subject: string): Promise<void>;
}

/** A fixed-window limiter of `rule.max` attempts per `rule.windowMs`, counted in `bucket` of the store. */
export function createRateLimiter(
  counters: RateLimitRepository,
  bucket: string,
  rule: RateLimitRule,
): RateLimiter {
  return {
    async hit(subject) {
      const count = await counters.hit(bucket, subject, rule.windowMs);
      if (count > rule.max) {
        // Nothing ran: `outcomeUnknown` releases the idempotency key, so the same key works later.
        throw new KkiHttpError('rate_limited', { internal: 'attempt limit reached', outcomeUnknown: true });
      }
    },
  };
}
