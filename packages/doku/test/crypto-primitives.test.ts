// The two implementations of the protocol's primitives give the same bytes for the same input, and
// the `node` condition picks node:crypto where the tests run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { primitives } from '#crypto-primitives';
import { primitives as node } from '../src/crypto/primitives-node.js';
import { primitives as web } from '../src/crypto/primitives-web.js';
import { toBase64, toHex } from '../src/crypto/encoding.js';

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

  // node:crypto keeps imported HMAC keys per secret, clearing them past a few dozen secrets.
  it('sign under each secret as given, before, between and after many other secrets', async () => {
    const data = 'POST:/path:token:hash:2026-12-07T10:00:00+07:00';
    const first = await node.hmac('SHA-512', 'SK-first', data);
    expect(first).toEqual(await web.hmac('SHA-512', 'SK-first', data));
    for (let i = 0; i < 80; i++) {
      const secret = `SK-${i}`;
      expect(await node.hmac('SHA-256', secret, data)).toEqual(await web.hmac('SHA-256', secret, data));
      expect(await node.hmac('SHA-512', 'SK-first', data)).toEqual(first);
    }
    // A secret that differs in one character is another key.
    expect(await node.hmac('SHA-512', 'SK-firsT', data)).not.toEqual(first);
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

  it('agree on strings, taken as their UTF-8 bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), key16, async (text, key) => {
        const data = new TextEncoder().encode(text);
        for (const p of [node, web]) {
          expect(await p.sha256(text)).toEqual(await p.sha256(data));
          expect(await p.hmac('SHA-512', 'secret', text)).toEqual(await p.hmac('SHA-512', 'secret', data));
          expect(await p.aesCbc('encrypt', key, key, text)).toEqual(
            await p.aesCbc('encrypt', key, key, data),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('encode Base64 and hex as the web-standard helpers do', async () => {
    await fc.assert(
      fc.property(bytes(), (data) => {
        for (const p of [node, web]) {
          expect(p.base64(data)).toBe(toBase64(data));
          expect(p.hex(data)).toBe(toHex(data));
        }
        // A view into a larger buffer encodes only its own bytes.
        const view = new Uint8Array([9, ...data, 9]).subarray(1, data.length + 1);
        expect(node.base64(view)).toBe(toBase64(data));
        expect(node.hex(view)).toBe(toHex(data));
      }),
      { numRuns: 150 },
    );
  });

  it('draw random bytes of the asked length, different each time', () => {
    for (const p of [node, web]) {
      const [a, b] = [p.randomBytes(16), p.randomBytes(16)];
      expect(a).toHaveLength(16);
      expect(a).not.toEqual(b);
    }
    // node draws a pool at a time: across a refill and for a size past the pool's share, every
    // draw is its own bytes (no two equal among 600 IVs) and has its length.
    const drawn = new Set<string>();
    for (let i = 0; i < 600; i++) drawn.add(toHex(node.randomBytes(16)));
    expect(drawn.size).toBe(600);
    expect(node.randomBytes(2000)).toHaveLength(2000);
  });
});
