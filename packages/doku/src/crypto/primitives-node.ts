// node:crypto implementation of the protocol's primitives, chosen under the `node` condition: the
// work is a few microseconds of hashing, and synchronous node:crypto skips Web Crypto's key objects
// and the thread-pool hop per call.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hash,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import type { CryptoPrimitives } from './primitives.js';

const bytes = (b: Buffer): Uint8Array<ArrayBuffer> =>
  new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
const buffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

// Random bytes are drawn a pool at a time: one CSPRNG call per 256 IVs instead of one per IV (as
// node's randomUUID does). Each byte is handed out once.
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

function pooledRandom(n: number): Uint8Array<ArrayBuffer> {
  if (n > POOL_SIZE / 8) return randomFillSync(new Uint8Array(n));
  if (poolOffset + n > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.slice(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

// HMAC keys are imported once per secret: createHmac with a string copies and imports the key on
// every call, which was about a third of a SNAP signature's time. A process signs with a handful of
// secrets (the merchant's, a rotation's next one, the BFF's id key), so the cache is small; it is
// cleared whole if it ever grows past that, never left to grow.
const HMAC_KEYS_MAX = 32;
const hmacKeys = new Map<string, KeyObject>();

function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (key === undefined) {
    if (hmacKeys.size >= HMAC_KEYS_MAX) hmacKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    hmacKeys.set(secret, key);
  }
  return key;
}

/** The node:crypto primitives. */
export const primitives: CryptoPrimitives = {
  name: 'node',
  async sha256(data) {
    // The one-shot hash: no Hash object per call (about half the time of createHash here).
    return bytes(hash('sha256', data, 'buffer'));
  },
  async hmac(algorithm, secret, data) {
    return bytes(
      createHmac(algorithm === 'SHA-256' ? 'sha256' : 'sha512', hmacKey(secret))
        .update(data)
        .digest(),
    );
  },
  async aesCbc(mode, key, iv, data) {
    const cipher =
      mode === 'encrypt' ? createCipheriv('aes-128-cbc', key, iv) : createDecipheriv('aes-128-cbc', key, iv);
    const head = typeof data === 'string' ? cipher.update(data, 'utf8') : cipher.update(data);
    return bytes(Buffer.concat([head, cipher.final()]));
  },
  randomBytes: pooledRandom,
  base64: (b) => buffer(b).toString('base64'),
  hex: (b) => buffer(b).toString('hex'),
};
