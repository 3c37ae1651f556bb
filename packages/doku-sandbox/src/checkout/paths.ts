// Paths of the sandbox's DOKU Checkout page. The page path mirrors DOKU's Checkout URL
// (`https://staging.doku.com/checkout-link-v2/{token_id}`, [3P-CHK]); the steps after it are the
// sandbox's own.

/** The Checkout page: `${CHECKOUT_PAGE_PREFIX}/{token_id}`. */
export const CHECKOUT_PAGE_PREFIX = '/checkout-link-v2';

/** The page of a Checkout. */
export function checkoutPagePath(tokenId: string): string {
  return `${CHECKOUT_PAGE_PREFIX}/${encodeURIComponent(tokenId)}`;
}
