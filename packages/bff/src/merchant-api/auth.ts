// Authentication of the merchant HTTP API: `Authorization: Bearer <key>` against the configured keys.
// Each comparison hashes both sides first (hono's timingSafeEqual), so neither the time taken nor an
// early exit tells a caller how much of a key it guessed; every key is compared, so neither does
// which key of a rotation matched. A customer's session (token or cookie) is never looked at.
import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { KkiDomainError } from '../errors.js';

/** The realm named in `WWW-Authenticate` on a refusal. */
export const MERCHANT_API_REALM = 'kki-merchant-api';

const BEARER = /^Bearer +(\S+) *$/i;

/** Whether `presented` is one of `keys`, compared in constant time against every key. */
export async function matchesMerchantKey(presented: string, keys: readonly string[]): Promise<boolean> {
  const results = await Promise.all(keys.map((key) => timingSafeEqual(key, presented)));
  return results.includes(true);
}

/** Refuses (401 `merchant_unauthenticated`) a request without one of `keys` as its bearer token. */
export function merchantKeyAuth(keys: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const presented = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (presented === undefined || !(await matchesMerchantKey(presented, keys))) {
      c.header('WWW-Authenticate', `Bearer realm="${MERCHANT_API_REALM}"`);
      throw new KkiDomainError('merchant_unauthenticated', {
        internal:
          presented === undefined
            ? 'the Authorization header names no API key (the merchant API never takes a customer session)'
            : 'the API key sent is none of the configured merchant API keys',
      });
    }
    await next();
  };
}
