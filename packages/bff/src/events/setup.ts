// Events for merchant code, as the BFF runs them: the options checked at start-up, a dispatcher per
// configured consumer (`onEvent`, webhooks) polling the outbox, and the feed read by cursor.
import {
  type EventDeliveryView,
  type EventPage,
  eventCursorSchema,
  type KkiEvent,
  type KkiEventConsumer,
} from '@kki-kit/contract';
import {
  DEFAULT_EVENT_HANDLER_TIMEOUT_MS,
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

/** The consumer names deliveries are recorded under (the contract's). */
export type { KkiEventConsumer };

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
  /**
   * Gives failed deliveries to `consumer` (default `webhook`) one more attempt, due now: every one, or
   * only event `eventId`'s. For after an outage longer than the retry schedule; such an event comes
   * after the later events of its payment that were delivered meanwhile. Resolves with how many.
   */
  redeliver(options?: { consumer?: KkiEventConsumer; eventId?: string }): Promise<number>;
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
/** The longest interval a timer takes: Node runs a longer one after 1 ms, a busy poll. */
const MAX_TIMER_MS = 2_147_483_647;
/** The longest `onEvent` call allowed (its lease is a minute longer). */
const MAX_HANDLER_TIMEOUT_MS = 600_000;

/**
 * Runs `onEvent` for one event with its time limit: past it the call is aborted (its `signal`) and
 * counts as a failed attempt, retried like a throw. Without a limit, one call that never settles held
 * the delivery round, and with it every later event, webhooks included. A call that ignores its
 * signal and is still running when the event is retried is not called again beside it (the handler
 * would act twice at once): the retry waits on it, again within the limit, and its end is the retry's.
 */
function handlerCaller(handler: KkiEventHandler, timeoutMs: number): (event: KkiEvent) => Promise<void> {
  // This process's calls still running, by event id (removed when they settle).
  const running = new Map<string, { call: Promise<void>; controller: AbortController }>();
  return async (event) => {
    let run = running.get(event.id);
    if (run === undefined) {
      const controller = new AbortController();
      const call = (async () => {
        await handler(event, { signal: controller.signal });
      })();
      const started = { call, controller };
      run = started;
      running.set(event.id, started);
      const settled = () => {
        if (running.get(event.id) === started) running.delete(event.id);
      };
      call.then(settled, settled);
    }
    const { call, controller } = run;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`onEvent did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await Promise.race([call, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * A page size merchant code asked for: a whole number of at least 1 (more than 1000 reads 1000), else
 * `validation_failed` (the store would refuse it with a database error).
 */
function pageSize(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new KkiDomainError('validation_failed', {
      field: 'limit',
      internal: 'limit must be a whole number ≥ 1',
    });
  }
  return Math.min(limit, 1000);
}

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
    } else if (url.username !== '' || url.password !== '') {
      // fetch refuses a URL with credentials: every delivery would fail.
      problems.push('webhooks.url (KKI_WEBHOOK_URL) must not carry a user or password');
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
  if (poll !== undefined && !(Number.isInteger(poll) && poll >= 0 && poll <= MAX_TIMER_MS)) {
    problems.push(
      `events.pollIntervalMs must be a whole number of ms up to ${MAX_TIMER_MS} (0: no background loop)`,
    );
  }
  const limit = settings.events?.handlerTimeoutMs;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_HANDLER_TIMEOUT_MS)) {
    problems.push(`events.handlerTimeoutMs must be a whole number of ms, 1 to ${MAX_HANDLER_TIMEOUT_MS}`);
  }
  if (problems.length > 0) throw new KkiBffConfigError(problems);
}

/**
 * Registers the configured consumers, starts their delivery loop and returns the events API. Events
 * written before a consumer was first registered are in the feed but not delivered to it.
 */
export async function startEvents(store: Store, log: Log, settings: EventSettings): Promise<KkiEvents> {
  checkEventSettings(settings);
  const moved = await store.events.rebaseMoved();
  if (moved > 0) {
    log.warn('events written on another database cluster were re-based: read the feed again from the start', {
      moved,
    });
  }
  const dispatchers: EventDispatcher[] = [];
  const handler = settings.onEvent;
  if (handler) {
    await store.events.registerConsumer('handler');
    const timeoutMs = settings.events?.handlerTimeoutMs ?? DEFAULT_EVENT_HANDLER_TIMEOUT_MS;
    const callHandler = handlerCaller(handler, timeoutMs);
    dispatchers.push(
      createEventDispatcher({
        store,
        log,
        consumer: 'handler',
        deliver: async (event) => {
          await callHandler(event);
          return { ok: true };
        },
        schedule: settings.events?.retrySchedule ?? DEFAULT_EVENT_RETRY_SCHEDULE,
        // Longer than a call may run, so no other instance claims the event while it runs.
        leaseSeconds: Math.ceil(timeoutMs / 1000) + 60,
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

  // One round at a time per consumer and instance (the loop and `dispatch()` share it); consumers
  // run on their own, so a slow `onEvent` never holds back the webhooks.
  const rounds = new Map<EventDispatcher, Promise<number>>();
  const roundOf = (d: EventDispatcher): Promise<number> => {
    let round = rounds.get(d);
    if (round === undefined) {
      round = d.runOnce().finally(() => rounds.delete(d));
      rounds.set(d, round);
    }
    return round;
  };
  const dispatch = async (): Promise<number> => {
    const counts = await Promise.all(dispatchers.map(roundOf));
    return counts.reduce((a, b) => a + b, 0);
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
      const limit = pageSize(options.limit, 100);
      const events = await store.events.list(after === '0' ? null : after, limit);
      return { events: events.map(toKkiEvent), next: events.at(-1)?.cursor ?? after };
    },
    redeliver: (options = {}) => store.events.redeliver(options.consumer ?? 'webhook', options.eventId),
    async deliveries(options = {}) {
      const rows = await store.events.deliveries(options.consumer ?? 'webhook', pageSize(options.limit, 50));
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
      for (const d of dispatchers) d.stop();
      await Promise.allSettled(rounds.values());
    },
  };
}
