// The B2B token DOKU fetches from the merchant before an HMAC-mode SNAP notification
// (doku-api.md §4.2): DOKU plays the client, signing `clientId|X-TIMESTAMP` with its private key.
import {
  b2bTokenResponseSchema,
  DEFAULT_TOKEN_EXPIRES_IN_S,
  signB2bToken,
  snapTimestamp,
} from '@kki-kit/doku';
import type { SandboxClock, SandboxConfig } from '../context.js';

/** Why no token could be had; `status` is the token endpoint's HTTP status, if it answered. */
export class MerchantTokenError extends Error {
  override name = 'MerchantTokenError';
  constructor(
    message: string,
    readonly status: number | 'network_error',
  ) {
    super(message);
  }
}

/** Fetches and caches the merchant-issued token for HMAC-mode notifications. */
export interface MerchantTokenSource {
  /** A token valid now: cached, or fetched from `config.snapNotificationTokenUrl`. */
  get(): Promise<string>;
  /** Forgets the cached token (the merchant rejected it). */
  invalidate(): void;
}

// Refresh a little before the merchant's stated expiry, as DOKU's SDKs do with their own tokens
// (doku-api.md §1.3: `expiresIn - 10`).
const EXPIRY_MARGIN_MS = 10_000;

/** Creates the token source; nothing is fetched until the first `get()`. */
export function createMerchantTokenSource(deps: {
  config: SandboxConfig;
  clock: SandboxClock;
  fetch: typeof fetch;
  timeoutMs: number;
}): MerchantTokenSource {
  let cached: { token: string; url: string; expiresAtMs: number } | null = null;
  // Notifications sent together share one token request.
  let inflight: Promise<string> | null = null;

  async function fetchToken(url: string): Promise<string> {
    const { config, clock } = deps;
    const timestamp = snapTimestamp(clock.now());
    const signature = await signB2bToken({
      clientId: config.clientId,
      timestamp,
      privateKeyPem: config.dokuPrivateKey,
    });
    let res: Response;
    try {
      res = await deps.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-CLIENT-KEY': config.clientId,
          'X-TIMESTAMP': timestamp,
          'X-SIGNATURE': signature,
        },
        body: JSON.stringify({ grantType: 'client_credentials' }),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (err) {
      throw new MerchantTokenError(`token request failed: ${(err as Error).message}`, 'network_error');
    }
    const text = await res.text();
    if (!res.ok) throw new MerchantTokenError(`token endpoint answered HTTP ${res.status}`, res.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MerchantTokenError('token endpoint answered with a body that is not JSON', res.status);
    }
    const parsed = b2bTokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new MerchantTokenError('token endpoint answered without a valid accessToken', res.status);
    }
    const expiresInS = Number(parsed.data.expiresIn ?? DEFAULT_TOKEN_EXPIRES_IN_S);
    cached = {
      token: parsed.data.accessToken,
      url,
      expiresAtMs: clock.nowMs() + expiresInS * 1000 - EXPIRY_MARGIN_MS,
    };
    return parsed.data.accessToken;
  }

  return {
    async get() {
      const url = deps.config.snapNotificationTokenUrl;
      if (!url) {
        throw new MerchantTokenError(
          'HMAC notifications need the merchant token URL (snapNotificationTokenUrl)',
          'network_error',
        );
      }
      if (cached && cached.url === url && cached.expiresAtMs > deps.clock.nowMs()) return cached.token;
      inflight ??= fetchToken(url).finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate() {
      cached = null;
    },
  };
}
