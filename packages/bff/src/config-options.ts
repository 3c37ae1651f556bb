// The options of `createKkiBff` as merchants write them, with the hook types they take. Validated
// and given defaults by `resolveConfig` (config.ts).
import type { KkiCopyOverrides, KkiLocale } from '@kki-kit/contract';
import type { SandboxOptions } from '@kki-kit/doku-sandbox';
import type { Context } from 'hono';
import type { KkiEventHandler, KkiEventOptions, KkiWebhookOptions } from './config-events.js';
import type { CheckoutOptions, KkiIntegrationOptions } from './config-integration.js';
import type { KkiLogger, KkiLogLevelSetting, KkiStructuredLogger } from './log.js';
import type { PaymentRecord, Store } from './store/index.js';

// Declared here, next to the options that take it, so the DOKU connection (which reads the
// resolved config) and the config do not import each other.
/** Sandbox settings a BFF may pass to its in-process sandbox (the wiring fields are the BFF's). */
export type OfflineSandboxOptions = Omit<
  SandboxOptions,
  | 'fetch'
  | 'clientId'
  | 'secretKey'
  | 'cardDataKey'
  | 'publicBaseUrl'
  | 'snapNotificationUrl'
  | 'snapNotificationTokenUrl'
>;

/** Returns the signed-in customer's id, or null (the BFF answers 401). */
export type AuthenticateHook = (c: Context) => string | null | Promise<string | null>;
/** Whether the caller may refund this payment. Without the hook, refunds are refused. */
export type AuthorizeRefundHook = (c: Context, payment: PaymentRecord) => boolean | Promise<boolean>;

/** The customer cookie's settings (`customerSession` of createKkiBff, or `createCustomerSession`). */
export interface CustomerSessionOptions {
  /**
   * Signs the cookie: 32 characters or more, from the environment (e.g. `process.env.SESSION_SECRET`;
   * `undefined` is accepted here and refused at start-up, naming the option).
   */
  secret: string | undefined;
  /** The cookie's name (default `customer`). */
  cookieName?: string;
  /** How long the cookie lasts in the browser, in seconds (default 8 hours). */
  maxAgeSeconds?: number;
  /** The `Secure` attribute (default true; browsers keep Secure cookies of `http://localhost` too). */
  secure?: boolean;
}

/** Attempt limit: `max` attempts per customer and `maxPerAddress` per client address, per `windowMs`. */
export interface RateLimitRule {
  max: number;
  windowMs: number;
  /** Attempts per client address (all its customers together); default 10 × `max`. */
  maxPerAddress?: number;
}

/** The merchant HTTP API (`/merchant/*`, server to server). */
export interface KkiMerchantApiOptions {
  /**
   * The API keys a merchant backend sends as `Authorization: Bearer <key>`: each at least 24
   * characters of letters, digits or `-._~+/=`. Several keys are all accepted (rotation: add the
   * new key, move the callers, remove the old one).
   */
  keys: readonly string[];
}

