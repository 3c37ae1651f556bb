// Opaque ids handed to the browser and merchant code: a type prefix and 24 random letters/digits
// (~142 bits), so ids cannot be guessed or enumerated.
import { ID_PREFIXES } from '@kki-kit/contract';
import { randomBytes } from '@kki-kit/doku';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh id of the given kind, e.g. `pay_3fZ…`. */
export function newId(kind: keyof typeof ID_PREFIXES): string {
  let out = '';
  while (out.length < 24) {
    // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
    for (const b of randomBytes(32)) {
      if (b < 248 && out.length < 24) out += ALPHABET[b % 62];
    }
  }
  return `${ID_PREFIXES[kind]}_${out}`;
}
