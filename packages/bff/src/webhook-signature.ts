// Signed webhooks, both sides: the BFF signs each POST, a merchant's backend verifies it. Web Crypto
// only and no other import, so `@kki-kit/bff/webhooks` loads in a merchant's Node (or edge) backend
// without the BFF, its store or DOKU client.
//
// Header: `X-KKI-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The
// timestamp is signed with the body, so a captured request cannot be replayed outside the tolerance.

/** The signature header. */
export const KKI_SIGNATURE_HEADER = 'X-KKI-Signature';
/** The header carrying the event id (receivers de-duplicate on it; it is also in the body). */
export const KKI_EVENT_ID_HEADER = 'X-KKI-Event-Id';
/** The header carrying the event type. */
export const KKI_EVENT_TYPE_HEADER = 'X-KKI-Event-Type';

/** Why a webhook was refused. */
export type KkiWebhookVerificationReason =
  | 'malformed_header'
  | 'bad_signature'
  | 'timestamp_out_of_tolerance';

/** A webhook that does not verify; answer it with 400 and do not act on the body. */
export class KkiWebhookVerificationError extends Error {
  override name = 'KkiWebhookVerificationError';
  constructor(
    readonly reason: KkiWebhookVerificationReason,
    message: string,
  ) {
    super(message);
  }
}

/** Options of {@link verifyKkiWebhook}. */
export interface VerifyKkiWebhookOptions {
  /** How far the signed time may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The current time (tests). Default: `Date.now()`. */
  now?: Date;
}

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two strings without stopping at the first difference (timing leaks nothing). */
function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i % y.length] ?? 0);
  return diff === 0;
}

/** The `X-KKI-Signature` value for `rawBody` signed at `timestamp` (unix seconds). */
export async function signKkiWebhook(rawBody: string, secret: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${rawBody}`)}`;
}

/**
 * Verifies a webhook: `rawBody` exactly as received (before any JSON parsing), the
 * `X-KKI-Signature` header, and the webhook secret. Resolves with the parsed event when it
 * verifies; rejects with {@link KkiWebhookVerificationError} when the header is malformed, no `v1`
 * matches (compared in constant time), or the signed time is outside `toleranceSeconds`.
 */
export async function verifyKkiWebhook<T = unknown>(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  options: VerifyKkiWebhookOptions = {},
): Promise<T> {
  const { toleranceSeconds = 300, now = new Date() } = options;
  const parts = (header ?? '').split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  // Several `v1` are allowed: a sender rotating its secret signs with both.
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string);
  if (t === undefined || !/^\d{1,12}$/.test(t) || signatures.length === 0) {
    throw new KkiWebhookVerificationError('malformed_header', 'X-KKI-Signature is missing or malformed');
  }
  const expected = await hmacHex(secret, `${t}.${rawBody}`);
  if (!signatures.some((s) => constantTimeEqual(s.toLowerCase(), expected))) {
    throw new KkiWebhookVerificationError('bad_signature', 'the webhook signature does not match');
  }
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(t)) > toleranceSeconds) {
    throw new KkiWebhookVerificationError(
      'timestamp_out_of_tolerance',
      'the webhook was signed too long ago (or in the future)',
    );
  }
  return JSON.parse(rawBody) as T;
}
