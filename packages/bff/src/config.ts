// createKkiBff's options, validated once at start-up: one clear message per missing or malformed
// value, naming the option (or environment variable) and never echoing a secret.
import type { KkiCopyOverrides, KkiLocale } from '@kki-kit/contract';
import { CARD_DATA_KEY_FALLBACK, DOKU_SAMPLE_SECRET_KEY } from '@kki-kit/doku';
import * as z from 'zod';
import {
  integrationOptionsSchema,
  type ResolvedIntegration,
  resolveIntegration,
} from './config-integration.js';
import { KKI_LOG_LEVELS, type KkiLogLevelSetting } from './log.js';
import type {
  AuthenticateHook,
  AuthorizeRefundHook,
  CustomerSessionOptions,
  KkiBffOptions,
  RateLimitRule,
} from './config-options.js';

export type { CheckoutOptions, KkiIntegrationOptions } from './config-integration.js';
export type {
  AuthenticateHook,
  AuthorizeRefundHook,
  CustomerSessionOptions,
  KkiBffOptions,
  KkiMerchantApiOptions,
  OfflineSandboxOptions,
  RateLimitRule,
} from './config-options.js';

/** The options after validation, with every default filled in. */
export interface ResolvedConfig extends ResolvedIntegration {
  doku: {
    /** `'offline'` runs the sandbox in-process; otherwise the base URL or DOKU host keyword. */
    environment: 'offline' | 'sandbox' | 'production' | 'url';
    baseUrl: string | null;
    clientId: string;
    secretKey: string;
    /** Key of the `cardData` encryption (the `sharedKey`); else DOKU's `CARD_DATA_KEY_FALLBACK` credential. */
    cardDataKey: string;
    privateKeyPem: string;
    dokuPublicKeyPem: string | null;
    nonSnapClientId: string;
    nonSnapSecretKey: string;
    /** Per-attempt timeout of DOKU calls, ms. */
    timeoutMs: number;
    /** Retries of a DOKU call after a network error, timeout, 429 or 5xx. */
    retries: number;
  };
  /** Lowest level logged. */
  logLevel: KkiLogLevelSetting;
  publicUrl: URL;
  returnUrls: { success: string | null; failure: string | null };
  allowedOrigins: string[];
  bodyLimitBytes: number;
  rateLimits: { payment: Required<RateLimitRule>; otp: Required<RateLimitRule> };
  trustProxy: number;
  reconciliation: { pendingAfterMs: number; intervalMs: number; enabled: boolean };
  /** How long an idempotency key answers its first result, ms (then reconciliation deletes it). */
  idempotencyRetentionMs: number;
  locale: KkiLocale;
  /** Keys of the merchant HTTP API; empty: the API is not mounted. */
  merchantApiKeys: readonly string[];
  /** Merchant wording for error codes, used in every error the browser gets (replayed ones too). */
  copyOverrides?: KkiCopyOverrides;
}

/**
 * The offline sandbox's published merchant credentials and DOKU public key: the defaults when a BFF
 * is given none. Passed in (see `sandboxCredentials`) so that the sandbox is loaded only when needed.
 */
export interface SandboxCredentials {
  clientId: string;
  secretKey: string;
  privateKeyPem: string;
  dokuPublicKeyPem: string;
}

/**
 * Whether resolving `options` needs the sandbox's credentials: `'required'` for the sandbox's
 * environments (offline, or a sandbox on its own port) without credentials, else `'none'` (real DOKU
 * never loads the sandbox; production refuses DOKU's sample key from `@kki-kit/doku`).
 */
export function sandboxCredentialsNeed(options: KkiBffOptions): 'required' | 'none' {
  const hasCredentials =
    options.clientId !== undefined || options.secretKey !== undefined || options.privateKeyPem !== undefined;
  const env = options.environment ?? (hasCredentials ? 'sandbox' : 'offline');
  if (env === 'production') return 'none';
  // Offline by default in production is refused by resolveConfig, with or without the sandbox.
  if (options.environment === undefined && !hasCredentials && isProductionProcess()) return 'none';
  if (env === 'sandbox') return 'none';
  const complete =
    options.clientId !== undefined &&
    options.secretKey !== undefined &&
    options.privateKeyPem !== undefined &&
    (options.dokuPublicKeyPem !== undefined || env !== 'offline');
  return complete ? 'none' : 'required';
}

