// The notifier: delivers the sandbox's notifications to the merchant as DOKU does, signed, retried
// on DOKU's schedule on the sandbox clock, and duplicated or reordered when the fault injector says so.
import { createExternalId, createRequestId } from '@kki-kit/doku';
import type {
  FaultInjector,
  NotificationAttempt,
  Notifier,
  OutboundNotification,
  SandboxClock,
  SandboxConfig,
} from '../context.js';
import { type NotificationSigningInput, nonSnapHeaders, snapHmacHeaders, snapRsaHeaders } from './headers.js';
import { createMerchantTokenSource, MerchantTokenError } from './merchant-token.js';
import { DELIVERY_TIMEOUT_MS, MAX_DELIVERY_ATTEMPTS, REORDER_HOLD_MS, retryAt } from './schedule.js';

export {
  DELIVERY_TIMEOUT_MS,
  DOKU_RETRY_OFFSETS_MS,
  MAX_DELIVERY_ATTEMPTS,
  REORDER_HOLD_MS,
  retryAt,
} from './schedule.js';
export { signedPath } from './headers.js';

/** One logged attempt, with what the sandbox knows beyond the shared `NotificationAttempt`. */
export interface NotificationLogEntry extends NotificationAttempt {
  family: OutboundNotification['family'];
  /** `X-EXTERNAL-ID` (SNAP) or `Request-Id` (Non-SNAP): the same on every attempt of one notification. */
  deliveryId: string;
  /** Which call failed: the merchant's token endpoint (HMAC mode) or the notification itself. */
  stage: 'token' | 'notify';
  /** Why the attempt failed, when it did (never contains the body). */
  error?: string;
  /** Sandbox-clock time of the next retry, when one is scheduled after this attempt. */
  nextRetryAt?: string;
}

/** A notification as the notifier tracks it. */
export interface NotificationRecord {
  id: string;
  topic: string;
  reference: string;
  url: string;
  family: OutboundNotification['family'];
  deliveryId: string;
  /** Delivered (2xx) on some attempt. */
  delivered: boolean;
  attempts: number;
  /** Sandbox-clock time of the original attempt. */
  firstAttemptAt: string | null;
  /** Never sent, by a `lose` fault: no attempt is made and none is retried. */
  lost: boolean;
}

/** The concrete notifier: `Notifier` plus what the ledger, control API and tests use. */
export interface SandboxNotifier extends Notifier {
  log(): ReadonlyArray<NotificationLogEntry>;
  /** Every notification sent so far with its delivery state. */
  notifications(): ReadonlyArray<NotificationRecord>;
  /** Number of retries scheduled and not yet run. */
  scheduledRetries(): number;
  /** Cancels scheduled retries and held notifications, and forgets the log. */
  reset(): void;
}

/** What the notifier needs (see `SandboxContext`). */
export interface NotifierDeps {
  config: SandboxConfig;
  clock: SandboxClock;
  faults: FaultInjector;
  fetch: typeof fetch;
}

interface Tracked {
  record: NotificationRecord;
  n: OutboundNotification;
  firstAttemptMs: number | null;
  /** Retries already scheduled (1-based count). */
  retries: number;
  cancelRetry: (() => void) | null;
}

/**
 * Creates the notifier. Each notification is signed for its family: SNAP in
 * `config.snapNotificationMode` ('rsa': DOKU's private key; 'hmac': a token from the merchant's
 * token URL plus HMAC-SHA512 with the secret key), Non-SNAP with HMACSHA256. A non-2xx answer, a
 * network error or no answer within `DELIVERY_TIMEOUT_MS` schedules the next of DOKU's retries.
 */
