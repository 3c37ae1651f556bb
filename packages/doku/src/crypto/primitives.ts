// The hashing, HMAC and AES-CBC work under the DOKU protocol, behind one small interface with two
// implementations: Web Crypto for every runtime, and node:crypto (synchronous, no key import, no
// promise hop per call; several times faster per request) chosen by the `node` condition of the
// package's `#crypto-primitives` import. Both are tested against the same vectors.

/** Bytes, or a string taken as its UTF-8 bytes (node:crypto hashes strings without a copy). */
export type CryptoInput = Uint8Array<ArrayBuffer> | string;

/** What the protocol code needs from a crypto implementation. */
export interface CryptoPrimitives {
  /** Which implementation this is, for tests and benchmarks. */
  readonly name: 'node' | 'web';
  /** SHA-256 of bytes. */
  sha256(data: CryptoInput): Promise<Uint8Array<ArrayBuffer>>;
  /** HMAC of `data` under the UTF-8 bytes of `secret`. */
  hmac(hash: 'SHA-256' | 'SHA-512', secret: string, data: CryptoInput): Promise<Uint8Array<ArrayBuffer>>;
  /** AES-128-CBC with PKCS#7 padding; decryption rejects on bad padding. */
  aesCbc(
    mode: 'encrypt' | 'decrypt',
    key: Uint8Array<ArrayBuffer>,
    iv: Uint8Array<ArrayBuffer>,
    data: CryptoInput,
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** `n` random bytes from a CSPRNG. */
  randomBytes(n: number): Uint8Array<ArrayBuffer>;
  /** Standard Base64 (with padding) of bytes; the same text as `toBase64`, natively where it can. */
  base64(bytes: Uint8Array): string;
  /** Lower-case hex of bytes; the same text as `toHex`, natively where it can. */
  hex(bytes: Uint8Array): string;
}
