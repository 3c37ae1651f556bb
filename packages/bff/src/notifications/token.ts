// Tokens this BFF issues to DOKU for HMAC-mode notifications. Stateless (an expiry and an HMAC over
// it, keyed by a key derived from the secret key) so every BFF instance on the same secret accepts
// the token any instance issued.
import { timingSafeEqual, toHex, utf8 } from '@kki-kit/doku';

/** Lifetime of an issued token, seconds (DOKU's own B2B token lifetime). */
export const NOTIFICATION_TOKEN_TTL_S = 900;

/** Issues and checks notification tokens. */
export interface NotificationTokens {
  issue(): Promise<{ token: string; expiresInS: number }>;
  valid(token: string): Promise<boolean>;
}

/** Creates the token issuer over `secret` (the SNAP secret key). */
export function createNotificationTokens(secret: string, now: () => number): NotificationTokens {
  const key = crypto.subtle.importKey(
    'raw',
    utf8(`kki-kit:notification-token:${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = async (payload: string) => toHex(await crypto.subtle.sign('HMAC', await key, utf8(payload)));
  return {
    async issue() {
      const expires = String(now() + NOTIFICATION_TOKEN_TTL_S * 1000);
      return { token: `${expires}.${await mac(expires)}`, expiresInS: NOTIFICATION_TOKEN_TTL_S };
    },
    async valid(token) {
      const [expires, signature] = token.split('.');
      if (!expires || !signature || !/^\d+$/.test(expires) || Number(expires) < now()) return false;
      return timingSafeEqual(await mac(expires), signature);
    },
  };
}