/** Shortest secret a customer session accepts (32 characters, e.g. `openssl rand -hex 32` gives 64). */
export const CUSTOMER_SESSION_SECRET_MIN_LENGTH = 32;
/** The cookie's name unless `cookieName` says otherwise. */
export const DEFAULT_CUSTOMER_COOKIE = 'customer';

/**
 * The problems of `options` (empty when it is usable), each naming `path`'s field and never a value.
 * createKkiBff reports them with the rest of its options.
 */
export function customerSessionProblems(options: CustomerSessionOptions, path: string): string[] {
  const problems: string[] = [];
  const secret: unknown = options.secret;
  if (typeof secret !== 'string' || secret.trim() === '') {
    problems.push(`${path}secret is required (e.g. process.env.SESSION_SECRET, set it in the environment)`);
  } else if (secret.length < CUSTOMER_SESSION_SECRET_MIN_LENGTH) {
    problems.push(`${path}secret must be at least ${CUSTOMER_SESSION_SECRET_MIN_LENGTH} characters`);
  }
  if (options.cookieName !== undefined && !/^[\w!#$%&'*.^`|~+-]+$/.test(options.cookieName)) {
    problems.push(`${path}cookieName must be a cookie name (letters, digits and !#$%&'*.^\`|~+-)`);
  }
  const maxAge = options.maxAgeSeconds;
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > 34_560_000)) {
    problems.push(`${path}maxAgeSeconds must be a whole number of seconds from 1 to 34560000 (400 days)`);
  }
  return problems;
}

/** Start-up refused: `problems` lists one message per bad or missing value. */
export class KkiBffConfigError extends Error {
  override name = 'KkiBffConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`kki-kit BFF configuration is invalid:\n- ${problems.join('\n- ')}`);
  }
}

/**
 * How long an idempotency key answers its first result by default: seven days, as Adyen keeps keys
 * (Stripe: 24 h). After that a retry still meets the ids its key derives (never a second
 * charge, refund, binding or order), only not the stored answer.
 */
export const IDEMPOTENCY_RETENTION_DEFAULT_MS = 7 * 86_400_000;
/** The shortest retention allowed: a day, longer than any retry of the kit or of DOKU. */
export const IDEMPOTENCY_RETENTION_MIN_MS = 86_400_000;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });
const pemPrivate = z
  .string({ error: 'is required' })
  .regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, { error: 'must be a PEM private key' });
const pemPublic = z
  .string()
  .regex(/-----BEGIN (RSA )?PUBLIC KEY-----/, { error: 'must be a PEM public key' });
const nonEmpty = z.string({ error: 'is required' }).trim().min(1, { error: 'is required' });
const rule = z.object({
  max: z.number({ error: 'must be a number' }).int().positive(),
  windowMs: z.number({ error: 'must be a number' }).int().positive(),
  maxPerAddress: z.number({ error: 'must be a number' }).int().positive().optional(),
});

// Only the shape is checked here; values are never part of a message (zod's messages name the
// expectation, and `formatProblems` prints paths and messages only).
const optionsSchema = z.object({
  environment: z.union([z.enum(['sandbox', 'production', 'offline']), httpUrl]).optional(),
  clientId: nonEmpty.max(64, { error: 'must be at most 64 characters' }).optional(),
  secretKey: nonEmpty.optional(),
  // ASCII so its first 16 characters are the 16-byte AES key.
  cardDataKey: nonEmpty.regex(/^[\x20-\x7e]+$/, { error: 'must be printable ASCII' }).optional(),
  privateKeyPem: pemPrivate.optional(),
  dokuPublicKeyPem: pemPublic.optional(),
  nonSnapClientId: nonEmpty.optional(),
  nonSnapSecretKey: nonEmpty.optional(),
  authenticate: z
    .custom<AuthenticateHook>((v) => typeof v === 'function', { error: 'must be a function' })
    .optional(),
  // Checked by customerSessionProblems (resolveConfig), which names the field and never the value.
  customerSession: z.object({}, { error: 'must be an object' }).loose().optional(),
  authorizeRefund: z
    .custom<AuthorizeRefundHook>((v) => typeof v === 'function', { error: 'must be a function' })
    .optional(),
  publicUrl: httpUrl,
  returnUrls: z.object({ success: httpUrl.optional(), failure: httpUrl.optional() }).optional(),
  allowedOrigins: z.array(httpUrl).optional(),
  bodyLimitBytes: z.number().int().min(1024, { error: 'must be at least 1024' }).max(1_048_576).optional(),
  rateLimits: z.object({ payment: rule.optional(), otp: rule.optional() }).optional(),
  trustProxy: z.number({ error: 'must be a number' }).int().min(0).max(16).optional(),
  reconciliation: z
    .object({
      pendingAfterMs: z.number().int().positive().optional(),
      intervalMs: z.number().int().positive().optional(),
      enabled: z.boolean().optional(),
    })
    .optional(),
  locale: z.enum(['id', 'en']).optional(),
  logLevel: z.enum(KKI_LOG_LEVELS, { error: `must be one of ${KKI_LOG_LEVELS.join(', ')}` }).optional(),
  dokuTimeoutMs: z
    .number({ error: 'must be a number' })
    .int()
    .min(1_000, { error: 'must be at least 1000' })
    .max(120_000)
    .optional(),
  dokuRetries: z.number({ error: 'must be a number' }).int().min(0).max(5).optional(),
  idempotencyRetentionMs: z
    .number({ error: 'must be a number' })
    .int()
    .min(IDEMPOTENCY_RETENTION_MIN_MS, { error: 'must be at least 86400000 (one day)' })
    .optional(),
  merchantApi: z
    .object(
      { keys: z.array(z.string({ error: 'must be strings' }), { error: 'must be a list of keys' }) },
      { error: 'must be { keys: string[] }' },
    )
    .optional(),
  ...integrationOptionsSchema,
});

