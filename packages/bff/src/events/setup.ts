// Events for merchant code, as the BFF runs them: the options checked at start-up, a dispatcher per
// configured consumer (`onEvent`, webhooks) polling the outbox, and the feed read by cursor.
import { type EventDeliveryView, type EventPage, eventCursorSchema } from '@kki-kit/contract';
import {
  DEFAULT_EVENT_RETRY_SCHEDULE,
  type KkiEventHandler,
  type KkiEventOptions,
  type KkiWebhookOptions,
} from '../config-events.js';
import { KkiBffConfigError } from '../config.js';
import { KkiDomainError } from '../errors.js';
import type { Log } from '../log.js';
import type { Store } from '../store/index.js';
import { createEventDispatcher, type EventDispatcher } from './dispatcher.js';
import { toKkiEvent } from './event-view.js';
import { sendWebhook } from './webhook-sender.js';

/** The consumer names deliveries are recorded under. */
export type KkiEventConsumer = 'handler' | 'webhook';

/** One event's delivery to a consumer, for a staff page (the contract's view). */
export type KkiEventDelivery = EventDeliveryView;

/** Events for merchant code: the feed, the deliveries, and a way to deliver now. */
export interface KkiEvents {
  /**
   * Events after the cursor `after` (from a previous page's `next`; absent: from the start), oldest
   * first, at most `limit` (default 100, at most 1000).
   */
  list(options?: { after?: string; limit?: number }): Promise<EventPage>;
  /** The latest deliveries to `consumer` (default `webhook`), newest event first. */
  deliveries(options?: { consumer?: KkiEventConsumer; limit?: number }): Promise<KkiEventDelivery[]>;
  /** Delivers every due event now (the background loop does it every `pollIntervalMs`); resolves with the attempts made. */
  dispatch(): Promise<number>;
  /** Stops the background loop and waits for the round in flight. */
  close(): Promise<void>;
}

/** What {@link startEvents} needs from `createKkiBff`'s options. */
export interface EventSettings {
  onEvent?: KkiEventHandler | undefined;
  webhooks?: KkiWebhookOptions | undefined;
  events?: KkiEventOptions | undefined;
}

const MAX_DELAY_SECONDS = 86_400;

function scheduleProblems(name: string, schedule: readonly number[] | undefined): string[] {
  if (schedule === undefined) return [];
  const ok =
    Array.isArray(schedule) &&
    schedule.length <= 50 &&
    schedule.every((s) => Number.isFinite(s) && s >= 0 && s <= MAX_DELAY_SECONDS);
  return ok ? [] : [`${name} must be a list of at most 50 delays in seconds, each 0 to 86400`];
}

/** Checks the event options; throws `KkiBffConfigError` naming each problem (never a secret's value). */
export function checkEventSettings(settings: EventSettings): void {
  const problems: string[] = [];
  if (settings.onEvent !== undefined && typeof settings.onEvent !== 'function') {
    problems.push('onEvent must be a function');
  }
  const hooks = settings.webhooks;
  if (hooks !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(hooks.url);
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol)) {
      problems.push('webhooks.url (KKI_WEBHOOK_URL) must be an absolute http(s) URL');
    }
    if (typeof hooks.secret !== 'string' || hooks.secret.length < 24) {
      problems.push('webhooks.secret (KKI_WEBHOOK_SECRET) must be at least 24 characters');
    }
    problems.push(...scheduleProblems('webhooks.schedule', hooks.schedule));
    if (hooks.timeoutMs !== undefined && !(hooks.timeoutMs > 0 && hooks.timeoutMs <= 60_000)) {
      problems.push('webhooks.timeoutMs must be 1 to 60000');
    }
  }
  problems.push(...scheduleProblems('events.retrySchedule', settings.events?.retrySchedule));
  const poll = settings.events?.pollIntervalMs;
  if (poll !== undefined && !(Number.isInteger(poll) && poll >= 0)) {
    problems.push('events.pollIntervalMs must be a whole number of ms (0: no background loop)');
  }
  if (problems.length > 0) throw new KkiBffConfigError(problems);
}

/**
 * Registers the configured consumers, starts their delivery loop and returns the events API. Events
 * written before a consumer was first registered are in the feed but not delivered to it.
 */
export async function startEvents(store: Store, log: Log, settings: EventSettings): Promise<KkiEvents> {
  checkEventSettings(settings);
  const dispatchers: EventDispatcher[] = [];
  const handler = settings.onEvent;
  if (handler) {
    await store.events.registerConsumer('handler');
    dispatchers.push(
      createEventDispatcher({
        store,
        log,
        consumer: 'handler',
        deliver: async (event) => {
          await handler(event);
          return { ok: true };
        },
        schedule: settings.events?.retrySchedule ?? DEFAULT_EVENT_RETRY_SCHEDULE,
        leaseSeconds: 120,
      }),
    );
  }
  const hooks = settings.webhooks;
  if (hooks) {
    await store.events.registerConsumer('webhook');
    const timeoutMs = hooks.timeoutMs ?? 10_000;
    const target = { url: hooks.url, secret: hooks.secret, timeoutMs, fetch: globalThis.fetch };
    dispatchers.push(
      createEventDispatcher({
        store,
        log,
        consumer: 'webhook',
        deliver: (event) => sendWebhook(target, event),
        schedule: hooks.schedule ?? DEFAULT_EVENT_RETRY_SCHEDULE,
        leaseSeconds: Math.ceil(timeoutMs / 1000) + 60,
      }),
    );
  }

  let round: Promise<number> | null = null;
  // One round at a time per instance: the loop and `dispatch()` share it.
  const dispatch = (): Promise<number> => {
    round ??= Promise.all(dispatchers.map((d) => d.runOnce()))
      .then((counts) => counts.reduce((a, b) => a + b, 0))
      .finally(() => {
        round = null;
      });
    return round;
  };
  const pollMs = settings.events?.pollIntervalMs ?? 1000;
  let timer: ReturnType<typeof setInterval> | null = null;
  if (dispatchers.length > 0 && pollMs > 0) {
    timer = setInterval(() => {
      dispatch().catch((error: unknown) => log.error('event delivery round failed', { error }));
    }, pollMs);
    timer.unref?.();
  }

  return {
    async list(options = {}) {
      // `0` is the start; any other cursor is a page's `next`, checked by the contract's schema.
      const after = options.after ?? '0';
      if (!eventCursorSchema.safeParse(after).success) {
        throw new KkiDomainError('validation_failed', { field: 'after', internal: 'bad event cursor' });
      }
      const limit = Math.max(1, Math.min(Math.trunc(options.limit ?? 100), 1000));
      const events = await store.events.list(after === '0' ? null : after, limit);
      return { events: events.map(toKkiEvent), next: events.at(-1)?.cursor ?? after };
    },
    async deliveries(options = {}) {
      const rows = await store.events.deliveries(options.consumer ?? 'webhook', options.limit ?? 50);
      return rows.map((d) => ({
        eventId: d.eventId,
        type: d.eventType,
        createdAt: d.eventCreatedAt.toISOString(),
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      }));
    },
    dispatch,
    async close() {
      if (timer) clearInterval(timer);
      await round?.catch(() => {});
    },
  };
}
