// The checkout return page's words to the shop's page, without schemas (browser bundles import these
// without zod): the message type it posts and the query parameters it adds after a redirect.

/** `event.data.type` of the message the checkout return page posts to its opener (popup) or parent (overlay). */
export const CHECKOUT_RETURN_MESSAGE_TYPE = 'kki-kit:checkout-return';

/**
 * Query parameters the return page adds to the shop's `returnUrl` after a full-page redirect, so the
 * page can resume the payment (it re-reads the payment from the BFF; the status is only a hint).
 */
export const CHECKOUT_RETURN_PARAMS = { paymentId: 'kki_payment', status: 'kki_status' } as const;
