// The card page's return message, read without zod: the frame in the browser reads it with
// `readCardReturnMessage`; `cardReturnMessageSchema` (card-payments.ts) documents it for the BFF.
import type { CardReturnMessage } from './card-payments.js';
import { ID_PREFIXES, isOpaqueId } from './ids.js';
import { PAYMENT_STATUSES } from './view-enums.js';

/** `event.data.type` of the message the return page posts to the frame's parent window. */
export const CARD_RETURN_MESSAGE_TYPE = 'kki-kit:card-payment-return';

/**
 * The return page's message when `data` is one (its type, a `pay_` id and a known status), else
 * `null`. The frame still checks the sender's origin and re-reads the payment from the BFF: the
 * message is a nudge, not a proof.
 */
export function readCardReturnMessage(data: unknown): CardReturnMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, paymentId, status } = data as Record<string, unknown>;
  return type === CARD_RETURN_MESSAGE_TYPE &&
    isOpaqueId(paymentId, ID_PREFIXES.payment) &&
    (PAYMENT_STATUSES as readonly unknown[]).includes(status)
    ? (data as CardReturnMessage)
    : null;
}
