// The payment the shop's page was sent back with, from DOKU Checkout's return page or the issuer's
// app (KkiPayButton's paths; the card page answers its frame by message instead).
import { checkoutReturnFrom, withoutCheckoutReturn } from '@kki-kit/client';

// The parameters are taken out of the address (so a reload or a shared link is not taken for a
// return); the id is kept for the cleaned address, so a second mount (StrictMode, a remount) still
// resumes it.
let lastReturn: { readonly cleaned: string; readonly paymentId: string } | null = null;

/** The payment this page's address names as returned, if any (client-side only: it edits the address). */
export function returnedPaymentId(): string | null {
  if (typeof window === 'undefined') return null;
  const href = window.location.href;
  const found = checkoutReturnFrom(href);
  if (found === null) return lastReturn?.cleaned === href ? lastReturn.paymentId : null;
  const cleaned = withoutCheckoutReturn(href);
  window.history.replaceState(window.history.state, '', cleaned);
  lastReturn = { cleaned: window.location.href, paymentId: found.paymentId };
  return found.paymentId;
}
