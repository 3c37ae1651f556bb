// Reconciliation: payments left open longer than `pendingAfterMs` (a lost notification, a crash
// between DOKU's answer and the store) are settled from DOKU's status APIs. Each payment method
// brings its own reconciler: KKI here (debitStatus), Cards from the Cards flow (order status).
import type { PendingRefunds } from '../refunds/pending-refunds.js';
import { type ClosedRecheck, recheckClosed, recheckHeld } from './closed-recheck.js';
import { isOpenPayment } from '../store/payment-state.js';
import type { ReconciliationService, ServiceDeps } from './types.js';

/**
 * Settles one open payment of its method from DOKU's status (`settle`, returning it as it now
 * stands); the same check asks again about the method's payments the BFF closed itself.
 */
export type PaymentReconciler = ClosedRecheck;

const BATCH = 100;
/** Idempotency records deleted per statement, and statements per run (the rest waits a run). */
const SWEEP_BATCH = 1_000;
const SWEEP_STATEMENTS = 10;

/** Creates the reconciliation service over the given per-method reconcilers. */
export function createReconciliationService(
  deps: ServiceDeps & {
    reconcilers: readonly PaymentReconciler[];
    /** Applies notifications stored but never applied (run first: they are DOKU's own word). */
    inboxReplays?: readonly (() => Promise<number>)[];
    /** Asks DOKU again about refunds left pending (a 202, an unknown outcome, a crash). */
    pendingRefunds?: PendingRefunds;
    now?: () => number;
  },
): ReconciliationService {
  const { store, log, config } = deps;
  const now = deps.now ?? Date.now;
  let running: Promise<{ checked: number; settled: number }> | null = null;

  // Idempotency records past their retention, oldest first, a bounded amount per run: the table
  // stays as large as the retention's traffic. Every DOKU call's ids come from its key, not from the
  // record, so a retry after this still meets the payment, refund or binding its key made.
  async function sweepIdempotency(): Promise<void> {
    const before = new Date(now() - config.idempotencyRetentionMs);
    let deleted = 0;
    try {
      for (let i = 0; i < SWEEP_STATEMENTS; i++) {
        const n = await store.idempotency.sweep(before, SWEEP_BATCH);
        deleted += n;
        if (n < SWEEP_BATCH) break;
      }
    } catch (error) {
      log.warn('idempotency records past retention could not be deleted', { error });
    }
    if (deleted > 0) log.info('idempotency records past retention deleted', { deleted });
  }

  async function runOnce(): Promise<{ checked: number; settled: number }> {
    for (const replay of deps.inboxReplays ?? []) {
      try {
        await replay();
      } catch (error) {
        log.warn('stored notifications could not be replayed', { error });
      }
    }
    if (deps.extraCharges) {
      // Extra charges whose refund DOKU has not confirmed (a crash, DOKU down): ask again.
      try {
        await deps.extraCharges.retryOpen();
      } catch (error) {
        log.warn('extra charges could not be retried', { error });
      }
    }
    // Refunds left pending (a 202, an unknown outcome, a crash): asked again under their own ids.
    try {
      await deps.pendingRefunds?.settle(new Date(now() - config.reconciliation.pendingAfterMs));
    } catch (error) {
      log.warn('pending refunds could not be settled', { error });
    }
    const before = new Date(now() - config.reconciliation.pendingAfterMs);
    let checked = 0;
    let settled = 0;
    const seen = new Set<string>();
    for (;;) {
      const open = (await store.payments.listOpen(before, BATCH)).filter((p) => !seen.has(p.id));
      if (open.length === 0) break;
      for (const payment of open) {
        seen.add(payment.id);
        const reconciler = deps.reconcilers.find((r) => r.method === payment.method);
        if (!reconciler) continue;
        checked++;
        let after = payment;
        try {
          after = await reconciler.settle(payment);
          if (!isOpenPayment(after.status)) settled++;
        } catch (error) {
          // DOKU unreachable: the payment stays open and is tried again on the next run.
          log.warn('reconciliation could not settle a payment', { paymentId: payment.id, error });
        }
        // Left as it was (DOKU gave no usable answer): touched, so it waits `pendingAfterMs` like a
        // checked one and the next run's oldest batch is not these same payments again, leaving
        // every younger open payment unasked for as long as they stay unanswered.
        if (after.updatedAt.getTime() === payment.updatedAt.getTime()) {
          await store.payments.update(payment.id, {}).catch(() => {});
        }
      }
      if (open.length < BATCH) break;
    }
    // Payments the BFF closed itself while DOKU could still take them: asked again the same way.
    for (const reconciler of deps.reconcilers) {
      try {
        await recheckClosed(reconciler, deps, { now: now(), before });
        await recheckHeld(reconciler, deps, { now: now(), before });
      } catch (error) {
        log.warn('closed payments could not be rechecked', { method: reconciler.method, error });
      }
    }
    await sweepIdempotency();
    if (checked > 0) log.info('reconciliation run', { checked, settled });
    return { checked, settled };
  }

  return {
    run() {
      // One run at a time per instance; an interval firing during a long run joins it.
      running ??= runOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
