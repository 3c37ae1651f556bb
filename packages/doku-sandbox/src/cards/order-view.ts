// How an order reads from the outside: time-based transitions (page expiry, authorization release,
// settlement), the Non-SNAP notification body and the order status body.
import { CARD_ORDER_REFUND_HISTORY, CHECKOUT_METHOD_TYPES } from '@kki-kit/doku';
import type { CardOrder } from './state.js';

/** DOKU's Non-SNAP timestamps in bodies: UTC without milliseconds (`2023-01-06T06:27:14Z`, §7.6). */
export function bodyTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Applies what the clock decides: an unpaid page past its lifetime expires the order; an
 * authorization past its 7-day hold is released (the order reads EXPIRED). Idempotent.
 */
export function refreshOrder(order: CardOrder, nowMs: number): void {
  if (order.status === 'PENDING' && nowMs >= order.pageExpiresAtMs) order.status = 'EXPIRED';
  const auth = order.authorization;
  if (order.status === 'SUCCESS' && auth?.status === 'AUTHORIZED' && nowMs >= auth.releaseAtMs) {
    auth.status = 'RELEASED';
    order.status = 'EXPIRED';
  }
}

/** Whether the order's funds have settled (before: VOID; after: refunds, doku-api.md §7.3). */
export function isSettled(order: CardOrder, nowMs: number): boolean {
  return order.settleAtMs !== null && nowMs >= order.settleAtMs;
}

/** The amount a refund counts against: captured amount for AUTHORIZE, else the charged amount. */
export function refundableBase(order: CardOrder): number {
  const auth = order.authorization;
  if (auth?.status === 'CAPTURED') return auth.capturedAmount ?? auth.amount;
  return order.amount;
}

/** Sum of successful refunds. */
export function refundedAmount(order: CardOrder): number {
  return order.refunds.filter((r) => r.status === 'SUCCESS').reduce((sum, r) => sum + r.amount, 0);
}

function cardPaymentBlock(order: CardOrder): Record<string, unknown> | undefined {
  const masked = order.card?.masked ?? order.checkout?.kki?.masked;
  if (!masked) return undefined;
  return {
    masked_card_number: masked,
    approval_code: order.approvalCode ?? '',
    response_code: order.responseCode ?? '',
    response_message: order.responseMessage ?? '',
    // Beyond the third-party sample (§7.6): what was charged after a promo, and the 3-D Secure ECI.
    amount: order.amount,
    eci: order.eci ?? '',
  };
}

function cardBlock(order: CardOrder): Record<string, unknown> | undefined {
  if (!order.card) return undefined;
  // Same fields as the capture response's `card` (doku-api.md §7.2).
  return {
    masked: order.card.masked,
    type: order.card.type,
    issuer: order.card.issuer,
    brand: order.card.brand,
    ...(order.token ? { token: order.token } : {}),
  };
}

function common(order: CardOrder): Record<string, unknown> {
  const c = order.customer;
  const customer = c
    ? Object.fromEntries(
        Object.entries({ id: c.id, name: c.name, email: c.email }).filter(([, v]) => v !== undefined),
      )
    : null;
  return {
    order: { invoice_number: order.invoiceNumber, amount: order.requestedAmount },
    ...(customer && Object.keys(customer).length > 0 ? { customer } : {}),
  };
}

/**
 * Which service a body names: `CREDIT_CARD`, or for a Checkout order the path the shopper took (the
 * KKI value is `CHECKOUT_METHOD_TYPES.kki`, GUESS) and nothing while none is taken yet.
 */
function serviceBlock(order: CardOrder): Record<string, unknown> {
  const co = order.checkout;
  if (co && co.channel === null) return {};
  if (co?.kki) {
    const id = CHECKOUT_METHOD_TYPES.kki;
    return { service: { id }, acquirer: { id: co.kki.issuerId.toUpperCase() }, channel: { id } };
  }
  const id = CHECKOUT_METHOD_TYPES.card;
  return { service: { id }, acquirer: { id: order.acquirer }, channel: { id } };
}

function extras(order: CardOrder): Record<string, unknown> {
  return {
    ...serviceBlock(order),
    // A Checkout's bodies say where they come from, as DOKU's do ([3P-CHK] in open-questions.ts).
    ...(order.checkout?.origin
      ? { additional_info: { origin: { product: 'CHECKOUT', source: 'direct', apiFormat: 'JOKUL' } } }
      : {}),
    ...(cardPaymentBlock(order) ? { card_payment: cardPaymentBlock(order) } : {}),
    ...(cardBlock(order) ? { card: cardBlock(order) } : {}),
    ...(order.authorization ? { authorize_id: order.authorization.authorizeId } : {}),
    ...(order.promo
      ? {
          promo: {
            bin: order.promo.bin,
            discount_amount: order.promo.discountAmount,
            final_amount: order.amount,
          },
        }
      : {}),
    ...(order.installment
      ? {
          installment: {
            acquirer: order.installment.acquirer,
            tenor: order.installment.tenor,
            type: order.installment.kind,
          },
        }
      : {}),
  };
}

/**
 * The Non-SNAP card notification body (doku-api.md §7.6: envelope of DOKU's VA sample plus the card
 * fields of a third-party summary, unverified). `transactionType` is the payment type, or CAPTURE
 * for a capture of an AUTHORIZE.
 */
export function cardNotificationBody(
  order: CardOrder,
  transactionType: string,
  atMs: number,
): Record<string, unknown> {
  const capture = transactionType === 'CAPTURE' ? order.authorization : null;
  return {
    ...common(order),
    transaction: {
      type: transactionType,
      status: order.status === 'SUCCESS' ? 'SUCCESS' : 'FAILED',
      date: bodyTime(atMs),
      original_request_id: order.originalRequestId,
      ...(capture ? { amount: capture.capturedAmount } : {}),
    },
    ...extras(order),
  };
}

/**
 * `GET /orders/v1/status/{invoice_number}` body (doku-api.md §7.5: DOKU documents no card body; the
 * notification envelope is reused, plus the authorization, settlement and refund history the kit
 * needs to reconcile).
 */
export function orderStatusBody(order: CardOrder, nowMs: number): Record<string, unknown> {
  const auth = order.authorization;
  return {
    ...common(order),
    transaction: {
      type: order.type,
      status: order.status,
      date: bodyTime(order.completedAtMs ?? order.createdAtMs),
      original_request_id: order.originalRequestId,
    },
    ...extras(order),
    ...(auth
      ? {
          authorization: {
            status: auth.status,
            amount: auth.amount,
            captured_amount: auth.capturedAmount,
            capture_date: auth.capturedAtMs === null ? null : bodyTime(auth.capturedAtMs),
            release_date: bodyTime(auth.releaseAtMs),
          },
        }
      : {}),
    ...(order.settleAtMs !== null
      ? {
          settlement: {
            status: isSettled(order, nowMs) ? 'SETTLED' : 'UNSETTLED',
            date: bodyTime(order.settleAtMs),
          },
        }
      : {}),
    [CARD_ORDER_REFUND_HISTORY.list]: order.refunds.map((r) => ({
      [CARD_ORDER_REFUND_HISTORY.requestId]: r.requestId,
      amount: r.amount,
      type: r.type,
      status: r.status,
      message: r.message,
      ...(r.approvalCode ? { approval_code: r.approvalCode } : {}),
      date: bodyTime(r.atMs),
    })),
    refunded_amount: refundedAmount(order),
  };
}
