// Sandbox configuration: defaults that need no setup, and the environment variables that override them.
import { DOKU_SAMPLE_CLIENT_ID, DOKU_SAMPLE_SECRET_KEY } from '@kki-kit/doku';
import type {
  FaultKind,
  FaultRule,
  NotificationFaultKind,
  SandboxConfig,
  SnapNotificationMode,
} from './context.js';
import {
  SANDBOX_DOKU_PRIVATE_KEY,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PUBLIC_KEY,
} from './test-keys.js';

/** The one merchant the sandbox knows with no configuration (DOKU's public sample client id and key). */
export const DEFAULT_CLIENT_ID = DOKU_SAMPLE_CLIENT_ID;
/** DOKU's sample secret key (doku-api.md §3.3); the sandbox's HMAC and card-data key by default. */
export const DEFAULT_SECRET_KEY = DOKU_SAMPLE_SECRET_KEY;
/** Port of the standalone server. */
export const DEFAULT_PORT = 4010;

/** Every default. Tests and `pnpm sandbox` run with these unless told otherwise. */
export const DEFAULT_SANDBOX_CONFIG: Readonly<SandboxConfig> = Object.freeze({
  clientId: DEFAULT_CLIENT_ID,
  merchantName: 'Sandbox Merchant',
  secretKey: DEFAULT_SECRET_KEY,
  cardDataKey: null,
  merchantPublicKey: SANDBOX_MERCHANT_PUBLIC_KEY,
  dokuPrivateKey: SANDBOX_DOKU_PRIVATE_KEY,
  dokuPublicKey: SANDBOX_DOKU_PUBLIC_KEY,
  publicBaseUrl: null,
  snapNotificationUrl: null,
  snapNotificationTokenUrl: null,
  nonSnapNotificationUrl: null,
  // DOKU's current docs describe symmetric (HMAC) notifications, and DOKU's own SDKs verify only
  // those; the RSA form stays available for merchants without a token endpoint.
  snapNotificationMode: 'hmac',
  clockSkewSeconds: 300,
  accessTokenTtlSeconds: 900,
  ottTtlSeconds: 300,
  autoApproveMs: null,
  unbindDelayMs: 5_000,
  notificationRetryScale: 1,
  maxHangMs: 30_000,
  seed: 20_240_326,
  control: false,
  minimal: false,
  faults: [],
});

/** Thrown for a malformed configuration value; names the variable, never echoes a secret. */
export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
}

/** The environment variables `sandboxConfigFromEnv` reads, and the config key each sets. */
export const SANDBOX_ENV = {
  SANDBOX_CLIENT_ID: 'clientId',
  SANDBOX_MERCHANT_NAME: 'merchantName',
  SANDBOX_SECRET_KEY: 'secretKey',
  SANDBOX_CARD_DATA_KEY: 'cardDataKey',
  SANDBOX_MERCHANT_PUBLIC_KEY: 'merchantPublicKey',
  SANDBOX_DOKU_PRIVATE_KEY: 'dokuPrivateKey',
  SANDBOX_DOKU_PUBLIC_KEY: 'dokuPublicKey',
  SANDBOX_PUBLIC_URL: 'publicBaseUrl',
  SANDBOX_SNAP_NOTIFICATION_URL: 'snapNotificationUrl',
  SANDBOX_SNAP_NOTIFICATION_TOKEN_URL: 'snapNotificationTokenUrl',
  SANDBOX_NONSNAP_NOTIFICATION_URL: 'nonSnapNotificationUrl',
  SANDBOX_SNAP_NOTIFICATION_MODE: 'snapNotificationMode',
  SANDBOX_CLOCK_SKEW_SECONDS: 'clockSkewSeconds',
  SANDBOX_ACCESS_TOKEN_TTL_SECONDS: 'accessTokenTtlSeconds',
  SANDBOX_OTT_TTL_SECONDS: 'ottTtlSeconds',
  SANDBOX_AUTO_APPROVE_MS: 'autoApproveMs',
  SANDBOX_UNBIND_DELAY_MS: 'unbindDelayMs',
  SANDBOX_NOTIFICATION_RETRY_SCALE: 'notificationRetryScale',
  SANDBOX_MAX_HANG_MS: 'maxHangMs',
  SANDBOX_SEED: 'seed',
  SANDBOX_CONTROL: 'control',
  SANDBOX_MINIMAL: 'minimal',
  SANDBOX_FAULTS: 'faults',
} as const satisfies Record<string, keyof SandboxConfig>;

type Env = Readonly<Record<string, string | undefined>>;

function present(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function number(env: Env, name: string, opts: { min: number; integer?: boolean }): number | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < opts.min || (opts.integer && !Number.isInteger(n))) {
    const what = opts.integer ? 'an integer' : 'a number';
    throw new SandboxConfigError(`${name} must be ${what} >= ${opts.min} (got "${raw}")`);
  }
  return n;
}

function url(env: Env, name: string): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new SandboxConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SandboxConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  return raw;
}