/** Options of `createKkiBff`. */
export interface KkiBffOptions {
  /**
   * How KKI is taken: `{ integration: 'checkout' }` (the default) on DOKU Checkout's page, or
   * `{ integration: 'h2h', pciDss: true }` host-to-host for PCI DSS certified merchants. Without
   * `'h2h'` no route takes a card number or one-time token.
   */
  kki?: KkiIntegrationOptions;
  /** DOKU Checkout's methods, time limit and return page; `false` turns it off (only with `'h2h'`). */
  checkout?: CheckoutOptions | false;
  /**
   * Which DOKU to talk to: `'sandbox'` (api-sandbox.doku.com), `'production'`, a base URL (e.g. the
   * offline sandbox on its port, `http://127.0.0.1:4010`), or `'offline'` (the offline sandbox
   * in-process). Default: `'offline'` when no credentials are given.
   */
  environment?: 'sandbox' | 'production' | 'offline' | (string & {});
  /** SNAP client id (required for `sandbox` / `production`). */
  clientId?: string;
  /** SNAP secret key (required for `sandbox` / `production`). Also keys the store's encryption. */
  secretKey?: string;
  /**
   * The merchant's `sharedKey` from DOKU, which keys the AES encryption of `cardData` (seed 001 Card
   * Binding). Defaults to `secretKey`, what DOKU's SDKs use.
   */
  cardDataKey?: string;
  /** Merchant RSA private key, PEM (required for `sandbox` / `production`). */
  privateKeyPem?: string;
  /** DOKU's RSA public key, PEM, to verify RSA-mode notifications. */
  dokuPublicKeyPem?: string;
  /** Non-SNAP (Cards) client id; defaults to `clientId`. */
  nonSnapClientId?: string;
  /** Non-SNAP (Cards) secret key; defaults to `secretKey`. */
  nonSnapSecretKey?: string;
  /**
   * A store you opened, or where to open one: PostgreSQL `databaseUrl`, else PGlite in `dataDir`
   * (memory without). On PostgreSQL, `maxConnections` sizes the pool (default 10) and
   * `preparedStatements: false` sends every statement unprepared (for a pooler that cannot keep
   * them, e.g. PgBouncer in transaction mode before 1.21 or without `max_prepared_statements`).
   */
  store?:
    | Store
    | {
        databaseUrl?: string;
        dataDir?: string;
        schema?: string;
        maxConnections?: number;
        preparedStatements?: boolean;
      };
  /**
   * The signed-in customer's id, or null (401). Required unless `customerSession` is given, whose
   * cookie it reads then.
   */
  authenticate?: AuthenticateHook;
  /**
   * The customer cookie your login sets (`bff.customerSession.setCookie(id)`, or Express's
   * `res.cookie(name, id, { signed: true })` under the same secret). Start-up is refused when its
   * `secret` is missing or shorter than 32 characters.
   */
  customerSession?: CustomerSessionOptions;
  /** Decides each refund; absent → refunds are refused. */
  authorizeRefund?: AuthorizeRefundHook;
  /**
   * The BFF's public URL including its mount path (e.g. `https://shop.example/api/kki`): DOKU sends
   * notifications and customers back here.
   */
  publicUrl: string;
  /**
   * Where to send the customer after a KKI payment or binding on DOKU's pages. After a payment the
   * page gets `?kki_payment=<payment id>`: read that payment from the BFF (`GET /payments/:id`, the
   * customer's own) to show its result; the parameter is a pointer, never the outcome.
   */
  returnUrls?: { success?: string; failure?: string };
  /** Origins allowed to call the browser routes (the shop's pages). Default: `publicUrl`'s origin. */
  allowedOrigins?: string[];
  /** Largest request body in bytes (default 16 KiB). */
  bodyLimitBytes?: number;
  /**
   * Attempt limits per customer and per client address, counted in the store so instances share
   * them (defaults: payment 10/min, otp 5/10 min; per address 10 × those).
   */
  rateLimits?: { payment?: RateLimitRule; otp?: RateLimitRule };
  /**
   * How many reverse proxies in front of the BFF append to `X-Forwarded-For` (default 0: the socket's
   * peer is the client). The per-address limits key on the address the outermost trusted proxy saw.
   */
  trustProxy?: number;
  /** Reconciliation of pending payments: after how long a payment counts as stuck, and how often to look. */
  reconciliation?: { pendingAfterMs?: number; intervalMs?: number; enabled?: boolean };
  /**
   * How long an `Idempotency-Key` answers its first result, in ms (default 7 days, at least one day).
   * Reconciliation then deletes the record, so the store does not grow without end. A retry after
   * that still meets the ids its key derives: a payment, refund, capture, binding or merchant order
   * answers as the one the key made stands now, never a second one.
   */
  idempotencyRetentionMs?: number;
  /** Default language of error copy (`id`). */
  locale?: KkiLocale;
  /**
   * Merchant wording for error codes: used for the error bodies of refused requests and for the
   * errors payment, binding and refund views carry (a declined payment read later), in the language
   * each request asks for (`X-KKI-Locale`).
   */
  copyOverrides?: KkiCopyOverrides;
  /**
   * Where structured log lines go: a function of the line, or a pino-shaped object (`{ debug, info,
   * warn, error }` taking `(fields, message)`, e.g. a pino instance). Default: JSON lines on stdout.
   * Every line is redacted first, and a line logged while a request is served carries its
   * `requestId`.
   */
  logger?: KkiLogger | KkiStructuredLogger;
  /** Lowest level logged: `'debug'`, `'info'` (default), `'warn'`, `'error'` or `'silent'`. */
  logLevel?: KkiLogLevelSetting;
  /** Per-attempt timeout of DOKU calls in ms (default 30 000). */
  dokuTimeoutMs?: number;
  /** Retries of a DOKU call after a network error, timeout, 429 or 5xx (default 2: at most 3 sends). */
  dokuRetries?: number;
  /** Called with every event (payments, refunds, saved cards); a throw retries it later. */
  onEvent?: KkiEventHandler;
  /** Signed webhooks: every event POSTed to `url`, retried until a 2xx answer. */
  webhooks?: KkiWebhookOptions;
  /** The delivery loop of `onEvent` and webhooks (retry schedule, polling). */
  events?: KkiEventOptions;
  /**
   * Mounts the merchant HTTP API under `/merchant` (create orders, read payments, capture, refund,
   * charge saved cards, the event feed), authenticated by these API keys (`KKI_MERCHANT_API_KEY` for
   * `kki-bff`). Absent: not mounted (404).
   */
  merchantApi?: KkiMerchantApiOptions;
  /** `fetch` used to reach DOKU (tests inject the sandbox's). */
  fetch?: typeof fetch;
  /**
   * Settings of the in-process sandbox (environment `'offline'` only), e.g. `{ control: true }` for
   * tests that drive it, or `{ autoApproveMs: 3000 }` for demos.
   */
  offlineSandbox?: OfflineSandboxOptions;
}
