// The options of events for merchant code: the `onEvent` handler, signed webhooks and the delivery
// loop. Validated by the events feature when the BFF starts.
import type { KkiEvent } from '@kki-kit/contract';

/**
 * Called with each event, at least once and in order per payment; a throw retries it later, and so
 * does a call still running after `events.handlerTimeoutMs` (its `signal` is then aborted: stop, the
 * event comes again).
 */
export type KkiEventHandler = (
  event: KkiEvent,
  context: { readonly signal: AbortSignal },
) => void | Promise<void>;

/** Signed webhooks (`KKI_WEBHOOK_URL`, `KKI_WEBHOOK_SECRET` for `kki-bff`). */
export interface KkiWebhookOptions {
  /** Absolute http(s) URL every event is POSTed to. */
  url: string;
  /** Secret of the `X-KKI-Signature` HMAC, at least 24 characters. Share it with the receiver only. */
  secret: string;
  /**
   * Seconds to wait after the 1st, 2nd, … failed attempt, each at most a day (86 400); after the
   * last the delivery is marked failed. Default: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h.
   */
  schedule?: readonly number[];
  /** How long one POST may take (default 10 000 ms). */
  timeoutMs?: number;
}

/** The delivery loop of `onEvent` and webhooks. */
export interface KkiEventOptions {
  /** Retry delays of `onEvent` in seconds (default: the webhooks' default schedule). */
  retrySchedule?: readonly number[];
  /** How often due deliveries are looked for, in ms (default 1000); 0 leaves it to `bff.events.dispatch()`. */
  pollIntervalMs?: number;
  /**
   * How long one `onEvent` call may run, in ms (default 60 000, at most 600 000): past it the call
   * counts as failed and is retried, so one call that never settles cannot hold back every event.
   */
  handlerTimeoutMs?: number;
}

/** The default of {@link KkiEventOptions.handlerTimeoutMs}. */
export const DEFAULT_EVENT_HANDLER_TIMEOUT_MS = 60_000;

/** The default retry delays in seconds: about 21 hours in all. */
export const DEFAULT_EVENT_RETRY_SCHEDULE: readonly number[] = [10, 60, 300, 1800, 7200, 21_600, 43_200];
