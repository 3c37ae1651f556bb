/**
 * `@kki-kit/doku`: the DOKU protocol for any JavaScript runtime with Web Crypto.
 * Signatures (SNAP and Non-SNAP, sign and verify), `cardData` encryption, wire schemas, and a typed client.
 */
export * from './crypto/index.js';
export * from './wire/index.js';
export * from './client/index.js';
export * from './conformance/index.js';
export * from './sample-credentials.js';
