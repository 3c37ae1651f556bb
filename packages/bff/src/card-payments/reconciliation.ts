// Cards reconciliation: card payments left `created` / `pending` longer than
// `reconciliation.pendingAfterMs` (a lost notification, a customer who closed the page) are settled
// from DOKU's order status, the same source the return route trusts. Plugged into the shared
// reconciliation service as the `card` method's reconciler. Card pages the BFF closed itself (a new
// attempt, expired while DOKU said pending) are asked about again (`services/closed-recheck.ts`).
import { CARD_AUTHORIZATION_HOLD_MS } from '@kki-kit/doku';
import type { PaymentReconciler } from '../services/reconciliation.js';
import type { CardPaymentService } from '../services/types.js';

/**
 * The Cards reconciler: asks DOKU's order status through {@link CardPaymentService.confirm}, also
 * about authorizations left uncaptured past DOKU's hold.
 */
export function createCardReconciler(cards: CardPaymentService): PaymentReconciler {
  return {
    method: 'card',
    settle: (payment) => cards.confirm(payment),
    authorizationHoldMs: CARD_AUTHORIZATION_HOLD_MS,
  };
}
