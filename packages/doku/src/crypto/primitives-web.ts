// Web Crypto implementation of the protocol's primitives: Node, Bun, Deno, browsers, edge runtimes.
// Imported keys are cached per secret, so a request pays the HMAC, not the import.
import { toBase64, toHex } from './encoding.js';
import type { CryptoInput, CryptoPrimitives } from './primitives.js';

const encoder = new TextEncoder();
const asBytes = (data: CryptoInput) =>
  typeof data === 'string' ? (encoder.encode(data) as Uint8Array<ArrayBuffer>) : data;
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const aesKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(hash: 'SHA-256' | 'SHA-512', secret: string): Promise<CryptoKey> {
  const id = `${hash}\u0000${secret}`;
  let key = hmacKeys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
    hmacKeys.set(id, key);
  }
  return key;
}

function aesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  // Card-data keys are 16 ASCII bytes (cardDataKey): the bytes as latin-1 text identify them.
  const id = String.fromCharCode(...raw);
  let key = aesKeys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    aesKeys.set(id, key);
  }
  return key;
}

/** The Web Crypto primitives. */
export const primitives: CryptoPrimitives = {
  name: 'web',
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', asBytes(data)));
  },
  async hmac(hash, secret, data) {
    return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(hash, secret), asBytes(data)));
  },
  async aesCbc(mode, key, iv, data) {
    const k = await aesKey(key);
    const out =
      mode === 'encrypt'
        ? await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, k, asBytes(data))
        : await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, k, asBytes(data));
    return new Uint8Array(out);
  },
  randomBytes(n) {
    return crypto.getRandomValues(new Uint8Array(n));
  },
  base64: toBase64,
  hex: toHex,
};
