import { primitives } from '#crypto-primitives';
import { type CardDataFormat, KKI_CARD_DATA_FORMAT } from '../wire/open-questions.js';
import { fromBase64, fromUtf8, utf8 } from './encoding.js';

/** Thrown when `cardData` cannot be decrypted; says nothing about the content. */
export class CardDataError extends Error {
  override name = 'CardDataError';
}

/**
 * The AES-128 key DOKU derives from the card-data key (the merchant's `sharedKey`, by default the
 * SNAP secret key): its first 16 characters, right-padded with `-` when shorter (doku-api.md §5.9,
 * every DOKU SDK).
 */
export function cardDataKey(key: string): string {
  return key.length >= 16 ? key.slice(0, 16) : key.padEnd(16, '-');
}

function aesKey(key: string): Uint8Array<ArrayBuffer> {
  const raw = utf8(cardDataKey(key));
  if (raw.length !== 16) throw new CardDataError('the card-data key must be 16 bytes (ASCII key)');
  return raw;
}

/** Options of {@link encryptCardData}. */
export interface EncryptCardDataOptions {
  /** The IV, for test vectors only; leave it out in use (a random one is drawn). */
  iv?: Uint8Array<ArrayBuffer>;
  /** How the output is encoded; defaults to {@link KKI_CARD_DATA_FORMAT}. */
  format?: CardDataFormat;
}

/**
 * Encrypts card data for DOKU: AES-128-CBC with PKCS#7 padding and a random IV, encoded per
 * `format` (`Base64(ciphertext)|Base64(iv)` or `Base64(iv ‖ ciphertext)`, see `KKI_CARD_DATA_FORMAT`).
 */
export async function encryptCardData(
  plaintext: string,
  key: string,
  options: EncryptCardDataOptions = {},
): Promise<string> {
  const iv = options.iv ?? primitives.randomBytes(16);
  if (iv.length !== 16) throw new CardDataError('the IV must be 16 bytes');
  const ct = await primitives.aesCbc('encrypt', aesKey(key), iv, plaintext);
  if ((options.format ?? KKI_CARD_DATA_FORMAT) === 'ct|iv') {
    return `${primitives.base64(ct)}|${primitives.base64(iv)}`;
  }
  const joined = new Uint8Array(iv.length + ct.length);
  joined.set(iv);
  joined.set(ct, iv.length);
  return primitives.base64(joined);
}

/** Splits `cardData` into IV and ciphertext per `format`; throws `CardDataError` when it is not that shape. */
function splitCardData(
  cardData: string,
  format: CardDataFormat,
): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } {
  if (format === 'ct|iv') {
    const parts = cardData.split('|');
    if (parts.length !== 2) throw new CardDataError('cardData must be Base64(ciphertext)|Base64(iv)');
    return { ct: fromBase64(parts[0] as string), iv: fromBase64(parts[1] as string) };
  }
  if (cardData.includes('|')) throw new CardDataError('cardData must be Base64(iv ‖ ciphertext)');
  const joined = fromBase64(cardData);
  return { iv: joined.slice(0, 16), ct: joined.slice(16) };
}

/**
 * Decrypts `cardData` encoded per `format` (default {@link KKI_CARD_DATA_FORMAT}); throws
 * `CardDataError` on any malformed, other-format or wrong-key input.
 */
export async function decryptCardData(
  cardData: string,
  key: string,
  format: CardDataFormat = KKI_CARD_DATA_FORMAT,
): Promise<string> {
  try {
    const { iv, ct } = splitCardData(cardData, format);
    if (iv.length !== 16 || ct.length === 0 || ct.length % 16 !== 0) throw new CardDataError('bad lengths');
    return fromUtf8(await primitives.aesCbc('decrypt', aesKey(key), iv, ct));
  } catch {
    throw new CardDataError('cardData could not be decrypted');
  }
}
