// Which payment state may follow which is the contract's (`PAYMENT_TRANSITIONS`). The store applies a
// transition only when it is allowed, under a row lock, so notifications, status polls and
// reconciliation racing each other cannot move a payment backwards.
import { canPaymentTransition, type PaymentStatus } from '@kki-kit/contract';

/** Who caused a state change; recorded in `payment_events`. */
export type PaymentEventSource =
  | 'api'
  | 'doku_response'
  | 'notification'
  | 'status_check'
  | 'reconciliation'
  | 'merchant'
  | 'refund';

/** The sources that speak for DOKU: only they may reopen a closed payment (the contract's rule). */
const DOKU_CONFIRMED: readonly PaymentEventSource[] = [
  'doku_response',
  'notification',
  'status_check',
  'reconciliation',
];

/** Whether `from -> to` is allowed for `source` (`canPaymentTransition` of the contract). */
export function canTransition(from: PaymentStatus, to: PaymentStatus, source: PaymentEventSource): boolean {
  return canPaymentTransition(from, to, { dokuConfirmed: DOKU_CONFIRMED.includes(source) });
}

// What an open attempt is has one home, the contract (the React kit reads it too): reconciliation
// looks at open payments, and an order has at most one (`order_payment_open`).
export { isOpenPaymentStatus as isOpenPayment, OPEN_PAYMENT_STATUSES } from '@kki-kit/contract';

/** States in which DOKU holds or took the customer's money for the payment. */
export const MONEY_TAKEN_STATUSES: readonly PaymentStatus[] = ['authorized', 'succeeded'];

/**
 * States DOKU's status API can only repeat: the money was taken and the payment settled (refunds are
 * the BFF's own calls). A notification of unknown shape naming such a payment needs no status check.
 */
export const SETTLED_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'succeeded',
  'partially_refunded',
  'refunded',
];