function pem(env: Env, name: string, kind: 'PRIVATE' | 'PUBLIC'): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  // Env files often carry "\n" escapes instead of newlines; @kki-kit/doku reads both.
  const text = raw.replace(/\\n/g, '\n');
  const ok = kind === 'PRIVATE' ? /-----BEGIN (RSA )?PRIVATE KEY-----/ : /-----BEGIN (RSA )?PUBLIC KEY-----/;
  if (!ok.test(text)) throw new SandboxConfigError(`${name} must be a PEM ${kind.toLowerCase()} key`);
  return text;
}

function bool(env: Env, name: string): boolean | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new SandboxConfigError(`${name} must be 1/0, true/false, yes/no or on/off (got "${raw}")`);
}

const ENDPOINT_FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'error5xx',
  'inProgress202',
  'noAnswer',
  'drop',
  'malformedJson',
];
const NOTIFICATION_FAULT_KINDS: readonly NotificationFaultKind[] = ['duplicate', 'reorder', 'lose'];

/**
 * Checks one fault rule (from env JSON or the control API) and returns it normalised.
 * `where` prefixes error messages (e.g. `SANDBOX_FAULTS[2]`).
 */
export function parseFaultRule(value: unknown, where: string): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SandboxConfigError(`${where} must be an object`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v.endpoint !== 'string' || v.endpoint === '') {
    throw new SandboxConfigError(`${where}.endpoint must be a non-empty string`);
  }
  const kind = v.kind;
  const isNotification = NOTIFICATION_FAULT_KINDS.includes(kind as NotificationFaultKind);
  if (!isNotification && !ENDPOINT_FAULT_KINDS.includes(kind as FaultKind)) {
    const all = [...ENDPOINT_FAULT_KINDS, ...NOTIFICATION_FAULT_KINDS].join(', ');
    throw new SandboxConfigError(`${where}.kind must be one of ${all}`);
  }
  if (isNotification !== (v.endpoint === 'notifications')) {
    throw new SandboxConfigError(
      `${where}: kinds duplicate/reorder/lose go with endpoint "notifications", and only they do`,
    );
  }
  const rule: FaultRule = { endpoint: v.endpoint, kind: kind as FaultRule['kind'] };
  if (v.probability !== undefined) {
    if (typeof v.probability !== 'number' || !(v.probability >= 0 && v.probability <= 1)) {
      throw new SandboxConfigError(`${where}.probability must be a number from 0 to 1`);
    }
    rule.probability = v.probability;
  }
  if (v.times !== undefined) {
    if (typeof v.times !== 'number' || !Number.isInteger(v.times) || v.times < 1) {
      throw new SandboxConfigError(`${where}.times must be a positive integer`);
    }
    rule.times = v.times;
  }
  if (v.latencyMs !== undefined) {
    if (typeof v.latencyMs !== 'number' || !Number.isFinite(v.latencyMs) || v.latencyMs < 0) {
      throw new SandboxConfigError(`${where}.latencyMs must be a number >= 0`);
    }
    rule.latencyMs = v.latencyMs;
  }
  if (v.phase !== undefined) {
    if (v.phase !== 'before' && v.phase !== 'after') {
      throw new SandboxConfigError(`${where}.phase must be "before" or "after"`);
    }
    rule.phase = v.phase;
  }
  return rule;
}

function faults(env: Env, name: string): FaultRule[] | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SandboxConfigError(`${name} must be JSON: an array of fault rules`);
  }
  if (!Array.isArray(parsed)) throw new SandboxConfigError(`${name} must be a JSON array of fault rules`);
  return parsed.map((r, i) => parseFaultRule(r, `${name}[${i}]`));
}

function mode(env: Env, name: string): SnapNotificationMode | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  if (raw !== 'rsa' && raw !== 'hmac') throw new SandboxConfigError(`${name} must be "rsa" or "hmac"`);
  return raw;
}

function withoutTrailingSlash(u: string | undefined): string | undefined {
  return u?.replace(/\/+$/, '');
}

/**
 * Reads the sandbox configuration from environment variables (see `SANDBOX_ENV`), falling back to
 * `DEFAULT_SANDBOX_CONFIG`. Throws `SandboxConfigError` naming the variable for a malformed value.
 * `SANDBOX_AUTO_APPROVE_MS=0` (or unset) disables auto-approval.
 */
