// The two implementations of the protocol's primitives give the same bytes for the same input, and
// the `node` condition picks node:crypto where the tests run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { primitives } from '#crypto-primitives';
import { primitives as node } from '../src/crypto/primitives-node.js';
import { primitives as web } from '../src/crypto/primitives-web.js';

const bytes = (max = 300) => fc.uint8Array({ maxLength: max }).map((b) => new Uint8Array(b));
const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new Uint8Array(b));

describe('crypto primitives', () => {
  it('resolves to node:crypto under the node condition', () => {
    expect(primitives.name).toBe('node');
  });

  // Web Crypto refuses an empty HMAC key; DOKU secrets are never empty.
  it('agree on SHA-256 and HMAC-SHA256/512 for any bytes and non-empty secret', async () => {
    await fc.assert(
      fc.asyncProperty(bytes(), fc.string({ minLength: 1, maxLength: 80 }), async (data, secret) => {
        expect(await node.sha256(data)).toEqual(await web.sha256(data));
        for (const hash of ['SHA-256', 'SHA-512'] as const) {
          expect(await node.hmac(hash, secret, data)).toEqual(await web.hmac(hash, secret, data));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('agree on AES-128-CBC both ways, and both refuse a wrong key', async () => {
    await fc.assert(
      fc.asyncProperty(key16, key16, bytes(200), async (key, iv, data) => {
        const ct = await node.aesCbc('encrypt', key, iv, data);
        expect(await web.aesCbc('encrypt', key, iv, data)).toEqual(ct);
        expect(ct.length % 16).toBe(0);
        expect(await web.aesCbc('decrypt', key, iv, ct)).toEqual(data);
        expect(await node.aesCbc('decrypt', key, iv, ct)).toEqual(data);
      }),
      { numRuns: 150 },
    );
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(1);
    const ct = await node.aesCbc('encrypt', key, iv, new TextEncoder().encode('{"cpan":"x"}'));
    const wrong = new Uint8Array(16).fill(8);
    // A wrong key almost always breaks the padding; both report it as a rejection.
    await expect(node.aesCbc('decrypt', wrong, iv, ct)).rejects.toThrow();
    await expect(web.aesCbc('decrypt', wrong, iv, ct)).rejects.toThrow();
  });

  it('draw random bytes of the asked length, different each time', () => {
    for (const p of [node, web]) {
      const [a, b] = [p.randomBytes(16), p.randomBytes(16)];
      expect(a).toHaveLength(16);
      expect(a).not.toEqual(b);
    }
  });
});
