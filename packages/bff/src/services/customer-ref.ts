// DOKU's `custIdMerchant` for a customer: alphanumeric and at most 64 characters, so a merchant's
// customer id (which may hold '@', '-', …) is hashed into one stable value instead of sent as-is.
import { CHECKOUT_CUSTOMER_ID_MAX, toHex, utf8 } from '@kki-kit/doku';
import { macBytes } from '../session-token.js';

/** The `custIdMerchant` DOKU knows `customerId` by (64 lower-case hex characters). */
export async function custIdMerchantFor(customerId: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', utf8(`kki-kit:customer:${customerId}`)));
}

/**
 * Length of {@link checkoutCustomerIdFor}'s ids: 48 hex characters (192 bits), or DOKU Checkout's
 * `customer.id` limit if that is ever found to be lower (`CHECKOUT_CUSTOMER_ID_MAX`, open questions).
 */
const CHECKOUT_CUSTOMER_ID_LENGTH = Math.min(48, CHECKOUT_CUSTOMER_ID_MAX);

/**
 * The `customer.id` DOKU Checkout knows the signed-in customer by (its tokenization offers the saved
 * card again to the same id): an HMAC under the merchant's secret, not reversible to the merchant's
 * customer id, even for a guessable id such as an email address. 48 lower-case hex characters. The
 * store keeps the first one sent per customer (`checkoutCustomers`), so a rotated secret changes
 * only the ids of customers who have not paid with Checkout yet.
 */
export async function checkoutCustomerIdFor(secret: string, customerId: string): Promise<string> {
  const tag = await macBytes(secret, `kki-kit:checkout-customer:${customerId}`);
  return toHex(tag).slice(0, CHECKOUT_CUSTOMER_ID_LENGTH);
}