export function sandboxConfigFromEnv(env: Env = process.env): SandboxConfig {
  const d = DEFAULT_SANDBOX_CONFIG;
  const clientId = present(env, 'SANDBOX_CLIENT_ID');
  if (clientId !== undefined && clientId.length > 32) {
    throw new SandboxConfigError(
      'SANDBOX_CLIENT_ID must be at most 32 characters (X-PARTNER-ID is String(32))',
    );
  }
  const secretKey = present(env, 'SANDBOX_SECRET_KEY');
  if (secretKey !== undefined && !/^[\x20-\x7e]+$/.test(secretKey)) {
    // The AES card-data key is the secret's first 16 characters as bytes: ASCII keeps it 16 bytes.
    throw new SandboxConfigError('SANDBOX_SECRET_KEY must be printable ASCII');
  }
  const cardDataKey = present(env, 'SANDBOX_CARD_DATA_KEY');
  if (cardDataKey !== undefined && !/^[\x20-\x7e]+$/.test(cardDataKey)) {
    throw new SandboxConfigError('SANDBOX_CARD_DATA_KEY must be printable ASCII');
  }
  const autoApprove = number(env, 'SANDBOX_AUTO_APPROVE_MS', { min: 0 });
  return {
    clientId: clientId ?? d.clientId,
    merchantName: present(env, 'SANDBOX_MERCHANT_NAME') ?? d.merchantName,
    secretKey: secretKey ?? d.secretKey,
    cardDataKey: cardDataKey ?? d.cardDataKey,
    merchantPublicKey: pem(env, 'SANDBOX_MERCHANT_PUBLIC_KEY', 'PUBLIC') ?? d.merchantPublicKey,
    dokuPrivateKey: pem(env, 'SANDBOX_DOKU_PRIVATE_KEY', 'PRIVATE') ?? d.dokuPrivateKey,
    dokuPublicKey: pem(env, 'SANDBOX_DOKU_PUBLIC_KEY', 'PUBLIC') ?? d.dokuPublicKey,
    publicBaseUrl: withoutTrailingSlash(url(env, 'SANDBOX_PUBLIC_URL')) ?? d.publicBaseUrl,
    snapNotificationUrl: url(env, 'SANDBOX_SNAP_NOTIFICATION_URL') ?? d.snapNotificationUrl,
    snapNotificationTokenUrl: url(env, 'SANDBOX_SNAP_NOTIFICATION_TOKEN_URL') ?? d.snapNotificationTokenUrl,
    nonSnapNotificationUrl: url(env, 'SANDBOX_NONSNAP_NOTIFICATION_URL') ?? d.nonSnapNotificationUrl,
    snapNotificationMode: mode(env, 'SANDBOX_SNAP_NOTIFICATION_MODE') ?? d.snapNotificationMode,
    clockSkewSeconds: number(env, 'SANDBOX_CLOCK_SKEW_SECONDS', { min: 0 }) ?? d.clockSkewSeconds,
    accessTokenTtlSeconds:
      number(env, 'SANDBOX_ACCESS_TOKEN_TTL_SECONDS', { min: 1, integer: true }) ?? d.accessTokenTtlSeconds,
    ottTtlSeconds: number(env, 'SANDBOX_OTT_TTL_SECONDS', { min: 1 }) ?? d.ottTtlSeconds,
    autoApproveMs: autoApprove === undefined || autoApprove === 0 ? d.autoApproveMs : autoApprove,
    unbindDelayMs: number(env, 'SANDBOX_UNBIND_DELAY_MS', { min: 0 }) ?? d.unbindDelayMs,
    notificationRetryScale:
      number(env, 'SANDBOX_NOTIFICATION_RETRY_SCALE', { min: 0 }) ?? d.notificationRetryScale,
    maxHangMs: number(env, 'SANDBOX_MAX_HANG_MS', { min: 0 }) ?? d.maxHangMs,
    seed: number(env, 'SANDBOX_SEED', { min: 0, integer: true }) ?? d.seed,
    control: bool(env, 'SANDBOX_CONTROL') ?? d.control,
    minimal: bool(env, 'SANDBOX_MINIMAL') ?? d.minimal,
    faults: faults(env, 'SANDBOX_FAULTS') ?? [...d.faults],
  };
}

/** The standalone server's port from `SANDBOX_PORT` (default 4010; 0 picks a free port). */
export function sandboxPortFromEnv(env: Env = process.env): number {
  const port = number(env, 'SANDBOX_PORT', { min: 0, integer: true });
  if (port !== undefined && port > 65_535) throw new SandboxConfigError('SANDBOX_PORT must be at most 65535');
  return port ?? DEFAULT_PORT;
}

/**
 * Resolves a full config from partial overrides (defaults for the rest). Checks the fault rules so
 * a typo fails at start-up rather than silently never firing.
 */
export function resolveSandboxConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  const merged: SandboxConfig = { ...DEFAULT_SANDBOX_CONFIG, faults: [], ...overrides };
  // SANDBOX_MINIMAL reaches every sandbox, in-process ones too (a BFF's offline sandbox, tests),
  // so a whole suite can run against the documented fields only; an explicit option wins.
  if (overrides.minimal === undefined) {
    const env = (globalThis as { process?: { env?: Env } }).process?.env ?? {};
    merged.minimal = bool(env, 'SANDBOX_MINIMAL') ?? DEFAULT_SANDBOX_CONFIG.minimal;
  }
  merged.faults = merged.faults.map((r, i) => parseFaultRule(r, `faults[${i}]`));
  if (merged.publicBaseUrl) merged.publicBaseUrl = merged.publicBaseUrl.replace(/\/+$/, '');
  return merged;
}

/**
 * The absolute URL of a hosted page: `config.publicBaseUrl` when set, else the origin of the
 * request being served (so a sandbox on a random port links to itself).
 */
export function hostedUrl(config: SandboxConfig, requestUrl: string, pathAndQuery: string): string {
  const base = config.publicBaseUrl ?? new URL(requestUrl).origin;
  return `${base}${pathAndQuery}`;
}
