// Signed customer tokens for the standalone server, where no merchant session exists in-process:
// the merchant's backend mints `customerId.expiry.mac` with a shared secret, the page sends it as
// `Authorization: Bearer …`, the BFF checks it.
import { timingSafeEqual, toBase64, utf8 } from '@kki-kit/doku';

/** HMAC-SHA256 of `payload` under `secret`, as bytes. */
export async function macBytes(secret: string, payload: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(payload)));
}

/** HMAC-SHA256 of `payload` under `secret`, base64url without padding (URL- and cookie-safe). */
export async function mac(secret: string, payload: string): Promise<string> {
  return toBase64(await macBytes(secret, payload))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Mints a token for `customerId` valid `ttlSeconds` (default one hour). */
export async function createCustomerToken(
  secret: string,
  customerId: string,
  ttlSeconds = 3600,
  now = Date.now(),
): Promise<string> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(customerId))
    throw new TypeError('customerId must be 1-64 of A-Z a-z 0-9 _ -');
  const payload = `${customerId}.${Math.floor(now / 1000) + ttlSeconds}`;
  return `${payload}.${await mac(secret, payload)}`;
}

/** The customer id of a valid, unexpired token, else null. */
export async function verifyCustomerToken(
  secret: string,
  token: string,
  now = Date.now(),
): Promise<string | null> {
  const [customerId, expiry, signature] = token.split('.');
  if (!customerId || !expiry || !signature || !/^\d+$/.test(expiry)) return null;
  if (Number(expiry) * 1000 < now) return null;
  return timingSafeEqual(signature, await mac(secret, `${customerId}.${expiry}`)) ? customerId : null;
}
