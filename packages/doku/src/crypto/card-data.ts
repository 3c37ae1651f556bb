import { fromBase64, fromUtf8, toBase64, utf8 } from './encoding.js';

/** Thrown when `cardData` cannot be decrypted; says nothing about the content. */
export class CardDataError extends Error {
  override name = 'CardDataError';
}

/**
 * The AES-128 key DOKU derives from the secret key: its first 16 characters, right-padded with `-`
 * when shorter (doku-api.md §5.9, every DOKU SDK).
 */
export function cardDataKey(secretKey: string): string {
  return secretKey.length >= 16 ? secretKey.slice(0, 16) : secretKey.padEnd(16, '-');
}

async function aesKey(secretKey: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const raw = utf8(cardDataKey(secretKey));
  if (raw.length !== 16) throw new CardDataError('the card-data key must be 16 bytes (ASCII secret key)');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, [usage]);
}

/**
 * Encrypts card data for DOKU: AES-128-CBC with PKCS#7 padding, a random IV, output
 * `Base64(ciphertext)|Base64(iv)`. `iv` is for test vectors only; leave it out in use.
 */
export async function encryptCardData(
  plaintext: string,
  secretKey: string,
  iv: Uint8Array<ArrayBuffer> = crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  if (iv.length !== 16) throw new CardDataError('the IV must be 16 bytes');
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-CBC', iv },
    await aesKey(secretKey, 'encrypt'),
    utf8(plaintext),
  );
  return `${toBase64(ct)}|${toBase64(iv)}`;
}

/** Decrypts `Base64(ciphertext)|Base64(iv)`; throws `CardDataError` on any malformed or wrong-key input. */
export async function decryptCardData(cardData: string, secretKey: string): Promise<string> {
  const parts = cardData.split('|');
  if (parts.length !== 2) throw new CardDataError('cardData must be Base64(ciphertext)|Base64(iv)');
  try {
    const ct = fromBase64(parts[0] as string);
    const iv = fromBase64(parts[1] as string);
    if (iv.length !== 16 || ct.length === 0 || ct.length % 16 !== 0) throw new CardDataError('bad lengths');
    const pt = await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, await aesKey(secretKey, 'decrypt'), ct);
    return fromUtf8(new Uint8Array(pt));
  } catch {
    throw new CardDataError('cardData could not be decrypted');
  }
}
