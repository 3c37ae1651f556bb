// Per-customer attempt limits for payments and OTPs. In memory, per instance: with N instances
// behind a load balancer a customer gets at most N × `max` attempts per window, which still stops
// card testing and OTP guessing (DOKU and the issuer block OTPs after a few wrong tries anyway).
// A fixed-window counter keeps it O(1) per request; stale windows are swept as they are touched.
import { KkiHttpError } from '../errors.js';

/** Counts attempts per key and refuses the one over the limit. */
export interface RateLimiter {
  /** Counts an attempt for `key`; throws 429 `rate_limited` when over the limit. */
  hit(key: string): void;
  /** Attempts left for `key` in the current window. */
  remaining(key: string): number;
}

/** A fixed-window limiter of `max` attempts per `windowMs`; `now` is injectable for tests. */
export function createRateLimiter(
  rule: { max: number; windowMs: number },
  now: () => number = Date.now,
): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string) => {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= rule.windowMs) {
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    // Sweep a few expired windows so memory stays bounded by active customers.
    if (windows.size > 10_000) {
      for (const [k, v] of windows) if (t - v.start >= rule.windowMs) windows.delete(k);
    }
    return w;
  };
  return {
    hit(key) {
      const w = current(key);
      if (w.count >= rule.max) {
        // Nothing ran: `outcomeUnknown` releases the idempotency key, so the same key works later.
        throw new KkiHttpError('rate_limited', { internal: 'attempt limit reached', outcomeUnknown: true });
      }
      w.count++;
    },
    remaining(key) {
      return Math.max(0, rule.max - current(key).count);
    },
  };
}
