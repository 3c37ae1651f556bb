// Idempotency keys: one per customer attempt, reused only to retry an attempt whose outcome is unknown.

/** A fresh idempotency key: a UUID from Web Crypto (`kki-` + 128 random bits on plain-http pages). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts; getRandomValues in every browser React supports and in
  // Node, Deno, Bun and workers. The key is not a secret, only unique per attempt.
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  return `kki-${c.getRandomValues(new Uint32Array(4)).join('-')}`;
}

/**
 * Hands out the idempotency key of an attempt. A new attempt (different request, or the previous one
 * ended with a definite answer) gets a new key; a retry of the same request after an unknown outcome
 * (network error, timeout) keeps the key, so the BFF replays instead of charging twice.
 */
export class AttemptKeys {
  /** The open attempt's fingerprint (e.g. route id + body, never logged); `null` once it is answered. */
  private open: string | null = null;
  private key = '';

  /** The key for a request identified by `fingerprint`. */
  keyFor(fingerprint: string): string {
    if (this.open !== fingerprint) {
      this.open = fingerprint;
      this.key = newIdempotencyKey();
    }
    return this.key;
  }

  /** Marks the current attempt as answered for certain, so the next call starts a new attempt. */
  settle(): void {
    this.open = null;
  }
}
