// Which payment state may follow which. The store applies a transition only when this table allows
// it, under a row lock, so notifications, status polls and reconciliation racing each other cannot
// move a payment backwards (a late "pending" never overwrites "succeeded").
import type { PaymentStatus } from '@kki-kit/contract';

/** Who caused a state change; recorded in `payment_events`. */
export type PaymentEventSource =
  | 'api'
  | 'doku_response'
  | 'notification'
  | 'status_check'
  | 'reconciliation'
  | 'merchant'
  | 'refund';

const NEXT: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  created: ['pending', 'authorized', 'succeeded', 'failed', 'expired', 'cancelled'],
  pending: ['authorized', 'succeeded', 'failed', 'expired', 'cancelled'],
  authorized: ['succeeded', 'cancelled', 'expired'],
  succeeded: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  failed: [],
  expired: [],
  cancelled: [],
  refunded: [],
};

/**
 * Money DOKU says it took is a fact even when the BFF had given up on the payment (a timeout marked
 * it expired, the customer cancelled while the issuer approved). Only DOKU-confirmed sources may
 * move a closed payment to `succeeded` / `authorized`.
 */
const DOKU_CONFIRMED: readonly PaymentEventSource[] = [
  'doku_response',
  'notification',
  'status_check',
  'reconciliation',
];
const REOPENABLE: readonly PaymentStatus[] = ['failed', 'expired', 'cancelled'];

/** Whether `from -> to` is allowed for `source`. Same-state moves are only allowed for refunds. */
export function canTransition(from: PaymentStatus, to: PaymentStatus, source: PaymentEventSource): boolean {
  if (NEXT[from].includes(to)) return true;
  return (
    REOPENABLE.includes(from) &&
    (to === 'succeeded' || to === 'authorized') &&
    DOKU_CONFIRMED.includes(source)
  );
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
