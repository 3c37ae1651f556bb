// node:crypto implementation of the protocol's primitives, chosen under the `node` condition: the
// work is a few microseconds of hashing, and synchronous node:crypto skips Web Crypto's key objects
// and the thread-pool hop per call.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomFillSync } from 'node:crypto';
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

/** The node:crypto primitives. */
export const primitives: CryptoPrimitives = {
  name: 'node',
  async sha256(data) {
    return bytes(createHash('sha256').update(data).digest());
  },
  async hmac(hash, secret, data) {
    return bytes(
      createHmac(hash === 'SHA-256' ? 'sha256' : 'sha512', secret)
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
