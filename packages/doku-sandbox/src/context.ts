// The contract between the sandbox's parts (KKI/SNAP side, Cards side, notifier). Everything a module
// needs from the sandbox comes through a `SandboxContext`, so each part can be built and tested alone.
import type { Hono, MiddlewareHandler } from 'hono';

/** A clock the tests can move: real time plus an offset. */
export interface SandboxClock {
  now(): Date;
  nowMs(): number;
  advance(ms: number): void;
  set(date: Date): void;
  /** Runs fn when the sandbox clock reaches atMs (real time passing or advance()). Returns a cancel fn. */
  schedule(atMs: number, fn: () => void | Promise<void>): () => void;
}

/** A deterministic random source (seeded), so a run can be repeated exactly. */
export interface SeededRandom {
  /** [0, 1) */
  next(): number;
  int(maxExclusive: number): number;
  digits(n: number): string;
}

/** What a fault rule does to a request. */
export type FaultKind = 'latency' | 'error5xx' | 'inProgress202' | 'noAnswer' | 'drop' | 'malformedJson';

/** Injects configured faults into endpoints and notifications. */
export interface FaultInjector {
  /** Hono middleware for one endpoint key (e.g. 'kki.payment', 'cards.paymentPage'): applies the configured faults with the seeded RNG. */
  middleware(endpoint: string): MiddlewareHandler;
  /**
   * For the notifier: whether to send this notification twice / hold it back to deliver out of order /
   * never send it at all.
   */
  notificationFaults(): { duplicate: boolean; reorder: boolean; lose: boolean };
}

/** A notification the sandbox (as DOKU) sends to the merchant. */
export interface OutboundNotification {
  family: 'snap' | 'nonsnap';
  /** Merchant URL (absolute). */
  url: string;
  /** Exact JSON body to send. */
  body: string;
  /** What it is about, for the ledger and tests (e.g. 'kki.payment', 'kki.binding', 'kki.unbinding', 'cards.payment'). */
  topic: string;
  /** Reference the notification concerns (partnerReferenceNo / invoice number). */
  reference: string;
}

/** One delivery attempt of a notification. */
export interface NotificationAttempt {
  id: string;
  topic: string;
  reference: string;
  url: string;
  attempt: number;
  status: number | 'network_error';
  at: string;
  duplicate: boolean;
}

/** Delivers signed notifications to the merchant, with DOKU's retry schedule. */
export interface Notifier {
  /** Signs and delivers; retries on non-2xx on DOKU's schedule (30 min, 6 h, 12 h) times config.notificationRetryScale on the sandbox clock. */
  send(n: OutboundNotification): void;
  /** Every attempt so far (for the ledger and tests). */
  log(): ReadonlyArray<NotificationAttempt>;
  /** Resolves when nothing is in flight (tests). */
  idle(): Promise<void>;
}

/** How SNAP notifications are signed (doku-api.md §4.1 CONFLICT: both modes exist). */
export type SnapNotificationMode = 'rsa' | 'hmac';

/**
 * A notification fault: deliver twice, hold back so a later one overtakes it, or lose it for good (no
 * attempt and no retry: what a merchant meets when DOKU's notification never comes).
 */
export type NotificationFaultKind = 'duplicate' | 'reorder' | 'lose';

/**
 * One fault rule. `endpoint` is an endpoint key ('kki.payment'), a family wildcard ('kki.*',
 * 'cards.*'), '*' for every endpoint, or 'notifications' for the notification kinds.
 * The rule fires on the next `times` matching calls when `times` is set, otherwise with
 * `probability` (0..1, default 1) on each call.
 */
export interface FaultRule {
  endpoint: string;
  kind: FaultKind | NotificationFaultKind;
  probability?: number;
  times?: number;
  /** For 'latency': added delay in ms (default 1000). */
  latencyMs?: number;
  /**
   * For 'noAnswer', 'drop' and 'inProgress202': 'before' fails the call without processing it,
   * 'after' processes it first (the merchant never learns the outcome). Defaults: noAnswer/drop
   * 'before', inProgress202 'after'.
   */
  phase?: 'before' | 'after';
}

