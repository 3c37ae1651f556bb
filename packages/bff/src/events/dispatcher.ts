// Delivers the outbox to one consumer (onEvent, or the webhook): claims due deliveries from the
// store (safe with several instances on one database), hands each over, and records the attempt.
// A failure is retried after the next delay of the schedule; past the schedule the delivery is
// marked `failed` (the event stays in the feed).
import type { KkiEvent } from '@kki-kit/contract';
import type { Log } from '../log.js';
import type { ClaimedDelivery, Store } from '../store/index.js';
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
}

/** Creates the dispatcher of one consumer. */
export function createEventDispatcher(options: DispatcherOptions): EventDispatcher {
  const { store, log, consumer, schedule, leaseSeconds, batchSize = 20 } = options;

  async function attempt(claim: ClaimedDelivery): Promise<void> {
    let result: HandOver;
    try {
      result = await options.deliver(toKkiEvent(claim.event));
    } catch (error) {
      // The message only: a merchant's handler error may carry anything in its other fields.
      result = { ok: false, error: error instanceof Error ? error.message : 'the handler threw' };
    }
    const retryInSeconds = result.ok ? null : (schedule[claim.attempts] ?? null);
    const kept = await store.events.complete(claim, {
      ok: result.ok,
      statusCode: result.statusCode ?? null,
      error: result.error?.slice(0, 500) ?? null,
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
      for (;;) {
        const claims = await store.events.claim(consumer, batchSize, leaseSeconds);
        if (claims.length === 0) return total;
        // One claim per stream: the streams are independent, so they go out side by side.
        await Promise.all(claims.map(attempt));
        total += claims.length;
      }
    },
  };
}
