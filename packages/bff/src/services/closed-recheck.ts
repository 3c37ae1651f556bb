// Payments the BFF closed itself while DOKU could still take money on them: a KKI payment cancelled
// in the shop while the issuer app was open, a card page superseded by a new attempt or expired while
// DOKU still said pending, a DOKU Checkout cancelled in the shop (Checkout has no cancel call). DOKU
// reports a payment made there by notification; if that is lost, the customer would stay charged
// with the order open. Such a payment carries `PAYMENT_RECHECK_UNTIL_FACT` (set by `recheckMark`):
// reconciliation asks DOKU about it until then, plus one last answered check after it, and then
// clears the mark. A success goes through the method's own status check like any other: the store
// reopens the payment or records an extra charge, which is refunded at once.
import { PAYMENT_RECHECK_UNTIL_FACT, type PaymentRecord } from '../store/index.js';
import type { ServiceDeps } from './types.js';

/** Closed payments asked about per method and reconciliation run, least recently updated first. */
export const CLOSED_RECHECK_BATCH = 100;

/**
 * How long after its mark's time a closed payment DOKU has not answered about (DOKU down, or a
 * payment DOKU does not know) is still tried for its last check before it is left alone.
 */
export const CLOSED_RECHECK_GIVE_UP_MS = 24 * 60 * 60_000;

/** How one payment method is asked again: its reconciler's status check (`PaymentReconciler`). */
export interface ClosedRecheck {
  method: PaymentRecord['method'];
  /** Asks DOKU and applies its word (the method's status check); returns the payment as it stands. */
  settle(payment: PaymentRecord): Promise<PaymentRecord>;
  /**
   * DOKU's own word, in `payment` as `settle` left it at or after `since`, that nothing more can be
   * paid on it: the payment is then no longer asked about.
   */
  closedAtDoku?(payment: PaymentRecord, since: number): boolean;
  /**
   * How long DOKU holds this method's authorizations: an `authorized` payment older than it is asked
   * about again (for a day past it), so a release DOKU made on its own frees the order.
   */
  authorizationHoldMs?: number;
}

/**
 * Runs a status check and tells whether DOKU answered it: a check stamps `lastCheckedAt` when DOKU
 * answers, and returns the payment as it was when DOKU could not be asked.
 */
export async function askDoku(
  recheck: Pick<ClosedRecheck, 'settle'>,
  payment: PaymentRecord,
): Promise<{ after: PaymentRecord; answered: boolean }> {
  const at = Date.now();
  const after = await recheck.settle(payment);
  return { after, answered: (after.lastCheckedAt?.getTime() ?? 0) >= at };
}

/** Asks DOKU again about `method`'s payments the BFF closed itself; returns how many were asked. */
export async function recheckClosed(
  recheck: ClosedRecheck,
  deps: Pick<ServiceDeps, 'store' | 'log'>,
  { now, before }: { now: number; before: Date },
): Promise<number> {
  const closed = await deps.store.payments.listToRecheck({
    method: recheck.method,
    before,
    limit: CLOSED_RECHECK_BATCH,
  });
  const unmark = (payment: PaymentRecord) =>
    deps.store.payments.update(payment.id, { doku: { [PAYMENT_RECHECK_UNTIL_FACT]: null } });
  let asked = 0;
  for (const payment of closed) {
    const mark = payment.doku[PAYMENT_RECHECK_UNTIL_FACT];
    const until = typeof mark === 'string' ? Date.parse(mark) : Number.NaN;
    try {
      // Past its last chance (DOKU never answered about it for a day): left alone.
      if (!(now - until <= CLOSED_RECHECK_GIVE_UP_MS)) {
        await unmark(payment);
        continue;
      }
      asked++;
      const at = Date.now();
      const { after, answered } = await askDoku(recheck, payment);
      if (after.status !== payment.status) {
        deps.log.warn('closed payment changed at DOKU', {
          paymentId: payment.id,
          from: payment.status,
          to: after.status,
        });
      } else if (answered && (recheck.closedAtDoku?.(after, at) || now > until)) {
        // DOKU's word that nothing more can be paid, or its answer after the mark's time: settled.
        await unmark(after);
      } else if (after.updatedAt.getTime() === payment.updatedAt.getTime()) {
        // DOKU gave no answer (unreachable, or a refusal): touched, so it waits `pendingAfterMs` like
        // a checked one and the next run's batch moves on to others.
        await deps.store.payments.update(payment.id, {});
      }
    } catch (error) {
      // Tried again on the next run.
      deps.log.warn('closed payment could not be rechecked', { paymentId: payment.id, error });
    }
  }
  return asked;
}

/**
 * Asks DOKU again about `recheck.method`'s authorizations still uncaptured past DOKU's hold (DOKU
 * releases them on its own and may not say so by notification), and about those a capture was sent
 * for whose outcome the BFF did not record (`CAPTURE_SENT_AT_FACT`: it stopped mid-call, or the
 * notification was lost, and no retry came), for a day after the capture; returns how many were asked.
 */
export async function recheckHeld(
  recheck: ClosedRecheck,
  deps: Pick<ServiceDeps, 'store' | 'log'>,
  { now, before }: { now: number; before: Date },
): Promise<number> {
  const hold = recheck.authorizationHoldMs;
  if (hold === undefined) return 0;
  const [pastHold, captureSent] = await Promise.all([
    deps.store.payments.listHeld({
      method: recheck.method,
      createdBefore: new Date(now - hold),
      createdAfter: new Date(now - hold - CLOSED_RECHECK_GIVE_UP_MS),
      before,
      limit: CLOSED_RECHECK_BATCH,
    }),
    deps.store.payments.listCaptureSent({
      method: recheck.method,
      sentAfter: new Date(now - CLOSED_RECHECK_GIVE_UP_MS),
      before,
      limit: CLOSED_RECHECK_BATCH,
    }),
  ]);
  const held = [...new Map([...pastHold, ...captureSent].map((p) => [p.id, p])).values()];
  for (const payment of held) {
    try {
      const { after, answered } = await askDoku(recheck, payment);
      if (after.status !== payment.status) {
        deps.log.warn('authorization changed at DOKU', { paymentId: payment.id, to: after.status });
      } else if (!answered) {
        // Touched, so it waits `pendingAfterMs` like a checked one and the batch moves on.
        await deps.store.payments.update(payment.id, {});
      }
    } catch (error) {
      deps.log.warn('authorization could not be rechecked', { paymentId: payment.id, error });
    }
  }
  return held.length;
}
