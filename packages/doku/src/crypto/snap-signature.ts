import { primitives } from '#crypto-primitives';
import { timingSafeEqual } from './compare.js';
import { fromBase64, toBase64, utf8 } from './encoding.js';
import { minifyJson, sha256Hex } from './hash.js';
import { rsaSign, rsaVerify } from './keys.js';

/** Inputs of the SNAP B2B access-token signature (doku-api.md §1.2). */
export interface B2bTokenSignatureInput {
  /** The merchant's client id (`X-CLIENT-KEY`). */
  clientId: string;
  /** Exactly the `X-TIMESTAMP` header value. */
  timestamp: string;
}

/** `clientId|timestamp`, the string DOKU's B2B token signature covers. */
export function b2bTokenStringToSign({ clientId, timestamp }: B2bTokenSignatureInput): string {
  return `${clientId}|${timestamp}`;
}

/**
 * `X-SIGNATURE` for `POST /authorization/v1/access-token/b2b`:
 * Base64(RSASSA-PKCS1-v1_5 SHA-256(privateKey, `clientId|timestamp`)).
 */
export async function signB2bToken(
  input: B2bTokenSignatureInput & { privateKeyPem: string },
): Promise<string> {
  return toBase64(await rsaSign(input.privateKeyPem, utf8(b2bTokenStringToSign(input))));
}

/** Verifies a B2B token signature with the signer's public key. False for anything malformed. */
export async function verifyB2bToken(
  input: B2bTokenSignatureInput & { signature: string; publicKeyPem: string },
): Promise<boolean> {
  return safeRsaVerify(input.publicKeyPem, input.signature, b2bTokenStringToSign(input));
}

/** Inputs of a SNAP transactional (symmetric) signature (doku-api.md §2.1). */
export interface SnapSymmetricInput {
  method: string;
  /** Path without host, query string included (`/orders/v1.0/debit/status?ref=1`). */
  path: string;
  /** The B2B access token, without `Bearer `. */
  accessToken: string;
  /** The body as sent; `null`/`undefined`/`''` hash the empty string. */
  body: string | null | undefined;
  /** Exactly the `X-TIMESTAMP` header value. */
  timestamp: string;
}

/**
 * `METHOD:path:accessToken:lowerhex(sha256(minify(body))):timestamp`. The body hash is taken over
 * the body text as sent, whitespace outside strings removed (DOKU's `minify`), never a
 * re-serialisation of parsed JSON.
 */
export async function snapSymmetricStringToSign(input: SnapSymmetricInput): Promise<string> {
  const hash = await sha256Hex(minifyJson(input.body ?? ''));
  return `${input.method.toUpperCase()}:${input.path}:${input.accessToken}:${hash}:${input.timestamp}`;
}

/** `X-SIGNATURE` for SNAP transactional calls: Base64(HMAC-SHA512(secretKey, stringToSign)). */
export async function signSnapSymmetric(input: SnapSymmetricInput & { secretKey: string }): Promise<string> {
  return primitives.base64(
    await primitives.hmac('SHA-512', input.secretKey, await snapSymmetricStringToSign(input)),
  );
}

/** Verifies a SNAP symmetric signature in constant time. */
export async function verifySnapSymmetric(
  input: SnapSymmetricInput & { secretKey: string; signature: string },
): Promise<boolean> {
  const expected = await signSnapSymmetric(input);
  return timingSafeEqual(expected, input.signature);
}

/** Inputs of the SNAP asymmetric (RSA) signature DOKU uses on notifications (doku-api.md §4.1). */
export interface SnapAsymmetricInput {
  method: string;
  /** The merchant notification URL's path. */
  path: string;
  body: string | null | undefined;
  timestamp: string;
}

/** `METHOD:path:lowerhex(sha256(minify(body))):timestamp` (no token in the RSA form). */
export async function snapAsymmetricStringToSign(input: SnapAsymmetricInput): Promise<string> {
  const hash = await sha256Hex(minifyJson(input.body ?? ''));
  return `${input.method.toUpperCase()}:${input.path}:${hash}:${input.timestamp}`;
}

/** Signs a SNAP notification in RSA mode (what DOKU does with its private key; the sandbox uses it). */
export async function signSnapAsymmetric(
  input: SnapAsymmetricInput & { privateKeyPem: string },
): Promise<string> {
  return toBase64(await rsaSign(input.privateKeyPem, utf8(await snapAsymmetricStringToSign(input))));
}

/** Verifies a SNAP RSA-mode notification signature with DOKU's public key. */
export async function verifySnapAsymmetric(
  input: SnapAsymmetricInput & { publicKeyPem: string; signature: string },
): Promise<boolean> {
  return safeRsaVerify(input.publicKeyPem, input.signature, await snapAsymmetricStringToSign(input));
}

async function safeRsaVerify(
  publicKeyPem: string,
  signature: string,
  stringToSign: string,
): Promise<boolean> {
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = fromBase64(signature);
  } catch {
    return false;
  }
  return rsaVerify(publicKeyPem, sig, utf8(stringToSign));
}
