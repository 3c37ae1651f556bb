import { primitives } from '#crypto-primitives';
import { bodyBytes, toBase64, toHex } from './encoding.js';

/** SHA-256 of a body (string as UTF-8, or bytes), lower-case hex. */
export async function sha256Hex(body: string | Uint8Array | null | undefined): Promise<string> {
  return toHex(await primitives.sha256(bodyBytes(body)));
}

/** SHA-256 of a body, Base64: the Non-SNAP `Digest` component. */
export async function sha256Base64(body: string | Uint8Array | null | undefined): Promise<string> {
  return toBase64(await primitives.sha256(bodyBytes(body)));
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
