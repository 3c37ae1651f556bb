// The payment state machine: which states are an open attempt, and which state may follow which.
// Plain data, no zod: the React kit's components read it, and a schema module here would pull the
// API's schemas into their bundles.
import type { PaymentStatus } from './views.js';

/**
 * States of an open attempt: DOKU or the customer may still change its outcome. An order has at most
 * one open attempt; the BFF refuses another with `order_payment_open`.
 */
export const OPEN_PAYMENT_STATUSES = ['created', 'pending'] as const satisfies readonly PaymentStatus[];

/** Whether a payment in `status` is an open attempt (see {@link OPEN_PAYMENT_STATUSES}). */
export function isOpenPaymentStatus(status: PaymentStatus): boolean {
  return (OPEN_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

/**
 * Which state may follow which. A payment never moves backwards (a late `pending` never overwrites
 * `succeeded`); `failed`, `expired`, `cancelled` and `refunded` are left only as
 * {@link REOPENABLE_PAYMENT_STATUSES} allows. Same-state moves only for partial refunds.
 */
export const PAYMENT_TRANSITIONS: { readonly [S in PaymentStatus]: readonly PaymentStatus[] } = {
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
 * Closed states that DOKU's confirmation still moves to `succeeded` or `authorized`: money DOKU says
 * it took is a fact even when the kit had given up on the payment (a timeout marked it expired, the
 * customer cancelled while the issuer approved).
 */
export const REOPENABLE_PAYMENT_STATUSES = [
  'failed',
  'expired',
  'cancelled',
] as const satisfies readonly PaymentStatus[];

/**
 * Whether a payment may move `from` → `to`: by {@link PAYMENT_TRANSITIONS}, or out of a
 * {@link REOPENABLE_PAYMENT_STATUSES} state to `succeeded` / `authorized` when DOKU confirms it.
 */
export function canPaymentTransition(
  from: PaymentStatus,
  to: PaymentStatus,
  { dokuConfirmed }: { dokuConfirmed: boolean },
): boolean {
  if (PAYMENT_TRANSITIONS[from].includes(to)) return true;
  return (
    dokuConfirmed &&
    (REOPENABLE_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(from) &&
    (to === 'succeeded' || to === 'authorized')
  );
}
