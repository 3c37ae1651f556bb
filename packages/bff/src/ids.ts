// Opaque ids handed to the browser and merchant code: a type prefix and 24 random letters/digits
// (~142 bits), so ids cannot be guessed or enumerated.
import { ID_PREFIXES } from '@kki-kit/contract';
import { randomBytes } from '@kki-kit/doku';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
function appendChars(out: string, bytes: Uint8Array): string {
  let next = out;
  for (const b of bytes) if (b < 248 && next.length < 24) next += ALPHABET[b % 62];
  return next;
}

/** A fresh id of the given kind, e.g. `pay_3fZ…`. */
export function newId(kind: keyof typeof ID_PREFIXES): string {
  let out = '';
  while (out.length < 24) out = appendChars(out, randomBytes(32));
  return `${ID_PREFIXES[kind]}_${out}`;
}

/**
 * An id of the given kind made from secret, uniform bytes (a keyed MAC) instead of random ones: the
 * same bytes give the same id. `more(i)` gives the i-th further block when a block's bytes run out
 * (rarely: 24 characters take about 25 of a 32-byte block).
 */
export async function idFromBytes(
  kind: keyof typeof ID_PREFIXES,
  more: (block: number) => Promise<Uint8Array>,
): Promise<string> {
  let out = '';
  for (let block = 0; out.length < 24; block++) out = appendChars(out, await more(block));
  return `${ID_PREFIXES[kind]}_${out}`;
}
