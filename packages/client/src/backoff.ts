// Poll delays: exponential backoff with a ceiling.

/** How pending payments, bindings and refunds are polled: exponential backoff with a ceiling. */
export interface KkiPollingOptions {
  /** First wait, in ms. Default 1000. */
  readonly initialIntervalMs: number;
  /** Longest wait, in ms. Default 10000. */
  readonly maxIntervalMs: number;
  /** Growth factor per poll. Default 1.5. */
  readonly factor: number;
}

/** The polling the kit uses when none is given. */
export const DEFAULT_POLLING: KkiPollingOptions = {
  initialIntervalMs: 1000,
  maxIntervalMs: 10_000,
  factor: 1.5,
};

/** The wait before poll number `attempt` (0-based). */
export function pollDelay(attempt: number, options: KkiPollingOptions): number {
  const delay = options.initialIntervalMs * options.factor ** Math.max(0, attempt);
  return Math.min(Math.round(delay), options.maxIntervalMs);
}

/** Whether `expiresAt` (ISO timestamp or null) lies in the past at `now`. */
export function isExpired(expiresAt: string | null | undefined, now: number): boolean {
  return expiresAt != null && Date.parse(expiresAt) <= now;
}
