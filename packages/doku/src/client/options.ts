import { defaultTransport } from '#http-transport';
import { DOKU_HOSTS } from '../wire/endpoints.js';
import { CARD_DATA_KEY_FALLBACK } from '../wire/open-questions.js';
import { fetchTransport, type HttpTransport } from './transport.js';

/** One line the client logs per HTTP attempt. Holds no headers, bodies, card data, tokens or keys. */
export interface DokuLogEvent {
  /** Client method name, e.g. `kkiPayment`. */
  endpoint: string;
  method: 'GET' | 'POST';
  /** Request path (no host, no query secrets; the order-status path holds the invoice number). */
  path: string;
  /** 1 for the first send, 2 for the first retry, … */
  attempt: number;
  /** HTTP status, absent on network errors and timeouts. */
  httpStatus?: number;
  /** SNAP `responseCode` or Non-SNAP `errors.code`, when DOKU sent one. */
  responseCode?: string;
  durationMs: number;
  /** What the client does next with this answer. */
  outcome: 'success' | 'pending' | 'retry' | 'refresh_token' | 'replay' | 'error';
  /** Why an attempt failed without an HTTP answer. */
  failure?: 'timeout' | 'network' | 'malformed' | 'bad_signature';
}

/** Receives one `DokuLogEvent` per attempt. Must not throw; errors are swallowed. */
export type DokuLogger = (event: DokuLogEvent) => void;

/** Options of `createDokuClient`. */
export interface DokuClientOptions {
  /** `'sandbox'` (api-sandbox.doku.com), `'production'` (api.doku.com) or any base URL, e.g. the offline sandbox. */
  baseUrl: 'sandbox' | 'production' | (string & {});
  /** SNAP client id (`X-PARTNER-ID`, `X-CLIENT-KEY`). */
  clientId: string;
  /** SNAP secret key: HMAC-SHA512 key, and the `cardData` AES key source unless `cardDataKey` is set. */
  secretKey: string;
  /**
   * The merchant's `sharedKey` from DOKU, which keys the AES encryption of `cardData` ([SEED-001]
   * Card Binding: "AES-CBC with the merchant's `sharedKey`"). Defaults to `secretKey`, which is what
   * DOKU's SDKs use (`CARD_DATA_KEY_FALLBACK`).
   */
  cardDataKey?: string;
  /** Merchant RSA private key (PEM, PKCS#8 or PKCS#1) for the B2B token signature. */
  privateKeyPem: string;
  /** DOKU's public key, for `verifyNotificationRsa`. */
  dokuPublicKeyPem?: string;
  /** Non-SNAP (Cards) `Client-Id`; defaults to `clientId`. */
  nonSnapClientId?: string;
  /** Non-SNAP secret key; defaults to `secretKey`. */
  nonSnapSecretKey?: string;
  /**
   * `fetch` to send requests with. Without it the client uses node:http/https on Node (several times
   * cheaper per call than Node's fetch, through Node's global agents) and `globalThis.fetch`
   * elsewhere. Inject one to test or to route requests your own way.
   */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms (default 30 000), combined with a caller's `signal`. */
  timeoutMs?: number;
  /** Retries after a network error, timeout, 429 or 5xx (default 2, so at most 3 sends). */
  retries?: number;
  /** Base of the exponential backoff in ms (default 250; full jitter, capped at 5 000). */
  retryDelayMs?: number;
  /** Refresh the B2B token this long before `expiresIn` runs out (default 60 000 ms, at most half the lifetime). */
  tokenRefreshMarginMs?: number;
  /** Clock in epoch milliseconds (default `Date.now`). Drives timestamps and token expiry. */
  now?: () => number;
  /** Per-attempt log hook. */
  logger?: DokuLogger;
}

/** Options with every default filled in. */
export interface ResolvedDokuOptions {
  baseUrl: string;
  clientId: string;
  secretKey: string;
  cardDataKey: string;
  privateKeyPem: string;
  dokuPublicKeyPem: string | undefined;
  nonSnapClientId: string;
  nonSnapSecretKey: string;
  /** Sends one request: the injected `fetch`, else the runtime's default transport. */
  send: HttpTransport;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  tokenRefreshMarginMs: number;
  now: () => number;
  log: DokuLogger;
}

/** Resolves `'sandbox'`/`'production'` and trims a trailing slash. */
export function resolveBaseUrl(baseUrl: string): string {
  const url = baseUrl === 'sandbox' || baseUrl === 'production' ? DOKU_HOSTS[baseUrl] : baseUrl;
  return url.replace(/\/+$/, '');
}

export function resolveOptions(options: DokuClientOptions): ResolvedDokuOptions {
  for (const key of ['clientId', 'secretKey', 'privateKeyPem'] as const) {
    if (!options[key]) throw new TypeError(`createDokuClient: ${key} is required`);
  }
  const send = options.fetch ? fetchTransport(options.fetch) : defaultTransport();
  if (send === null) throw new TypeError('createDokuClient: no fetch available');
  const logger = options.logger;
  return {
    baseUrl: resolveBaseUrl(options.baseUrl),
    clientId: options.clientId,
    secretKey: options.secretKey,
    cardDataKey: options.cardDataKey || options[CARD_DATA_KEY_FALLBACK],
    privateKeyPem: options.privateKeyPem,
    dokuPublicKeyPem: options.dokuPublicKeyPem,
    nonSnapClientId: options.nonSnapClientId ?? options.clientId,
    nonSnapSecretKey: options.nonSnapSecretKey ?? options.secretKey,
    send,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: Math.max(0, Math.floor(options.retries ?? 2)),
    retryDelayMs: Math.max(0, options.retryDelayMs ?? 250),
    tokenRefreshMarginMs: Math.max(0, options.tokenRefreshMarginMs ?? 60_000),
    now: options.now ?? Date.now,
    log: logger
      ? (event) => {
          try {
            logger(event);
          } catch {
            // A broken logger must not break a payment.
          }
        }
      : () => {},
  };
}
