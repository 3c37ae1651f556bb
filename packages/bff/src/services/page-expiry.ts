// Hosted pages (DOKU's card page, DOKU Checkout) DOKU may never report on: an open payment past its
// page's deadline is expired here, so the order can be paid again and the order page stops showing
// "pending". DOKU's later word still wins: the store reopens an expired payment on a confirmed success,
// and a success the order no longer needs is refunded as an extra charge.
import type { PaymentRecord, Store } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';

/**
 * How long after a page's deadline an open payment is still given to DOKU (clock skew, a payment
 * submitted in the last second) before the BFF expires it itself.
 */
export const PAGE_EXPIRY_GRACE_MS = 5 * 60_000;

/** Expires `payment` when it is open and `deadlineMs` plus the grace has passed; else returns it as is. */
export async function expireIfPastDue(
  store: Pick<Store, 'payments'>,
  payment: PaymentRecord,
  deadlineMs: number,
  why: string,
): Promise<PaymentRecord> {
  if (!isOpenPayment(payment.status)) return payment;
  if (Date.now() < deadlineMs + PAGE_EXPIRY_GRACE_MS) return payment;
  const { record } = await store.payments.transition(payment.id, 'expired', {
    source: 'status_check',
    detail: { expiredBy: why },
    patch: { nextAction: { type: 'none' } },
  });
  return record;
}
