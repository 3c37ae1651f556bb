// Checkout reconciliation: checkout payments left `created` / `pending` longer than
// `reconciliation.pendingAfterMs` (a lost notification, a customer who closed DOKU's page, a crash
// between DOKU's answer and the store) are settled from DOKU's order status, and expired once DOKU's
// page is past its time. Plugged into the shared reconciliation service as the `checkout` reconciler.
//
// It also asks again about checkouts the BFF closed itself (cancelled in the shop, expired while DOKU
// still said pending): DOKU Checkout has no cancel call, so DOKU's page stays payable until its own
// deadline, and a payment made there whose notification is lost would otherwise leave the customer
// charged with the order still open. Such a payment carries `PAYMENT_RECHECK_UNTIL_FACT`; it is asked
// about until then, plus one last answered check after it, and the mark is then cleared. A success
// goes through `confirm` like any other: the store reopens the payment or records an extra charge,
// which is refunded at once.
import { CHECKOUT_TRANSACTION_STATUSES } from '@kki-kit/doku';
import type { PaymentReconciler } from '../services/reconciliation.js';
import type { CheckoutPaymentService, ServiceDeps } from '../services/types.js';
import { PAYMENT_RECHECK_UNTIL_FACT, type PaymentRecord } from '../store/index.js';

/** Closed checkouts asked about per reconciliation run, least recently updated first. */
export const CLOSED_RECHECK_BATCH = 100;

/**
 * How long after its recheck deadline a closed checkout DOKU has not answered about (DOKU down, or an
 * order DOKU does not know) is still tried for its last check before it is left alone.
 */
export const CLOSED_RECHECK_GIVE_UP_MS = 24 * 60 * 60_000;

// DOKU's own word that the page closed unpaid: nothing more can be paid on it.
const pageClosed = (payment: PaymentRecord, since: number): boolean => {
  const word = payment.doku.transactionStatus;
  return (
    typeof word === 'string' &&
    CHECKOUT_TRANSACTION_STATUSES[word.toUpperCase()] === 'expired' &&
    (payment.lastCheckedAt?.getTime() ?? 0) >= since
  );
};

/** Asks DOKU again about the checkouts the BFF closed itself that DOKU's page may still take; returns how many. */
async function recheckClosed(
  checkout: CheckoutPaymentService,
  deps: ServiceDeps,
  { now, before }: { now: number; before: Date },
): Promise<number> {
  const closed = await deps.store.payments.listToRecheck({
    method: 'checkout',
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
      const after = await checkout.confirm(payment);
      const answered = (after.lastCheckedAt?.getTime() ?? 0) >= at;
      if (after.status !== payment.status) {
        deps.log.warn('closed checkout changed at DOKU', {
          paymentId: payment.id,
          from: payment.status,
          to: after.status,
        });
      } else if (answered && (pageClosed(after, at) || now > until)) {
        // DOKU's word that the page closed unpaid, or its answer after the page's time: settled.
        await unmark(after);
      } else if (after.updatedAt.getTime() === payment.updatedAt.getTime()) {
        // DOKU gave no answer (unreachable, or a refusal): touched, so it waits `pendingAfterMs` like
        // a checked one and the next run's batch moves on to others.
        await deps.store.payments.update(payment.id, {});
      }
    } catch (error) {
      // Tried again on the next run.
      deps.log.warn('closed checkout could not be rechecked', { paymentId: payment.id, error });
    }
  }
  return asked;
}

/** The Checkout reconciler: asks DOKU's order status through {@link CheckoutPaymentService.confirm}. */
export function createCheckoutReconciler(checkout: CheckoutPaymentService): PaymentReconciler {
  return {
    method: 'checkout',
    settle: (payment) => checkout.confirm(payment),
    recheckClosed: (deps, at) => recheckClosed(checkout, deps, at),
  };
}
