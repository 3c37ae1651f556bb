import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  b2bTokenStringToSign,
  CardDataError,
  cardDataKey,
  createExternalId,
  decryptCardData,
  encryptCardData,
  fromBase64,
  fromHex,
  isExternalId,
  KKI_CARD_DATA_FORMAT,
  KeyFormatError,
  minifyJson,
  nonSnapComponent,
  nonSnapTimestamp,
  parseDokuTimestamp,
  sha256Hex,
  signB2bToken,
  signNonSnap,
  signSnapAsymmetric,
  signSnapSymmetric,
  snapAsymmetricStringToSign,
  snapSymmetricStringToSign,
  snapTimestamp,
  timingSafeEqual,
  toBase64,
  verifyB2bToken,
  verifyNonSnap,
  verifySnapAsymmetric,
  verifySnapSymmetric,
} from '../src/index.js';
import { pem, vectors } from './vectors.js';

/** Changes one character of a string (keeps its length). */
function flip(s: string, at = Math.floor(s.length / 2)): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe('SNAP body hash', () => {
  it("reproduces DOKU's published hash", async () => {
    expect(await sha256Hex(vectors.snapBodyHash.minifiedBody)).toBe(vectors.snapBodyHash.sha256Hex);
  });

  it('minify removes whitespace outside strings only', () => {
    const pretty = '{\n  "a" : "x y",\n  "b": [1, 2],\n  "c":"q\\" z"\n}';
    expect(minifyJson(pretty)).toBe('{"a":"x y","b":[1,2],"c":"q\\" z"}');
    expect(minifyJson(vectors.snapBodyHash.minifiedBody)).toBe(vectors.snapBodyHash.minifiedBody);
  });

  it('minify gives the compact text of any JSON, however indented, strings untouched', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(2, '\t', ' \r\n '), (value, indent) => {
        expect(minifyJson(JSON.stringify(value, null, indent))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});

describe('SNAP B2B token signature (RSA-SHA256)', () => {
  for (const v of vectors.snapB2bTokenSignature) {
    it(`signs ${v.clientId} byte for byte`, async () => {
      expect(b2bTokenStringToSign(v)).toBe(v.stringToSign);
      expect(await signB2bToken({ ...v, privateKeyPem: pem(v.privateKey) })).toBe(v.signature);
      expect(await verifyB2bToken({ ...v, publicKeyPem: pem(v.publicKey) })).toBe(true);
    });

    it(`rejects tampering for ${v.clientId}`, async () => {
      const publicKeyPem = pem(v.publicKey);
      expect(await verifyB2bToken({ ...v, clientId: `${v.clientId}X`, publicKeyPem })).toBe(false);
      expect(
        await verifyB2bToken({ ...v, timestamp: v.timestamp.replace('+07:00', '+08:00'), publicKeyPem }),
      ).toBe(false);
      expect(await verifyB2bToken({ ...v, signature: flip(v.signature), publicKeyPem })).toBe(false);
      expect(await verifyB2bToken({ ...v, signature: 'not base64!', publicKeyPem })).toBe(false);
      // The right signature checked with the wrong (DOKU) public key.
      expect(await verifyB2bToken({ ...v, publicKeyPem: pem('doku-public.pem') })).toBe(false);
    });
  }

  it('accepts PKCS#1 private and public keys as well as PKCS#8/SPKI', async () => {
    const v = vectors.snapB2bTokenSignature[0]!;
    const pkcs1Private = createPrivateKey(pem(v.privateKey))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const pkcs1Public = createPublicKey(pem(v.publicKey)).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1Private).toContain('BEGIN RSA PRIVATE KEY');
    expect(await signB2bToken({ ...v, privateKeyPem: pkcs1Private })).toBe(v.signature);
    expect(await verifyB2bToken({ ...v, publicKeyPem: pkcs1Public })).toBe(true);
    // Keys pasted into an env var with literal \n sequences.
    const escaped = pem(v.privateKey).replace(/\n/g, '\\n');
    expect(await signB2bToken({ ...v, privateKeyPem: escaped })).toBe(v.signature);
  });

  it('reports unreadable keys with a KeyFormatError that holds no key material', async () => {
    await expect(signB2bToken({ clientId: 'a', timestamp: 'b', privateKeyPem: 'nonsense' })).rejects.toThrow(
      KeyFormatError,
    );
    const wrongKind = pem('merchant-public.pem');
    const err = await signB2bToken({ clientId: 'a', timestamp: 'b', privateKeyPem: wrongKind }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(KeyFormatError);
    expect(String(err.message)).not.toContain('MII');
  });
});

describe('SNAP symmetric signature (HMAC-SHA512)', () => {
  for (const v of vectors.snapSymmetricSignature) {
    const input = { ...v, body: v.minifiedBody };
    it(`signs ${v.method} ${v.path} byte for byte`, async () => {
      expect(await sha256Hex(v.minifiedBody)).toBe(v.bodySha256Hex);
      expect(await snapSymmetricStringToSign(input)).toBe(v.stringToSign);
      expect(await signSnapSymmetric(input)).toBe(v.signature);
      expect(await verifySnapSymmetric(input)).toBe(true);
    });

    it(`rejects tampering for ${v.method} ${v.path}`, async () => {
      const bad = [
        { ...input, body: input.body === '' ? ' x' : flip(input.body, 2) },
        { ...input, path: `${input.path}x` },
        { ...input, method: input.method === 'GET' ? 'POST' : 'GET' },
        { ...input, timestamp: input.timestamp.replace(/:(\d)\d\+/, ':$19+').replace('+07:00', '+08:00') },
        { ...input, accessToken: `${input.accessToken}x` },
        { ...input, secretKey: `${input.secretKey}x` },
        { ...input, signature: flip(input.signature) },
      ];
      for (const b of bad) expect(await verifySnapSymmetric(b)).toBe(false);
    });
  }

  it('hashes an absent body as the empty string', async () => {
    const v = vectors.snapSymmetricSignature.find((x) => x.minifiedBody === '')!;
    for (const body of [null, undefined, '']) {
      expect(await signSnapSymmetric({ ...v, body })).toBe(v.signature);
    }
  });

  it('signs pretty-printed JSON as DOKU minifies it', async () => {
    const v = vectors.snapSymmetricSignature[0]!;
    const pretty = JSON.stringify(JSON.parse(v.minifiedBody), null, 2);
    expect(await signSnapSymmetric({ ...v, body: pretty })).toBe(v.signature);
  });
});

describe('SNAP notification signature (RSA)', () => {
  const v = vectors.snapNotificationRsa;
  const input = { ...v, body: v.minifiedBody };

  it('reproduces the vector and verifies it', async () => {
    expect(await snapAsymmetricStringToSign(input)).toBe(v.stringToSign);
    expect(await signSnapAsymmetric({ ...input, privateKeyPem: pem(v.privateKey) })).toBe(v.signature);
    expect(await verifySnapAsymmetric({ ...input, publicKeyPem: pem(v.publicKey) })).toBe(true);
  });

  it('rejects tampering', async () => {
    const publicKeyPem = pem(v.publicKey);
    const bad = [
      { ...input, body: input.body.replace('"00"', '"06"') },
      { ...input, path: '/kki/notifications/other' },
      { ...input, timestamp: '2026-11-22T10:16:01+07:00' },
      { ...input, signature: flip(input.signature) },
    ];
    for (const b of bad) expect(await verifySnapAsymmetric({ ...b, publicKeyPem })).toBe(false);
    expect(await verifySnapAsymmetric({ ...input, publicKeyPem: pem('merchant-public.pem') })).toBe(false);
  });
});

describe('Non-SNAP signature (HMACSHA256)', () => {
  for (const v of vectors.nonSnapSignature) {
    const input = { ...v, body: v.body };
    it(`signs ${v.requestTarget} (${v.timestampHeader}${v.body ? ', with Digest' : ''}) byte for byte`, async () => {
      expect(await nonSnapComponent(input)).toBe(v.component);
      expect(await signNonSnap(input)).toBe(v.signature);
      expect(await verifyNonSnap(input)).toBe(true);
    });

    it(`rejects tampering for ${v.requestTarget}`, async () => {
      const bad = [
        { ...input, body: v.body === null ? '{}' : flip(v.body, 3) },
        { ...input, requestTarget: `${v.requestTarget}/x` },
        { ...input, requestId: flip(v.requestId, 0) },
        { ...input, clientId: `${v.clientId}1` },
        { ...input, timestamp: v.timestamp.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) },
        {
          ...input,
          timestampHeader:
            v.timestampHeader === 'Request-Timestamp'
              ? ('Response-Timestamp' as const)
              : ('Request-Timestamp' as const),
        },
        { ...input, secretKey: flip(v.secretKey, 4) },
        { ...input, signature: v.signature.replace('HMACSHA256=', 'HMACSHA256=A') },
      ];
      for (const b of bad) expect(await verifyNonSnap(b)).toBe(false);
    });
  }
});

describe('cardData AES-128-CBC', () => {
  for (const v of vectors.cardDataAes128Cbc) {
    it(`encrypts with a fixed IV byte for byte (${v.aesKey})`, async () => {
      expect(cardDataKey(v.secretKey)).toBe(v.aesKey);
      expect(await encryptCardData(v.plaintext, v.secretKey, { iv: fromHex(v.ivHex), format: 'ct|iv' })).toBe(
        v.cardData,
      );
      expect(await decryptCardData(v.cardData, v.secretKey, 'ct|iv')).toBe(v.plaintext);
    });

    it(`encodes IV-prefixed Base64 from the same vector (${v.aesKey})`, async () => {
      // Seed 001's reading: one Base64 string, IV bytes then ciphertext bytes (same key, IV, ciphertext).
      const ct = fromBase64(v.cardData.split('|')[0] as string);
      const ivPrefixed = toBase64(new Uint8Array([...fromHex(v.ivHex), ...ct]));
      expect(await encryptCardData(v.plaintext, v.secretKey, { iv: fromHex(v.ivHex), format: 'iv+ct' })).toBe(
        ivPrefixed,
      );
      expect(await decryptCardData(ivPrefixed, v.secretKey, 'iv+ct')).toBe(v.plaintext);
      // Each format refuses the other's encoding.
      await expect(decryptCardData(ivPrefixed, v.secretKey, 'ct|iv')).rejects.toBeInstanceOf(CardDataError);
      await expect(decryptCardData(v.cardData, v.secretKey, 'iv+ct')).rejects.toBeInstanceOf(CardDataError);
    });
  }

  it('encrypts and decrypts in the format KKI_CARD_DATA_FORMAT names by default', async () => {
    const { plaintext, secretKey, ivHex } = vectors.cardDataAes128Cbc[0]!;
    const byDefault = await encryptCardData(plaintext, secretKey, { iv: fromHex(ivHex) });
    expect(byDefault).toBe(
      await encryptCardData(plaintext, secretKey, { iv: fromHex(ivHex), format: KKI_CARD_DATA_FORMAT }),
    );
    expect(await decryptCardData(byDefault, secretKey)).toBe(plaintext);
  });

  it('keys the cipher with a separate card-data key (the sharedKey) when one is given', async () => {
    const { plaintext, secretKey } = vectors.cardDataAes128Cbc[0]!;
    const shared = 'SHARED-KEY-0123456789';
    const cardData = await encryptCardData(plaintext, shared);
    expect(await decryptCardData(cardData, shared)).toBe(plaintext);
    const underSecret = await decryptCardData(cardData, secretKey).catch((e: unknown) => e);
    expect(underSecret).not.toBe(plaintext);
  });

  it('uses a fresh random IV each time and round-trips', async () => {
    const { plaintext, secretKey } = vectors.cardDataAes128Cbc[0]!;
    const a = await encryptCardData(plaintext, secretKey);
    const b = await encryptCardData(plaintext, secretKey);
    expect(a).not.toBe(b);
    expect(a.split('|')[1]).not.toBe(b.split('|')[1]);
    const c = await encryptCardData(plaintext, secretKey, { format: 'iv+ct' });
    expect(fromBase64(c).slice(0, 16)).not.toEqual(fromBase64(a.split('|')[1] as string));
    expect(await decryptCardData(c, secretKey, 'iv+ct')).toBe(plaintext);
    expect(await decryptCardData(a, secretKey)).toBe(plaintext);
  });

  it('fails with CardDataError, never with the plaintext, on a wrong key or tampered data', async () => {
    const v = vectors.cardDataAes128Cbc[0]!;
    const [ct, iv] = v.cardData.split('|') as [string, string];
    const cases = [
      () => decryptCardData(v.cardData, 'SK-wrongwrongwrong', 'ct|iv'),
      () => decryptCardData(`${flip(ct, ct.length - 6)}|${iv}`, v.secretKey, 'ct|iv'),
      () => decryptCardData(ct, v.secretKey, 'ct|iv'),
      () => decryptCardData(`${ct}|short`, v.secretKey, 'ct|iv'),
      () => decryptCardData('|', v.secretKey, 'ct|iv'),
      () => decryptCardData(v.cardData, v.secretKey, 'iv+ct'),
      () => decryptCardData(iv, v.secretKey, 'iv+ct'),
    ];
    for (const attempt of cases) {
      const err = await attempt().then(
        (pt) => pt,
        (e: unknown) => e,
      );
      // A wrong key can, rarely, still unpad; it must then not give back the original.
      if (typeof err === 'string') expect(err).not.toBe(v.plaintext);
      else {
        expect(err).toBeInstanceOf(CardDataError);
        expect(String((err as Error).message)).not.toContain('5163950000000001');
      }
    }
  });
});

describe('timestamps and ids', () => {
  it('formats SNAP timestamps in WIB (+07:00) and Non-SNAP in UTC', () => {
    const d = new Date('2026-11-22T03:15:30.123Z');
    expect(snapTimestamp(d)).toBe('2026-11-22T10:15:30+07:00');
    expect(nonSnapTimestamp(d)).toBe('2026-11-22T03:15:30Z');
    expect(snapTimestamp(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T03:00:00+07:00');
  });

  it('parses every accepted timestamp form to the same instant', () => {
    const t = Date.parse('2026-11-22T03:15:30Z');
    for (const s of ['2026-11-22T10:15:30+07:00', '2026-11-22T03:15:30Z', '2026-11-22T03:15:30.000Z']) {
      expect(parseDokuTimestamp(s)?.getTime()).toBe(t);
    }
    expect(parseDokuTimestamp('2026-11-22T03:15:30.5Z')?.getTime()).toBe(t + 500);
    for (const bad of ['2026-11-22 03:15:30', '2026-02-31T00:00:00Z', '2026-11-22T25:00:00Z', 'x', '']) {
      expect(parseDokuTimestamp(bad)).toBeNull();
    }
  });

  it('makes numeric external ids of at most 36 characters, unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createExternalId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isExternalId(id)).toBe(true);
    expect(isExternalId('12a')).toBe(false);
    expect(isExternalId('1'.repeat(37))).toBe(false);
  });

  it('compares strings without short-circuiting on length', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual('', 'a')).toBe(false);
  });
});
