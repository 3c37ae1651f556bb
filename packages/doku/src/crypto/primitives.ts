// The hashing, HMAC and AES-CBC work under the DOKU protocol, behind one small interface with two
// implementations: Web Crypto for every runtime, and node:crypto (synchronous, no key import, no
// promise hop per call; several times faster per request) chosen by the `node` condition of the
// package's `#crypto-primitives` import. Both are tested against the same vectors.

/** What the protocol code needs from a crypto implementation. */
export interface CryptoPrimitives {
  /** Which implementation this is, for tests and benchmarks. */
  readonly name: 'node' | 'web';
  /** SHA-256 of bytes. */
  sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** HMAC of `data` under the UTF-8 bytes of `secret`. */
  hmac(
    hash: 'SHA-256' | 'SHA-512',
    secret: string,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** AES-128-CBC with PKCS#7 padding; decryption rejects on bad padding. */
  aesCbc(
    mode: 'encrypt' | 'decrypt',
    key: Uint8Array<ArrayBuffer>,
    iv: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer>>;
  /** `n` random bytes from a CSPRNG. */
  randomBytes(n: number): Uint8Array<ArrayBuffer>;
}
