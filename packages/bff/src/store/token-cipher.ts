// Encryption at rest for DOKU tokens and other secrets the store must keep (a saved card's
// `bankCardToken`, a binding's OTP `authCode`): AES-256-GCM with a key derived from the merchant's
// secret, plus a keyed hash so a token can be found without decrypting every row.
import { fromBase64, toBase64, utf8 } from '@kki-kit/doku';

/** Encrypts, decrypts and fingerprints secrets for the store. */
export interface TokenCipher {
  /** `v1.<iv>.<ciphertext+tag>` (Base64); a fresh IV each time. */
  encrypt(plaintext: string): Promise<string>;
  /** @throws Error when the value was not produced with this key or was altered. */
  decrypt(sealed: string): Promise<string>;
  /** HMAC-SHA256 fingerprint (Base64), stable for a given secret: a lookup key, not reversible. */
  fingerprint(plaintext: string): Promise<string>;
}

// HKDF "info" labels: one derived key per use, so the encryption key never doubles as the HMAC key.
const ENCRYPTION_INFO = 'kki-kit/bff store encryption v1';
const FINGERPRINT_INFO = 'kki-kit/bff store fingerprint v1';
const SALT = 'kki-kit/bff';

/** Derives the store's keys from `secret` (the merchant's DOKU secret key or a dedicated one). */
export async function createTokenCipher(secret: string): Promise<TokenCipher> {
  if (secret.length === 0) throw new TypeError('the store encryption secret is empty');
  const master = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveKey']);
  const derive = (info: string, algorithm: AesKeyGenParams | HmacImportParams, usages: KeyUsage[]) =>
    crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: utf8(SALT), info: utf8(info) },
      master,
      algorithm,
      false,
      usages,
    );
  const aesKey = await derive(ENCRYPTION_INFO, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);
  const hmacKey = await derive(FINGERPRINT_INFO, { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign']);
  return {
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, utf8(plaintext)),
      );
      return `v1.${toBase64(iv)}.${toBase64(sealed)}`;
    },
    async decrypt(value) {
      const [version, iv, body] = value.split('.');
      if (version !== 'v1' || iv === undefined || body === undefined)
        throw new Error('not a sealed store value');
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(iv) },
        aesKey,
        fromBase64(body),
      );
      return new TextDecoder().decode(plain);
    },
    async fingerprint(plaintext) {
      return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, utf8(plaintext))));
    },
  };
}