// One address may carry many customers (an office, a mobile carrier's NAT): a wider limit than one
// customer's, still a limit for a caller who sheds its session to get a fresh customer count.
function withAddressLimit(r: RateLimitRule): Required<RateLimitRule> {
  return { ...r, maxPerAddress: r.maxPerAddress ?? r.max * 10 };
}

/** Shortest merchant API key accepted: a guessable key would open refunds to anyone. */
export const MERCHANT_API_KEY_MIN_LENGTH = 24;
// The characters of an RFC 6750 bearer token, so a key always fits `Authorization: Bearer <key>`.
const MERCHANT_API_KEY = /^[A-Za-z0-9\-._~+/]+=*$/;

/** What is wrong with the merchant API's keys (messages name the option, never a key). */
function merchantKeyProblems(keys: readonly string[]): string[] {
  const name = 'merchantApi.keys (KKI_MERCHANT_API_KEY)';
  if (keys.length === 0) return [`${name} must list at least one key`];
  const problems: string[] = [];
  if (keys.some((k) => k.length < MERCHANT_API_KEY_MIN_LENGTH || k.length > 512)) {
    problems.push(`${name}: each key must be ${MERCHANT_API_KEY_MIN_LENGTH} to 512 characters`);
  }
  if (keys.some((k) => !MERCHANT_API_KEY.test(k))) {
    problems.push(`${name}: a key may hold letters, digits and - . _ ~ + / (= at the end) only`);
  }
  return problems;
}

/**
 * Checks the merchant API's keys (at least one, each 24 to 512 bearer-token characters).
 *
 * @throws KkiBffConfigError naming the problem, never a key.
 */
export function checkMerchantApiKeys(keys: readonly string[]): void {
  const problems = merchantKeyProblems(keys);
  if (problems.length > 0) throw new KkiBffConfigError(problems);
}

function formatProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
}

/** Whether the process runs with `NODE_ENV=production` (false where there is no `process`). */
export function isProductionProcess(): boolean {
  return (
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV ===
    'production'
  );
}

/**
 * Validates `options` and fills defaults. With `NODE_ENV=production`, a BFF without credentials is
 * refused unless `environment: 'offline'` says the offline sandbox is meant. `sandbox` gives the
 * defaults of missing credentials (see {@link sandboxCredentialsNeed}); createKkiBff loads them.
 *
 * @throws KkiBffConfigError listing every problem.
 */
