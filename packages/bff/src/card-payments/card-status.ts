// What a DOKU Cards order status or notification says (the two share one envelope): the payment
// state, and the non-secret facts the BFF keeps (approval, masked card, amounts, authorize id).
import { isMaskedCpan, type PaymentStatus } from '@kki-kit/contract';
import type { OrderStatusResponse } from '@kki-kit/doku';
import type { DokuFacts } from '../store/index.js';

/** The payment state a Cards order status or notification describes (the two share one envelope). */
export function cardStatusOf(
  body: Pick<OrderStatusResponse, 'transaction'> & Record<string, unknown>,
): PaymentStatus {
  const status = body.transaction.status.toUpperCase();
  const type = body.transaction.type?.toUpperCase();
  const authorization = body.authorization as { status?: unknown } | undefined;
  switch (status) {
    case 'SUCCESS':
      // An AUTHORIZE payment holds the money until captured; CAPTURE (or CAPTURED) means taken.
      if (authorization?.status === 'RELEASED') return 'expired';
      if (authorization?.status === 'VOIDED') return 'cancelled';
      if (authorization?.status === 'CAPTURED' || type === 'CAPTURE') return 'succeeded';
      return type === 'AUTHORIZE' ? 'authorized' : 'succeeded';
    case 'FAILED':
      return 'failed';
    case 'EXPIRED':
      return 'expired';
    default:
      return 'pending';
  }
}

/** Non-secret facts of a status or notification body: approval, masked card, amounts, authorize id. */
export function cardFactsOf(body: Record<string, unknown>): { facts: DokuFacts; maskedCpan: string | null } {
  const cardPayment = (body.card_payment ?? {}) as Record<string, unknown>;
  const authorization = (body.authorization ?? {}) as Record<string, unknown>;
  const transaction = (body.transaction ?? {}) as Record<string, unknown>;
  const facts: Record<string, string | number> = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') facts[key] = value;
  };
  put('authorizeId', body.authorize_id);
  put('approvalCode', cardPayment.approval_code);
  put('responseCode', cardPayment.response_code);
  put('transactionType', transaction.type);
  // What DOKU took: after a promo, or the captured part of an authorization. Refunds are capped by it.
  const captured = transaction.type === 'CAPTURE' ? transaction.amount : undefined;
  put('chargedAmount', authorization.captured_amount ?? captured ?? cardPayment.amount);
  const masked = cardPayment.masked_card_number;
  return {
    facts,
    maskedCpan: isMaskedCpan(masked) ? masked : null,
  };
}
