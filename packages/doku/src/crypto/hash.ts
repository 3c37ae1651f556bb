import { primitives } from '#crypto-primitives';
import type { CryptoInput } from './primitives.js';

/** A body as the primitives take it: a string is hashed as its UTF-8 bytes, no copy made here. */
const bodyInput = (body: string | Uint8Array | null | undefined): CryptoInput =>
  body == null ? '' : typeof body === 'string' ? body : (new Uint8Array(body) as Uint8Array<ArrayBuffer>);

/** SHA-256 of a body (string as UTF-8, or bytes), lower-case hex. */
export async function sha256Hex(body: string | Uint8Array | null | undefined): Promise<string> {
  return primitives.hex(await primitives.sha256(bodyInput(body)));
}

/** SHA-256 of a body, Base64: the Non-SNAP `Digest` component. */
export async function sha256Base64(body: string | Uint8Array | null | undefined): Promise<string> {
  return primitives.base64(await primitives.sha256(bodyInput(body)));
}

/**
 * HMAC-SHA256 of `data` (UTF-8) under the UTF-8 bytes of `secret`: for ids a server derives from a
 * secret (the BFF's idempotency ids), on the same fast path as the protocol's signatures.
 */
export function hmacSha256(secret: string, data: string): Promise<Uint8Array<ArrayBuffer>> {
  return primitives.hmac('SHA-256', secret, data);
}

/**
 * DOKU's `minify(RequestBody)` (doku-api.md §2.1): JSON whitespace outside strings removed, key
 * order, escapes and number spellings kept. Re-serialising would change bytes (Java turns `10000.00`
 * into `10000.0`), so this works on the text. A compact body comes back unchanged.
 */
export function minifyJson(body: string): string {
  // Most bodies are compact already: no whitespace at all, nothing to do.
  if (!/[ \n\r\t]/.test(body)) return body;
  // A string literal is kept whole (escapes included); whitespace between tokens is dropped.
  return body.replace(/("(?:[^"\\]|\\.)*")|[ \n\r\t]+/g, (_, literal: string | undefined) => literal ?? '');
}
