// Checkout reconciliation: checkout payments left `created` / `pending` longer than
// `reconciliation.pendingAfterMs` (a lost notification, a customer who closed DOKU's page, a crash
// between DOKU's answer and the store) are settled from DOKU's order status, and expired once DOKU's
// page is past its time. Plugged into the shared reconciliation service as the `checkout` reconciler.
// Checkouts the BFF closed itself are asked about again (`services/closed-recheck.ts`): DOKU Checkout
// has no cancel call, so DOKU's page stays payable until its own deadline.
import { CHECKOUT_TRANSACTION_STATUSES } from '@kki-kit/doku';
import type { PaymentReconciler } from '../services/reconciliation.js';
import type { CheckoutPaymentService } from '../services/types.js';
import type { PaymentRecord } from '../store/index.js';

// DOKU's own word that the page closed unpaid: nothing more can be paid on it.
const pageClosed = (payment: PaymentRecord, since: number): boolean => {
  const word = payment.doku.transactionStatus;
  return (
    typeof word === 'string' &&
    CHECKOUT_TRANSACTION_STATUSES[word.toUpperCase()] === 'expired' &&
    (payment.lastCheckedAt?.getTime() ?? 0) >= since
  );
};

/** The Checkout reconciler: asks DOKU's order status through {@link CheckoutPaymentService.confirm}. */
export function createCheckoutReconciler(checkout: CheckoutPaymentService): PaymentReconciler {
  return {
    method: 'checkout',
    settle: (payment) => checkout.confirm(payment),
    closedAtDoku: pageClosed,
  };
}
