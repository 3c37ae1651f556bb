// Checkout reconciliation: checkout payments left `created` / `pending` longer than
// `reconciliation.pendingAfterMs` (a lost notification, a customer who closed DOKU's page, a crash
// between DOKU's answer and the store) are settled from DOKU's order status, and expired once DOKU's
// page is past its time. Plugged into the shared reconciliation service as the `checkout` reconciler.
import type { PaymentReconciler } from '../services/reconciliation.js';
import type { CheckoutPaymentService } from '../services/types.js';

/** The Checkout reconciler: asks DOKU's order status through {@link CheckoutPaymentService.confirm}. */
export function createCheckoutReconciler(checkout: CheckoutPaymentService): PaymentReconciler {
  return { method: 'checkout', settle: (payment) => checkout.confirm(payment) };
}
