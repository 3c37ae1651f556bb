// What the order page says, decided from the BFF's order and payments only: a return from the bank
// app, DOKU's OTP page or DOKU Checkout may carry hints in its URL, but the result shown is the
// server's.
import type { OrderView, PaymentView } from '@kki-kit/contract';

/** The order page's state: paid (thanks), waiting for the bank, the last attempt failed, or not paid yet. */
export type OrderResultState = 'paid' | 'waiting' | 'failed' | 'open';

/** The state and the payment it is about (`null` when the order has no attempt yet). */
export interface OrderResult {
  readonly state: OrderResultState;
  readonly payment: PaymentView | null;
}

/**
 * The order's result: its paying payment once paid, else its open attempt (waiting), else its latest
 * attempt when that one ended without taking money (failed, expired, cancelled).
 */
export function orderResult(order: OrderView, payments: readonly PaymentView[]): OrderResult {
  const byId = (id: string | null) => (id === null ? null : (payments.find((p) => p.id === id) ?? null));
  if (order.status === 'paid') return { state: 'paid', payment: byId(order.paidPaymentId) };
  const open = byId(order.openPaymentId);
  if (open) return { state: 'waiting', payment: open };
  const latest = payments.reduce<PaymentView | null>(
    (last, p) => (last === null || p.createdAt > last.createdAt ? p : last),
    null,
  );
  if (latest === null) return { state: 'open', payment: null };
  return {
    state: latest.status === 'pending' || latest.status === 'created' ? 'waiting' : 'failed',
    payment: latest,
  };
}
