// The way back from DOKU Checkout: after a full-page redirect the BFF's return page sends the customer
// to the shop's page with the payment in the query; in a popup or an overlay it posts a message to the
// shop's window. Either way it is only a nudge: the flow re-reads the payment from the BFF.
import { CHECKOUT_RETURN_MESSAGE_TYPE, CHECKOUT_RETURN_PARAMS } from '@kki-kit/contract';
import type { KkiClient } from './bff-client.js';

/** What the return page put in the shop's address after a redirect. */
export interface KkiCheckoutReturn {
  readonly paymentId: string;
  /** The status the BFF confirmed with DOKU: a hint for the first render, never the proof. */
  readonly status: string | null;
}

// The contract's payment id shape as a plain pattern (no schema in the browser bundle for this).
const PAYMENT_ID = /^pay_[A-Za-z0-9]{8,64}$/;

/** The payment a redirect back from DOKU Checkout names in `href` (`?kki_payment=`), if any. */
export function checkoutReturnFrom(href: string): KkiCheckoutReturn | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const paymentId = url.searchParams.get(CHECKOUT_RETURN_PARAMS.paymentId);
  if (paymentId === null || !PAYMENT_ID.test(paymentId)) return null;
  return { paymentId, status: url.searchParams.get(CHECKOUT_RETURN_PARAMS.status) };
}

/** `href` without the return parameters (so a reload or a shared link is not taken for a return). */
export function withoutCheckoutReturn(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(CHECKOUT_RETURN_PARAMS.paymentId);
  url.searchParams.delete(CHECKOUT_RETURN_PARAMS.status);
  return url.toString();
}

/**
 * Calls `onReturn` when the BFF's checkout return page, in a popup or an overlay, says payment
 * `paymentId` is back. Only messages from the BFF's origin with the exact shape count. Returns the
 * function that stops listening.
 */
export function onCheckoutReturnMessage(
  client: KkiClient,
  paymentId: string,
  onReturn: () => void,
): () => void {
  if (typeof window === 'undefined') return () => {};
  const bffOrigin = new URL(client.baseUrl || '/', window.location.href).origin;
  const listener = (event: MessageEvent) => {
    if (event.origin !== bffOrigin) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const message = data as { type?: unknown; paymentId?: unknown };
    // The status it carries is not read: the payment is read from the BFF, never taken from a message.
    if (message.type === CHECKOUT_RETURN_MESSAGE_TYPE && message.paymentId === paymentId) onReturn();
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}
