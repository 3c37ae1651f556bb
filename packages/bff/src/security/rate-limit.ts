// Per-customer attempt limits for payments and OTPs (card testing, OTP guessing). Counted in the
// store, so instances sharing one PostgreSQL share one limit per customer instead of each granting
// `max`; a fixed window keeps it one atomic upsert per attempt.
import type { RateLimitRule } from '../config.js';
import { KkiDomainError } from '../errors.js';
import type { AttemptCounters, RateLimitRepository } from '../store/index.js';

/** Counts attempts per customer and per client address, and refuses the one over a limit. */
export interface RateLimiter {
  /**
   * Counts an attempt of customer `subject` from `address` (null: unknown); rejects with 429
   * `rate_limited` when either is over its limit.
   */
  hit(subject: string, address?: string | null): Promise<void>;
  /** The counters {@link hit} counts, to count them elsewhere (the idempotency claim's statement). */
  counters(subject: string, address?: string | null): AttemptCounters;
  /** Refuses as {@link hit} would, given the counts of {@link counters} (in their order). */
  check(counts: readonly number[]): void;
}

/**
 * A fixed-window limiter of `rule.max` attempts per customer and `rule.maxPerAddress` per client
 * address per `rule.windowMs`, counted in `bucket` of the store. The address count holds when a
 * caller sheds its session: each new session would start a fresh customer count.
 */
export function createRateLimiter(
  repository: RateLimitRepository,
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
  const counters = (subject: string, address?: string | null): AttemptCounters => ({
    // An attempt from a known address counts on both; one statement counts them.
    keys: address
      ? [
          [bucket, subject],
          [`${bucket}:address`, address],
        ]
      : [[bucket, subject]],
    windowMs: rule.windowMs,
  });
  const check = ([count = 0, fromAddress = 0]: readonly number[]) => {
    if (fromAddress > rule.maxPerAddress) throw refuse('attempt limit of the client address reached');
    if (count > rule.max) throw refuse('attempt limit reached');
  };
  return {
    counters,
    check,
    async hit(subject, address) {
      const { keys, windowMs } = counters(subject, address);
      check(await repository.hitAll(keys, windowMs));
    },
  };
}