export function resolveConfig(
  options: KkiBffOptions,
  sandbox: SandboxCredentials | null = null,
): ResolvedConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new KkiBffConfigError(formatProblems(parsed.error));
  const o = parsed.data;
  const problems: string[] = [];
  if (o.customerSession === undefined && o.authenticate === undefined) {
    problems.push('authenticate is required (or customerSession, to read the customer cookie)');
  }
  if (options.customerSession !== undefined) {
    problems.push(...customerSessionProblems(options.customerSession, 'customerSession.'));
  }
  const shopPage = o.returnUrls?.success ?? `${new URL(o.allowedOrigins?.[0] ?? o.publicUrl).origin}/`;
  const integration = resolveIntegration(o.kki, o.checkout, shopPage, problems);
  if (o.merchantApi) problems.push(...merchantKeyProblems(o.merchantApi.keys));
  const hasCredentials =
    o.clientId !== undefined || o.secretKey !== undefined || o.privateKeyPem !== undefined;
  const envName = o.environment ?? (hasCredentials ? 'sandbox' : 'offline');
  const environment =
    envName === 'offline' || envName === 'sandbox' || envName === 'production' ? envName : ('url' as const);
  // A production deploy that lost its credentials must not fall back to the sandbox's published
  // keys, taking fake payments: offline in production only when asked for by name.
  if (environment === 'offline' && o.environment === undefined && isProductionProcess()) {
    problems.push(
      'clientId, secretKey and privateKeyPem are required with NODE_ENV=production; set environment "offline" (KKI_DOKU_ENV=offline) to run the offline sandbox on purpose',
    );
  }
  // Real DOKU needs real credentials; the offline sandbox (in-process or on its port) has defaults.
  if (environment === 'sandbox' || environment === 'production') {
    for (const key of ['clientId', 'secretKey', 'privateKeyPem'] as const) {
      if (o[key] === undefined) problems.push(`${key} is required with environment "${environment}"`);
    }
  }
  if (environment === 'production' && o.secretKey === DOKU_SAMPLE_SECRET_KEY) {
    problems.push('secretKey is the public sandbox key; it cannot be used with environment "production"');
  }
  // Missing credentials fall back to the sandbox's published ones (offline, or a sandbox on its port).
  const clientId = o.clientId ?? sandbox?.clientId;
  const secretKey = o.secretKey ?? sandbox?.secretKey;
  const privateKeyPem = o.privateKeyPem ?? sandbox?.privateKeyPem;
  if (
    problems.length === 0 &&
    (clientId === undefined || secretKey === undefined || privateKeyPem === undefined)
  ) {
    problems.push(
      `environment "${envName}" without clientId, secretKey and privateKeyPem uses the offline sandbox's credentials: install @kki-kit/doku-sandbox`,
    );
  }
  if (
    problems.length > 0 ||
    clientId === undefined ||
    secretKey === undefined ||
    privateKeyPem === undefined
  ) {
    throw new KkiBffConfigError(problems);
  }
  const publicUrl = new URL(o.publicUrl);
  return {
    ...integration,
    doku: {
      environment,
      baseUrl: environment === 'url' ? envName : environment === 'offline' ? null : envName,
      clientId,
      secretKey,
      cardDataKey: o.cardDataKey ?? { secretKey }[CARD_DATA_KEY_FALLBACK],
      privateKeyPem,
      // The offline sandbox always signs with its own DOKU key, whatever merchant secret it is given.
      dokuPublicKeyPem:
        o.dokuPublicKeyPem ??
        ((environment === 'offline' || !hasCredentials) && sandbox ? sandbox.dokuPublicKeyPem : null),
      nonSnapClientId: o.nonSnapClientId ?? clientId,
      nonSnapSecretKey: o.nonSnapSecretKey ?? secretKey,
      timeoutMs: o.dokuTimeoutMs ?? 30_000,
      retries: o.dokuRetries ?? 2,
    },
    logLevel: o.logLevel ?? 'info',
    publicUrl,
    returnUrls: { success: o.returnUrls?.success ?? null, failure: o.returnUrls?.failure ?? null },
    allowedOrigins: (o.allowedOrigins ?? [publicUrl.origin]).map((u) => new URL(u).origin),
    bodyLimitBytes: o.bodyLimitBytes ?? 16 * 1024,
    rateLimits: {
      payment: withAddressLimit(o.rateLimits?.payment ?? { max: 10, windowMs: 60_000 }),
      otp: withAddressLimit(o.rateLimits?.otp ?? { max: 5, windowMs: 600_000 }),
    },
    trustProxy: o.trustProxy ?? 0,
    reconciliation: {
      pendingAfterMs: o.reconciliation?.pendingAfterMs ?? 10 * 60_000,
      intervalMs: o.reconciliation?.intervalMs ?? 60_000,
      enabled: o.reconciliation?.enabled ?? true,
    },
    idempotencyRetentionMs: o.idempotencyRetentionMs ?? IDEMPOTENCY_RETENTION_DEFAULT_MS,
    locale: o.locale ?? 'id',
    merchantApiKeys: o.merchantApi?.keys ?? [],
    ...(options.copyOverrides && { copyOverrides: options.copyOverrides }),
  };
}
