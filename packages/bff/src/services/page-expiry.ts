// Hosted pages (DOKU's card page, DOKU Checkout) DOKU may never report on: an open payment past its
// page's deadline is expired here, so the order can be paid again and the order page stops showing
// "pending". DOKU's later word still wins: the store reopens an expired payment on a confirmed success,
// and a success the order no longer needs is refunded as an extra charge.
import { type DokuError, NON_SNAP_ORDER_NOT_FOUND_HTTP_STATUS } from '@kki-kit/doku';
import {
  PAYMENT_RECHECK_UNTIL_FACT,
  type PaymentPatch,
  type PaymentRecord,
  type Store,
} from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';

/**
 * How long after a page's deadline an open payment is still given to DOKU (clock skew, a payment
 * submitted in the last second) before the BFF expires it itself.
 */
export const PAGE_EXPIRY_GRACE_MS = 5 * 60_000;

/**
 * Whether DOKU's refused order-status call is its own answer that it has no such order (HTTP 404:
 * the page was never opened, or is long gone). Any other refusal (a signature or a field DOKU refused,
 * a 401, a 400) says nothing about the page, so it never expires a payment.
 */
export function isNoSuchOrder(error: DokuError): boolean {
  return error.kind === 'decision' && error.httpStatus === NON_SNAP_ORDER_NOT_FOUND_HTTP_STATUS;
}

/**
 * Expires `payment` when it is open and `deadlineMs` plus the grace has passed; else returns it as is.
 * `patch` is set with the expiry (e.g. what a flow keeps to ask DOKU again later).
 */
export async function expireIfPastDue(
  store: Pick<Store, 'payments'>,
  payment: PaymentRecord,
  deadlineMs: number,
  why: string,
  patch: PaymentPatch = {},
): Promise<PaymentRecord> {
  if (!isOpenPayment(payment.status)) return payment;
  if (Date.now() < deadlineMs + PAGE_EXPIRY_GRACE_MS) return payment;
  const { record } = await store.payments.transition(payment.id, 'expired', {
    source: 'status_check',
    onlyWhileOpen: true,
    detail: { expiredBy: why },
    patch: { ...patch, nextAction: { type: 'none' } },
  });
  return record;
}

/**
 * How long past a page's deadline and grace a payment the BFF closed itself is still asked about: a
 * payment DOKU accepted at the last moment may take minutes to reach a final status (card
 * authentication, the issuer app).
 */
export const CLOSED_RECHECK_MARGIN_MS = 15 * 60_000;

/**
 * The patch that marks a payment the BFF closes itself (cancelled in the shop, a new attempt, expired
 * while DOKU still said pending) while DOKU's page or the issuer app, open until `deadlineMs`, could
 * still take money: reconciliation asks DOKU about it again until then plus the grace and
 * {@link CLOSED_RECHECK_MARGIN_MS} (see `closed-recheck.ts`), so a payment made there is refunded or
 * pays the order even when its notification is lost.
 */
export function recheckMark(deadlineMs: number): PaymentPatch {
  const until = deadlineMs + PAGE_EXPIRY_GRACE_MS + CLOSED_RECHECK_MARGIN_MS;
  return { doku: { [PAYMENT_RECHECK_UNTIL_FACT]: new Date(until).toISOString() } };
}
