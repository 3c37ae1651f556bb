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

/**
 * The polling rule of every open thing the kit follows: the wait before poll number `attempt`, or
 * `false` when polling stops (the data is settled, or its deadline `expiresAt` has passed).
 */
export function nextPoll(
  settled: boolean,
  expiresAt: string | null | undefined,
  attempt: number,
  options: KkiPollingOptions,
): number | false {
  return settled || isExpired(expiresAt, Date.now()) ? false : pollDelay(attempt, options);
}

/** Whether `expiresAt` (ISO timestamp or null) lies in the past at `now`. */
export function isExpired(expiresAt: string | null | undefined, now: number): boolean {
  return expiresAt != null && Date.parse(expiresAt) <= now;
}
