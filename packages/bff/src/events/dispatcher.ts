// Delivers the outbox to one consumer (onEvent, or the webhook): claims due deliveries from the
// store (safe with several instances on one database), hands each over, and records the attempt.
// A failure is retried after the next delay of the schedule; past the schedule the delivery is
// marked `failed` (the event stays in the feed).
import type { KkiEvent } from '@kki-kit/contract';
import { type Log, redactText } from '../log.js';
import { type ClaimedDelivery, LAPSED_ATTEMPT_ERROR, type Store } from '../store/index.js';
import { toKkiEvent } from './event-view.js';

/** How one hand-over went: `ok`, or why not (an HTTP status for webhooks). */
export interface HandOver {
  ok: boolean;
  statusCode?: number | null;
  error?: string | null;
}

/** Settings of a {@link EventDispatcher}. */
export interface DispatcherOptions {
  store: Store;
  log: Log;
  /** The consumer's name in the store (`handler`, `webhook`). */
  consumer: string;
  /** Delivers one event; a throw counts as a failed attempt. */
  deliver(event: KkiEvent): Promise<HandOver>;
  /** Seconds to wait after the 1st, 2nd, … failed attempt; after the last, the delivery fails. */
  schedule: readonly number[];
  /** How long a claim holds (seconds): longer than one hand-over can take. */
  leaseSeconds: number;
  /** Deliveries claimed per round. */
  batchSize?: number;
}

/** One consumer's delivery loop. */
export interface EventDispatcher {
  /** Delivers what is due now (rounds until nothing due is left); resolves with how many attempts ran. */
  runOnce(): Promise<number>;
  /**
   * Claims nothing more: a round under way ends once its attempts in flight are recorded (other
   * instances writing events would otherwise keep a closing instance's round going).
   */
  stop(): void;
}

/**
 * An attempt's error as the store keeps it: redacted as a log line is (the merchant API and the
 * staff pages show it; a handler's message may quote a secret or a card number), at most 500
 * characters, without NUL (PostgreSQL text refuses it, and an attempt that cannot be recorded would
 * be claimed again for ever, holding back the payment's later events).
 */
function storableError(error: string | null | undefined): string | null {
  return error == null ? null : redactText(error).replaceAll('\u0000', '\uFFFD').slice(0, 500);
}

/** How often a round with attempts in flight looks for newly due deliveries (ms). */
const CLAIM_TICK_MS = 500;

/** Creates the dispatcher of one consumer. */
export function createEventDispatcher(options: DispatcherOptions): EventDispatcher {
  const { store, log, consumer, schedule, leaseSeconds, batchSize = 20 } = options;
  let stopped = false;

  async function attempt(claim: ClaimedDelivery): Promise<void> {
    let result: HandOver;
    try {
      // Every attempt the schedule allows was used (lapsed claims count: a delivery that kills the
      // process): failed without another try, so the payment's later events go on.
      if (claim.lapsed && claim.attempts > schedule.length) throw new Error(LAPSED_ATTEMPT_ERROR);
      result = await options.deliver(toKkiEvent(claim.event));
    } catch (error) {
      // The message only: a merchant's handler error may carry anything in its other fields.
      result = { ok: false, error: error instanceof Error ? String(error.message) : 'the handler threw' };
    }
    const retryInSeconds = result.ok ? null : (schedule[claim.attempts] ?? null);
    const kept = await store.events.complete(claim, {
      ok: result.ok,
      statusCode: result.statusCode ?? null,
      error: storableError(result.error),
      retryInSeconds,
    });
    if (!result.ok) {
      const fields = {
        consumer,
        eventId: claim.event.id,
        type: claim.event.type,
        attempt: claim.attempts + 1,
      };
      if (retryInSeconds === null)
        log.error('event delivery failed for good', { ...fields, status: result.statusCode });
      else
        log.warn('event delivery failed, will retry', {
          ...fields,
          status: result.statusCode,
          retryInSeconds,
        });
    }
    if (!kept)
      log.warn('event delivery claim expired before it was recorded', { consumer, eventId: claim.event.id });
  }

  return {
    async runOnce() {
      let total = 0;
      const inFlight = new Set<Promise<void>>();
      for (;;) {
        const room = stopped ? 0 : batchSize - inFlight.size;
        const claims = room > 0 ? await store.events.claim(consumer, room, leaseSeconds) : [];
        // One claim per stream: the streams are independent, so they go out side by side.
        for (const claim of claims) {
          const run: Promise<void> = attempt(claim)
            .catch((error: unknown) =>
              // Not recorded (the store failed): the claim runs out and the delivery is claimed again.
              log.error('event delivery attempt not recorded', { consumer, eventId: claim.event.id, error }),
            )
            .finally(() => inFlight.delete(run));
          inFlight.add(run);
        }
        total += claims.length;
        if (inFlight.size === 0) return total;
        // Claims again when an attempt ends or a tick passes, so events of other payments that fall
        // due meanwhile go out beside a slow one instead of waiting for it.
        let tick: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          ...inFlight,
          new Promise<void>((resolve) => {
            tick = setTimeout(resolve, CLAIM_TICK_MS);
          }),
        ]);
        clearTimeout(tick);
      }
    },
    stop() {
      stopped = true;
    },
  };
}
