// node:crypto implementation of the protocol's primitives, chosen under the `node` condition: the
// work is a few microseconds of hashing, and synchronous node:crypto skips Web Crypto's key objects
// and the thread-pool hop per call.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomFillSync } from 'node:crypto';
import type { CryptoPrimitives } from './primitives.js';

const bytes = (b: Buffer): Uint8Array<ArrayBuffer> =>
  new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

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
    return bytes(Buffer.concat([cipher.update(data), cipher.final()]));
  },
  randomBytes(n) {
    return randomFillSync(new Uint8Array(n));
  },
};
