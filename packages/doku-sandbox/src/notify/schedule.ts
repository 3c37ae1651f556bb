// When the sandbox (as DOKU) tries a notification again.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * DOKU's retry schedule for a notification the merchant did not answer with 2xx: three retries at
 * +30 min, +6 h and +12 h, each counted from the original attempt (doku-api.md §4.3 [DOC-RETRY]).
 */
export const DOKU_RETRY_OFFSETS_MS: readonly number[] = [30 * MINUTE_MS, 6 * HOUR_MS, 12 * HOUR_MS];

/** Attempts in total: the original plus one per retry offset. */
export const MAX_DELIVERY_ATTEMPTS = 1 + DOKU_RETRY_OFFSETS_MS.length;

/**
 * How long a notification the fault injector marked `reorder` is held back, in sandbox-clock ms,
 * when no later notification overtakes it first.
 */
export const REORDER_HOLD_MS = 2_000;

/** A merchant endpoint that has not answered after this many real ms counts as a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Sandbox-clock time of retry number `retry` (1-based) for a notification first tried at
 * `firstAttemptMs`, with the offsets multiplied by `scale` (config.notificationRetryScale);
 * `null` when DOKU would not retry again.
 */
export function retryAt(firstAttemptMs: number, retry: number, scale: number): number | null {
  const offset = DOKU_RETRY_OFFSETS_MS[retry - 1];
  if (offset === undefined) return null;
  return firstAttemptMs + Math.round(offset * scale);
}
