/** A B2B access token and when the cache stops using it. */
export interface B2bToken {
  accessToken: string;
  /** Epoch ms after which the cache fetches a new token (expiry minus the refresh margin). */
  refreshAt: number;
  /** Epoch ms at which DOKU's token expires (`expiresIn` after it was obtained). */
  expiresAt: number;
}

/** What a token fetch yields: the token and its lifetime in seconds. */
export interface FetchedToken {
  accessToken: string;
  expiresInS: number;
}

/**
 * Caches the SNAP B2B token. Concurrent callers on a cold or stale cache share one fetch
 * (single-flight): a burst of payments makes one token request, not one each.
 */
export class B2bTokenCache {
  #current: B2bToken | undefined;
  #inflight: Promise<B2bToken> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number,
    private readonly marginMs: number,
  ) {}

  /** A valid token, fetching one if none is cached or the cached one is about to expire. */
  async get(options: { forceRefresh?: boolean } = {}): Promise<B2bToken> {
    const cur = this.#current;
    if (!options.forceRefresh && cur && this.now() < cur.refreshAt) return cur;
    return this.#refresh();
  }

  /**
   * Drops `accessToken` if it is still the cached one (DOKU said it is invalid). A token fetched
   * meanwhile by another caller is kept, so N calls failing with one stale token refresh once.
   */
  invalidate(accessToken: string): void {
    if (this.#current?.accessToken === accessToken) this.#current = undefined;
  }

  #refresh(): Promise<B2bToken> {
    if (this.#inflight) return this.#inflight;
    const started = this.now();
    const p = this.fetchToken()
      .then(({ accessToken, expiresInS }) => {
        const lifetimeMs = expiresInS * 1000;
        // Never spend more than half the lifetime as margin, so short-lived tokens still get reused.
        const margin = Math.min(this.marginMs, lifetimeMs / 2);
        const token = {
          accessToken,
          expiresAt: started + lifetimeMs,
          refreshAt: started + lifetimeMs - margin,
        };
        this.#current = token;
        return token;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    this.#inflight = p;
    return p;
  }
}
