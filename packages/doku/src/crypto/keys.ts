import { fromBase64 } from './encoding.js';

/** Thrown when a PEM key cannot be read; the message never contains key material. */
export class KeyFormatError extends Error {
  override name = 'KeyFormatError';
}

const RSA_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
// AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters.
const RSA_ALG_ID = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function der(tag: number, content: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const len = derLength(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(Array.from(content), 1 + len.length);
  return out;
}

function concat(...parts: ArrayLike<number>[]): number[] {
  return parts.flatMap((p) => Array.from(p));
}

/** Wraps a PKCS#1 RSAPrivateKey in PKCS#8, the only private-key form Web Crypto imports. */
function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return der(0x30, concat([0x02, 0x01, 0x00], RSA_ALG_ID, der(0x04, pkcs1)));
}

/** Wraps a PKCS#1 RSAPublicKey in SubjectPublicKeyInfo. */
function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return der(0x30, concat(RSA_ALG_ID, der(0x03, concat([0x00], pkcs1))));
}

interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

function readPem(pem: string): PemBlock {
  // Keys pasted into env vars often carry literal "\n" sequences instead of newlines.
  const text = pem.replace(/\\n/g, '\n').trim();
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) throw new KeyFormatError('not a PEM block (expected -----BEGIN ...-----)');
  try {
    return { label: m[1] as string, der: fromBase64((m[2] as string).replace(/\s+/g, '')) };
  } catch {
    throw new KeyFormatError('the PEM body is not valid Base64');
  }
}

const privateCache = new Map<string, Promise<CryptoKey>>();
const publicCache = new Map<string, Promise<CryptoKey>>();

function cached(cache: Map<string, Promise<CryptoKey>>, pem: string, load: () => Promise<CryptoKey>) {
  let key = cache.get(pem);
  if (!key) {
    key = load().catch((err: unknown) => {
      cache.delete(pem);
      if (err instanceof KeyFormatError) throw err;
      throw new KeyFormatError('the key could not be imported as an RSA key');
    });
    cache.set(pem, key);
  }
  return key;
}

/**
 * Imports an RSA private key for RSASSA-PKCS1-v1_5/SHA-256 from PEM: PKCS#8 (`PRIVATE KEY`) or
 * PKCS#1 (`RSA PRIVATE KEY`), both forms DOKU's key guide produces (doku-api.md §1.2).
 * Imported keys are cached per PEM, so signing does not pay the import on every request.
 */
export function importRsaPrivateKey(pem: string): Promise<CryptoKey> {
  return cached(privateCache, pem, async () => {
    const block = readPem(pem);
    let pkcs8: Uint8Array<ArrayBuffer>;
    if (block.label === 'PRIVATE KEY') pkcs8 = block.der;
    else if (block.label === 'RSA PRIVATE KEY') pkcs8 = pkcs1PrivateToPkcs8(block.der);
    else throw new KeyFormatError(`expected PRIVATE KEY or RSA PRIVATE KEY, got ${block.label}`);
    return crypto.subtle.importKey('pkcs8', pkcs8, RSA_ALG, false, ['sign']);
  });
}

/** Imports an RSA public key from PEM: SPKI (`PUBLIC KEY`) or PKCS#1 (`RSA PUBLIC KEY`). */
export function importRsaPublicKey(pem: string): Promise<CryptoKey> {
  return cached(publicCache, pem, async () => {
    const block = readPem(pem);
    let spki: Uint8Array<ArrayBuffer>;
    if (block.label === 'PUBLIC KEY') spki = block.der;
    else if (block.label === 'RSA PUBLIC KEY') spki = pkcs1PublicToSpki(block.der);
    else throw new KeyFormatError(`expected PUBLIC KEY or RSA PUBLIC KEY, got ${block.label}`);
    return crypto.subtle.importKey('spki', spki, RSA_ALG, false, ['verify']);
  });
}

/** Signs bytes with RSASSA-PKCS1-v1_5 SHA-256. */
export async function rsaSign(
  privateKeyPem: string,
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await importRsaPrivateKey(privateKeyPem);
  return new Uint8Array(await crypto.subtle.sign(RSA_ALG, key, data));
}

/** Verifies an RSASSA-PKCS1-v1_5 SHA-256 signature. */
export async function rsaVerify(
  publicKeyPem: string,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const key = await importRsaPublicKey(publicKeyPem);
  return crypto.subtle.verify(RSA_ALG, key, signature, data);
}
