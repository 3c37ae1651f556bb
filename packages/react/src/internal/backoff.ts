// Poll delays: exponential backoff with a ceiling.
import type { KkiPollingOptions } from '../provider/context.js';

/** The wait before poll number `attempt` (0-based). */
export function pollDelay(attempt: number, options: KkiPollingOptions): number {
  const delay = options.initialIntervalMs * options.factor ** Math.max(0, attempt);
  return Math.min(Math.round(delay), options.maxIntervalMs);
}

/** Whether `expiresAt` (ISO timestamp or null) lies in the past at `now`. */
export function isExpired(expiresAt: string | null | undefined, now: number): boolean {
  return expiresAt != null && Date.parse(expiresAt) <= now;
}
