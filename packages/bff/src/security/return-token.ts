// Single-use return tokens: the URL the BFF gives DOKU for sending the customer back carries
// `expiry.nonce.mac`, the MAC binding the purpose and the payment id. DOKU's page sends the customer
// back in a context where the shop's session may not reach the BFF (a third-party frame, a popup, a
// bearer token a navigation cannot carry), so the URL itself proves the visit was sent by this BFF.
// Each token works once, counted in the store so every instance sees the use.
import { timingSafeEqual, toBase64 } from '@kki-kit/doku';
import type { Context } from 'hono';
import type { AuthenticateHook } from '../config.js';
import { mac } from '../session-token.js';
import type { PaymentRecord, Store } from '../store/index.js';

/** What a token is for; tokens of one purpose never open another's route. */
export type ReturnTokenPurpose = 'card' | 'checkout';

const TOKEN = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const payload = (purpose: ReturnTokenPurpose, paymentId: string, expiry: string, nonce: string) =>
  `kki-${purpose}-return\n${paymentId}\n${expiry}\n${nonce}`;

/** Mints a `purpose` return token of `paymentId`, valid `ttlMs` from `now`. */
export async function createReturnToken(
  secret: string,
  purpose: ReturnTokenPurpose,
  paymentId: string,
  ttlMs: number,
  now = Date.now(),
): Promise<string> {
  const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  const expiry = String(now + ttlMs);
  return `${expiry}.${nonce}.${await mac(secret, payload(purpose, paymentId, expiry, nonce))}`;
}

/**
 * Whether `token` is a valid, unexpired `purpose` return token of `paymentId` used for the first
 * time; the use is recorded, so the same token answers false from then on (on every instance
 * sharing the store).
 */
export async function useReturnToken(
  store: Store,
  secret: string,
  purpose: ReturnTokenPurpose,
  paymentId: string,
  token: string,
  now = Date.now(),
): Promise<boolean> {
  const m = TOKEN.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return false;
  const [, expiry, nonce, signature] = m;
  const left = Number(expiry) - now;
  if (left <= 0) return false;
  if (!timingSafeEqual(signature, await mac(secret, payload(purpose, paymentId, expiry, nonce)))) {
    return false;
  }
  // The counter's window opens at the first use and lasts the token's remaining life, so a second
  // use always counts 2 until the token has expired anyway.
  return (await store.rateLimits.hit(`${purpose}-return-token`, nonce, left)) === 1;
}

/**
 * The payment a return page may show: the one whose single-use `purpose` return token this is (the
 * URL DOKU was given), or the signed-in customer's own. Anything else is `null`, answered like an
 * unknown id.
 */
export async function returningPayment(
  deps: { store: Store; secret: string; authenticate: AuthenticateHook },
  c: Context,
  purpose: ReturnTokenPurpose,
  paymentId: string,
  token: string | undefined,
): Promise<PaymentRecord | null> {
  if (token !== undefined && (await useReturnToken(deps.store, deps.secret, purpose, paymentId, token))) {
    return deps.store.payments.get(paymentId);
  }
  const customerId = await deps.authenticate(c);
  if (typeof customerId !== 'string' || customerId === '') return null;
  return deps.store.payments.getForCustomer(paymentId, customerId);
}
