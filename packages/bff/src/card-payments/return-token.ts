// The single-use token in the card return URL. DOKU's page sends the customer back in the shop's
// iframe, where the shop's session may not reach the BFF (a third-party frame, or a bearer token
// the navigation cannot carry), so the URL itself proves the visit was sent there by this BFF:
// `expiry.nonce.mac`, the MAC binding the payment id. Each token works once, counted in the store
// so every instance sees the use.
import { timingSafeEqual, toBase64 } from '@kki-kit/doku';
import { mac } from '../session-token.js';
import type { Store } from '../store/index.js';

/** How long a return token works: longer than any card page stays open. */
export const CARD_RETURN_TOKEN_TTL_MS = 2 * 60 * 60_000;

// The store's counter bucket of used tokens (one row per nonce, for the token's lifetime).
const USED_BUCKET = 'card-return-token';
const TOKEN = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const payload = (paymentId: string, expiry: string, nonce: string) =>
  `kki-card-return\n${paymentId}\n${expiry}\n${nonce}`;

/** Mints the return token of `paymentId`, valid {@link CARD_RETURN_TOKEN_TTL_MS} from `now`. */
export async function createCardReturnToken(
  secret: string,
  paymentId: string,
  now = Date.now(),
): Promise<string> {
  const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  const expiry = String(now + CARD_RETURN_TOKEN_TTL_MS);
  return `${expiry}.${nonce}.${await mac(secret, payload(paymentId, expiry, nonce))}`;
}

/**
 * Whether `token` is a valid, unexpired return token of `paymentId` used for the first time; the use
 * is recorded, so the same token answers false from then on (on every instance sharing the store).
 */
export async function useCardReturnToken(
  store: Store,
  secret: string,
  paymentId: string,
  token: string,
  now = Date.now(),
): Promise<boolean> {
  const m = TOKEN.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return false;
  const [, expiry, nonce, signature] = m;
  if (Number(expiry) <= now) return false;
  if (!timingSafeEqual(signature, await mac(secret, payload(paymentId, expiry, nonce)))) return false;
  // The counter's window outlives the token (it opens at the first use, after the token was minted),
  // so a second use always counts 2 until the token has expired anyway.
  return (await store.rateLimits.hit(USED_BUCKET, nonce, CARD_RETURN_TOKEN_TTL_MS)) === 1;
}
