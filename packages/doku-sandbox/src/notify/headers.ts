// The headers DOKU puts on a notification, per family and signing mode.
import {
  nonSnapTimestamp,
  signNonSnap,
  signSnapAsymmetric,
  signSnapSymmetric,
  snapTimestamp,
} from '@kki-kit/doku';
import type { SandboxConfig } from '../context.js';

/** What the signature of one delivery attempt covers. */
export interface NotificationSigningInput {
  config: SandboxConfig;
  /** Merchant URL (absolute). */
  url: string;
  body: string;
  /** Sandbox-clock time of the attempt. */
  now: Date;
  /**
   * The notification's id in DOKU's header: `X-EXTERNAL-ID` (SNAP) or `Request-Id` (Non-SNAP). The
   * same on every attempt and duplicate, so the merchant can de-duplicate (doku-api.md §7.6).
   */
  deliveryId: string;
}

/**
 * The path the signature covers: the merchant URL's path with its query, if any (doku-api.md §2.1
 * "the full URL endpoint includes all parameters"; §3.1 Request-Target = notification URL path).
 */
export function signedPath(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/**
 * SNAP notification in RSA mode (doku-api.md §4.1): `X-SIGNATURE` = SHA256withRSA(DOKU private key,
 * `POST:<path>:<lowerhex sha256(minified body)>:<X-TIMESTAMP>`), no `Authorization`.
 */
export async function snapRsaHeaders(input: NotificationSigningInput): Promise<Record<string, string>> {
  const timestamp = snapTimestamp(input.now);
  const signature = await signSnapAsymmetric({
    method: 'POST',
    path: signedPath(input.url),
    body: input.body,
    timestamp,
    privateKeyPem: input.config.dokuPrivateKey,
  });
  return {
    'Content-Type': 'application/json',
    'X-TIMESTAMP': timestamp,
    'X-SIGNATURE': signature,
    'X-PARTNER-ID': input.config.clientId,
    'X-EXTERNAL-ID': input.deliveryId,
  };
}

/**
 * SNAP notification in HMAC mode (doku-api.md §4.1, §4.2): `Authorization: Bearer <merchant-issued
 * token>` and `X-SIGNATURE` = HMAC-SHA512(secret key, `POST:<path>:<token>:<bodyhash>:<X-TIMESTAMP>`).
 */
export async function snapHmacHeaders(
  input: NotificationSigningInput & { accessToken: string },
): Promise<Record<string, string>> {
  const timestamp = snapTimestamp(input.now);
  const signature = await signSnapSymmetric({
    method: 'POST',
    path: signedPath(input.url),
    accessToken: input.accessToken,
    body: input.body,
    timestamp,
    secretKey: input.config.secretKey,
  });
  return {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${input.accessToken}`,
    'X-TIMESTAMP': timestamp,
    'X-SIGNATURE': signature,
    'X-PARTNER-ID': input.config.clientId,
    'X-EXTERNAL-ID': input.deliveryId,
  };
}

/**
 * Non-SNAP notification (doku-api.md §3.1, §7.6): `Client-Id`, `Request-Id`, `Request-Timestamp`
 * (UTC) and `Signature: HMACSHA256=…` over the component with `Request-Target` = the notification
 * URL's path and the body's `Digest`.
 */
export async function nonSnapHeaders(input: NotificationSigningInput): Promise<Record<string, string>> {
  const timestamp = nonSnapTimestamp(input.now);
  const signature = await signNonSnap({
    clientId: input.config.clientId,
    requestId: input.deliveryId,
    timestamp,
    requestTarget: signedPath(input.url),
    body: input.body,
    secretKey: input.config.secretKey,
  });
  return {
    'Content-Type': 'application/json',
    'Client-Id': input.config.clientId,
    'Request-Id': input.deliveryId,
    'Request-Timestamp': timestamp,
    Signature: signature,
  };
}
