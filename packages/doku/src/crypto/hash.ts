import { bodyBytes, toBase64, toHex } from './encoding.js';

/** SHA-256 of a body (string as UTF-8, or bytes), lower-case hex. */
export async function sha256Hex(body: string | Uint8Array | null | undefined): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bodyBytes(body)));
}

/** SHA-256 of a body, Base64: the Non-SNAP `Digest` component. */
export async function sha256Base64(body: string | Uint8Array | null | undefined): Promise<string> {
  return toBase64(await crypto.subtle.digest('SHA-256', bodyBytes(body)));
}

/**
 * DOKU's `minify(RequestBody)` (doku-api.md §2.1): JSON whitespace outside strings removed, key
 * order, escapes and number spellings kept. Re-serialising would change bytes (Java turns `10000.00`
 * into `10000.0`), so this works on the text. A compact body comes back unchanged.
 */
export function minifyJson(body: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += body[i + 1] ?? '';
        i++;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') {
      out += ch;
    }
  }
  return out;
}
