// DOKU's `custIdMerchant` for a customer: alphanumeric and at most 64 characters, so a merchant's
// customer id (which may hold '@', '-', …) is hashed into one stable value instead of sent as-is.
import { toHex, utf8 } from '@kki-kit/doku';

/** The `custIdMerchant` DOKU knows `customerId` by (64 lower-case hex characters). */
export async function custIdMerchantFor(customerId: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', utf8(`kki-kit:customer:${customerId}`)));
}