export function createNotifier(deps: NotifierDeps): SandboxNotifier {
  const { config, clock } = deps;
  const tokens = createMerchantTokenSource({ ...deps, timeoutMs: DELIVERY_TIMEOUT_MS });
  const entries: NotificationLogEntry[] = [];
  const tracked: Tracked[] = [];
  const inflight = new Set<Promise<void>>();
  /** Held back by a 'reorder' fault; released by the next send or after REORDER_HOLD_MS. */
  let held: Array<{ t: Tracked; duplicate: boolean; cancel: () => void; done: () => void }> = [];
  let counter = 0;
  // Bumped by reset(): work started before it must not write into the fresh state.
  let generation = 0;

  function track(p: Promise<void>): void {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }

  async function headersFor(t: Tracked, input: NotificationSigningInput): Promise<Record<string, string>> {
    if (t.n.family === 'nonsnap') return nonSnapHeaders(input);
    if (config.snapNotificationMode === 'rsa') return snapRsaHeaders(input);
    return snapHmacHeaders({ ...input, accessToken: await tokens.get() });
  }

  /** One HTTP attempt; returns whether the merchant answered 2xx. Never throws. */
  async function attempt(t: Tracked, duplicate: boolean): Promise<boolean> {
    const gen = generation;
    const now = clock.now();
    if (!duplicate) {
      t.record.attempts += 1;
      if (t.firstAttemptMs === null) {
        t.firstAttemptMs = now.getTime();
        t.record.firstAttemptAt = now.toISOString();
      }
    }
    let status: number | 'network_error' = 'network_error';
    let stage: NotificationLogEntry['stage'] = 'notify';
    let error: string | undefined;
    try {
      const headers = await headersFor(t, {
        config,
        url: t.n.url,
        body: t.n.body,
        now,
        deliveryId: t.record.deliveryId,
      });
      const res = await deps.fetch(t.n.url, {
        method: 'POST',
        headers,
        body: t.n.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = res.status;
      // Drain the answer so the connection is released; its content does not matter to DOKU.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `merchant answered HTTP ${res.status}`;
      // A merchant that no longer accepts the token gets a fresh one on the next attempt.
      if (res.status === 401 && t.n.family === 'snap') tokens.invalidate();
    } catch (err) {
      if (err instanceof MerchantTokenError) {
        stage = 'token';
        status = err.status;
        error = err.message;
      } else {
        error = `delivery failed: ${(err as Error).name}`;
      }
    }
    if (gen !== generation) return false;
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    const entry: NotificationLogEntry = {
      id: t.record.id,
      topic: t.n.topic,
      reference: t.n.reference,
      url: t.n.url,
      attempt: t.record.attempts,
      status,
      at: now.toISOString(),
      duplicate,
      family: t.n.family,
      deliveryId: t.record.deliveryId,
      stage,
    };
    if (error !== undefined) entry.error = error;
    entries.push(entry);
    if (ok) t.record.delivered = true;
    if (!duplicate && !ok && !t.record.delivered) scheduleRetry(t, entry);
    return ok;
  }

  function scheduleRetry(t: Tracked, entry: NotificationLogEntry): void {
    const at = retryAt(t.firstAttemptMs ?? clock.nowMs(), t.retries + 1, config.notificationRetryScale);
    if (at === null || t.record.attempts >= MAX_DELIVERY_ATTEMPTS) return;
    t.retries += 1;
    entry.nextRetryAt = new Date(at).toISOString();
    t.cancelRetry = clock.schedule(at, () => {
      t.cancelRetry = null;
      const p = attempt(t, false).then(() => undefined);
      track(p);
      return p;
    });
  }

  /** The first attempt, then the injected duplicate (same id, fresh timestamp and signature). */
  async function firstDelivery(t: Tracked, duplicate: boolean): Promise<void> {
    await attempt(t, false);
    if (duplicate) await attempt(t, true);
  }

  function releaseHeld(): Promise<void> {
    const batch = held;
    held = [];
    return (async () => {
      for (const h of batch) {
        h.cancel();
        try {
          await firstDelivery(h.t, h.duplicate);
        } finally {
          h.done();
        }
      }
    })();
  }

  return {
    send(n: OutboundNotification) {
      counter += 1;
      const record: NotificationRecord = {
        id: `ntf_${String(counter).padStart(6, '0')}`,
        topic: n.topic,
        reference: n.reference,
        url: n.url,
        family: n.family,
        // Non-SNAP: a UUID Request-Id (≤128); SNAP: a numeric X-EXTERNAL-ID (≤36) (doku-api.md §2.3, §7.6).
        deliveryId: n.family === 'nonsnap' ? createRequestId() : createExternalId(clock.now()),
        delivered: false,
        attempts: 0,
        firstAttemptAt: null,
        lost: false,
      };
      const t: Tracked = { record, n, firstAttemptMs: null, retries: 0, cancelRetry: null };
      tracked.push(t);
      const { duplicate, reorder, lose } = deps.faults.notificationFaults();
      if (lose) {
        record.lost = true;
        return;
      }
      if (reorder) {
        // Hold this one back: the next notification overtakes it, or it goes out after the hold.
        let done: () => void = () => undefined;
        const waiting = new Promise<void>((resolve) => {
          done = resolve;
        });
        track(waiting);
        const cancel = clock.schedule(clock.nowMs() + REORDER_HOLD_MS, () => releaseHeld());
        held.push({ t, duplicate, cancel, done });
        return;
      }
      const p = (async () => {
        await firstDelivery(t, duplicate);
        if (held.length > 0) await releaseHeld();
      })();
      track(p);
    },
    log: () => entries.slice(),
    notifications: () => tracked.map((t) => ({ ...t.record })),
    scheduledRetries: () => tracked.filter((t) => t.cancelRetry !== null).length,
    async idle() {
      // Attempts can start more work (a duplicate, a released hold); wait until quiet.
      for (let i = 0; i < 1000 && inflight.size > 0; i++) {
        await Promise.all([...inflight]);
      }
    },
    reset() {
      generation += 1;
      for (const t of tracked) t.cancelRetry?.();
      for (const h of held) {
        h.cancel();
        h.done();
      }
      held = [];
      tracked.length = 0;
      entries.length = 0;
      tokens.invalidate();
    },
  };
}
