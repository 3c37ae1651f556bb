// Remembers the id of an unfinished payment across a redirect to the bank and back. Only the opaque
// payment id is kept, in sessionStorage (this tab only); never card data.

const key = (orderId: string) => `kki-kit:payment:${orderId}`;

function store(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    // Storage can throw when blocked by privacy settings; resuming is then simply unavailable.
    return null;
  }
}

/** The unfinished payment of `orderId` this tab started, if any. */
export function readPendingPayment(orderId: string): string | null {
  return store()?.getItem(key(orderId)) ?? null;
}

/** Remembers `paymentId` as the unfinished payment of `orderId`. */
export function writePendingPayment(orderId: string, paymentId: string): void {
  try {
    store()?.setItem(key(orderId), paymentId);
  } catch {
    // Quota or privacy errors: resuming after a redirect is a convenience, the BFF keeps the truth.
  }
}

/** Forgets the unfinished payment of `orderId`. */
export function clearPendingPayment(orderId: string): void {
  store()?.removeItem(key(orderId));
}

/** Where a payment flow remembers the open payment of an order across a redirect. */
export interface PendingPaymentStore {
  read(orderId: string): string | null;
  write(orderId: string, paymentId: string): void;
  clear(orderId: string): void;
}

/** The tab's sessionStorage (nothing where there is none, e.g. on a server). */
export const sessionPendingPayments: PendingPaymentStore = {
  read: readPendingPayment,
  write: writePendingPayment,
  clear: clearPendingPayment,
};