/** Everything configurable about the sandbox. Defaults in config.ts; env names in the README. */
export interface SandboxConfig {
  /** The merchant's client id: SNAP `X-CLIENT-KEY`/`X-PARTNER-ID` and Non-SNAP `Client-Id`. */
  clientId: string;
  /** The merchant's name as hosted pages show it (issuer app, card page). */
  merchantName: string;
  /** The merchant's secret key: SNAP HMAC-SHA512 key, Non-SNAP HMACSHA256 key, and the AES card-data key unless `cardDataKey` is set. */
  secretKey: string;
  /**
   * The merchant's `sharedKey` that keys `cardData` ([SEED-001] Card Binding); `null`: the secret key
   * (what DOKU's SDKs use).
   */
  cardDataKey: string | null;
  /** PEM: verifies the merchant's B2B token signature. */
  merchantPublicKey: string;
  /** PEM: signs access tokens and RSA-mode SNAP notifications (DOKU's key). */
  dokuPrivateKey: string;
  /** PEM: DOKU's public key, published to the merchant (GET /__sandbox/keys). */
  dokuPublicKey: string;
  /**
   * Absolute base URL of the sandbox for hosted pages (OTP page, issuer app, card pages), no trailing
   * slash. `null`: use the origin of the request that created the page.
   */
  publicBaseUrl: string | null;
  /** The merchant's SNAP notification URL (debit notify); `null`: no SNAP notifications are sent. */
  snapNotificationUrl: string | null;
  /** The merchant's B2B token URL DOKU calls before an HMAC-mode notification (doku-api.md §4.2). */
  snapNotificationTokenUrl: string | null;
  /** The merchant's Non-SNAP notification URL; `null`: none are sent. */
  nonSnapNotificationUrl: string | null;
  /** How SNAP notifications are signed. */
  snapNotificationMode: SnapNotificationMode;
  /** How far X-TIMESTAMP / Request-Timestamp may be from the sandbox clock, in seconds. */
  clockSkewSeconds: number;
  /** Lifetime of a B2B access token, seconds (DOKU: 900). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a KKI one-time token (OTT) after it is first seen, seconds. */
  ottTtlSeconds: number;
  /** Pending KKI payments approve themselves after this many ms on the sandbox clock; `null`: never. */
  autoApproveMs: number | null;
  /** Delay before a PENDING unbinding becomes SUCCESS, ms on the sandbox clock. */
  unbindDelayMs: number;
  /** Multiplies DOKU's notification retry delays (1 = 30 min, 6 h, 12 h). */
  notificationRetryScale: number;
  /** Upper bound for a 'noAnswer' fault, ms of real time: the connection is dropped after it. */
  maxHangMs: number;
  /** Seed of every random choice (ids, fault probabilities). */
  seed: number;
  /** Whether the `/__sandbox` control API is mounted. */
  control: boolean;
  /**
   * Answer only with what DOKU's documentation shows (`SANDBOX_MINIMAL=1`): no original response in
   * a `409` replay, no `additionalInfo.status` on payments, no `refundType` on refunds, no outcome
   * code, issuer or masked card in notifications, no card details in the status answer. A client
   * that passes against it relies on nothing the sandbox invented.
   */
  minimal: boolean;
  /** Fault rules active at start (the control API can change them). */
  faults: FaultRule[];
}

/** What every sandbox module gets. */
export interface SandboxContext {
  config: SandboxConfig;
  clock: SandboxClock;
  random: SeededRandom;
  faults: FaultInjector;
  notifier: Notifier;
  /** fetch used for outbound calls (notifications); injectable so tests can point it at an in-process app. */
  fetch: typeof fetch;
}

/** What a module (KKI, Cards) exports for app.ts to mount. */
export interface SandboxModule {
  routes: Hono;
  control?: Hono;
  ledger(): unknown;
  reset(): void;
}
