import { primitives } from '#crypto-primitives';
import { timingSafeEqual } from './compare.js';
import { sha256Base64 } from './hash.js';

/** Which timestamp header a Non-SNAP signature covers: requests and notifications, or responses. */
export type NonSnapTimestampHeader = 'Request-Timestamp' | 'Response-Timestamp';

/** Inputs of a Non-SNAP `Signature` (doku-api.md §3.1). */
export interface NonSnapSignatureInput {
  clientId: string;
  requestId: string;
  /** `Request-Timestamp` (or `Response-Timestamp`) value, UTC `Z`. */
  timestamp: string;
  /** Defaults to `Request-Timestamp`. */
  timestampHeader?: NonSnapTimestampHeader;
  /** API path, or the merchant notification path for notifications. */
  requestTarget: string;
  /** Raw body bytes as sent; `null`/`undefined` (GET) leaves the `Digest` line out. */
  body?: string | Uint8Array | null;
}

/** The newline-joined component string, with `Digest` = Base64(SHA-256(body)) when there is a body. */
export async function nonSnapComponent(input: NonSnapSignatureInput): Promise<string> {
  const lines = [
    `Client-Id:${input.clientId}`,
    `Request-Id:${input.requestId}`,
    `${input.timestampHeader ?? 'Request-Timestamp'}:${input.timestamp}`,
    `Request-Target:${input.requestTarget}`,
  ];
  if (input.body != null) lines.push(`Digest:${await sha256Base64(input.body)}`);
  return lines.join('\n');
}

/** `Signature` header value: `HMACSHA256=` + Base64(HMAC-SHA256(secretKey, component)). */
export async function signNonSnap(input: NonSnapSignatureInput & { secretKey: string }): Promise<string> {
  const mac = await primitives.hmac('SHA-256', input.secretKey, await nonSnapComponent(input));
  return `HMACSHA256=${primitives.base64(mac)}`;
}

/** Verifies a Non-SNAP `Signature` header value in constant time. */
export async function verifyNonSnap(
  input: NonSnapSignatureInput & { secretKey: string; signature: string },
): Promise<boolean> {
  return timingSafeEqual(await signNonSnap(input), input.signature);
}
