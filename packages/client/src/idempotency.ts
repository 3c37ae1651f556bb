// Idempotency keys: one per customer attempt, reused only to retry an attempt whose outcome is unknown.

/** A fresh idempotency key: a UUID from Web Crypto, with fallbacks for older browsers. */
export function newIdempotencyKey(): string {
  const c: Crypto | undefined = globalThis.crypto;
  if (c !== undefined && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c !== undefined && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  // The key is not a secret, only unique per attempt; Math.random is enough where Web Crypto is missing.
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `kki-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Hands out the idempotency key of an attempt. A new attempt (different request, or the previous one
 * ended with a definite answer) gets a new key; a retry of the same request after an unknown outcome
 * (network error, timeout) keeps the key, so the BFF replays instead of charging twice.
 */
export class AttemptKeys {
  private last: { readonly fingerprint: string; readonly key: string; settled: boolean } | null = null;

  /** The key for a request identified by `fingerprint` (e.g. route id + body, never logged). */
  keyFor(fingerprint: string): string {
    if (this.last !== null && !this.last.settled && this.last.fingerprint === fingerprint)
      return this.last.key;
    this.last = { fingerprint, key: newIdempotencyKey(), settled: false };
    return this.last.key;
  }

  /** Marks the current attempt as answered for certain, so the next call starts a new attempt. */
  settle(): void {
    if (this.last !== null) this.last.settled = true;
  }
}
