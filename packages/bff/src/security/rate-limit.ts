// Per-customer attempt limits for payments and OTPs (card testing, OTP guessing). Counted in the
// store, so instances sharing one PostgreSQL share one limit per customer instead of each granting
// `max`; a fixed window keeps it one atomic upsert per attempt.
import type { RateLimitRule } from '../config.js';
import { KkiDomainError } from '../errors.js';
import type { RateLimitRepository } from '../store/index.js';

/** Counts attempts per customer and per client address, and refuses the one over a limit. */
export interface RateLimiter {
  /**
   * Counts an attempt of customer `subject` from `address` (null: unknown); rejects with 429
   * `rate_limited` when either is over its limit.
   */
  hit(subject: string, address?: string | null): Promise<void>;
}

/**
 * A fixed-window limiter of `rule.max` attempts per customer and `rule.maxPerAddress` per client
 * address per `rule.windowMs`, counted in `bucket` of the store. The address count holds when a
 * caller sheds its session: each new session would start a fresh customer count.
 */
export function createRateLimiter(
  counters: RateLimitRepository,
  bucket: string,
  rule: Required<RateLimitRule>,
): RateLimiter {
  const refuse = (internal: string) =>
    // Nothing ran: `outcomeUnknown` releases the idempotency key, so the same key works later.
    // The window opens at the first attempt, so its length bounds the wait (the store keeps the start).
    new KkiDomainError('rate_limited', {
      internal,
      outcomeUnknown: true,
      retryAfterSeconds: Math.ceil(rule.windowMs / 1000),
    });
  return {
    async hit(subject, address) {
      if (address) {
        const fromAddress = await counters.hit(`${bucket}:address`, address, rule.windowMs);
        if (fromAddress > rule.maxPerAddress) throw refuse('attempt limit of the client address reached');
      }
      const count = await counters.hit(bucket, subject, rule.windowMs);
      if (count > rule.max) throw refuse('attempt limit reached');
    },
  };
}
