// Structured logging with redaction applied to every line before it leaves the process: card
// numbers, one-time tokens and codes, DOKU tokens, keys, secrets and Authorization headers never
// reach a log, whatever a caller passes in.

/** Severity of a log line. */
export type KkiLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log line (already redacted when a logger sees it). */
export interface KkiLogLine {
  level: KkiLogLevel;
  msg: string;
  time: string;
  [field: string]: unknown;
}

/** Receives redacted lines. The default writes JSON lines to stdout. */
export type KkiLogger = (line: KkiLogLine) => void;

/**
 * A pino-shaped logger (pino, or anything with its `(fields, message)` methods): each line goes to the
 * method of its level with the redacted fields and the message; the logger adds its own time.
 */
export interface KkiStructuredLogger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/** The lowest level written; `'silent'` writes nothing. */
export type KkiLogLevelSetting = KkiLogLevel | 'silent';

/** The level names, lowest first (`'silent'` last: above every line). */
export const KKI_LOG_LEVELS = [
  'debug',
  'info',
  'warn',
  'error',
  'silent',
] as const satisfies readonly KkiLogLevelSetting[];

/** Options of {@link createLog}. */
export interface CreateLogOptions {
  /** Lines below this level are dropped (default `'info'`). */
  level?: KkiLogLevelSetting;
  /**
   * Fields of the moment added to every line, e.g. the id of the request being served; called per
   * line, and a throw or `undefined` adds nothing.
   */
  context?: () => Record<string, unknown> | undefined;
}

/** The BFF's logging front: fields are redacted, then handed to the configured {@link KkiLogger}. */
export interface Log {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const REDACTED = '[REDACTED]';

// Field names whose values are secret whatever they look like (compared lower-case, without `_-`).
const SECRET_KEYS = new Set([
  'cpan',
  'pan',
  'cardnumber',
  'bankcardno',
  'cardno',
  'ott',
  'otp',
  'chargetoken',
  'bankcardtoken',
  'tokenid',
  'token',
  'accesstoken',
  'refreshtoken',
  'authcode',
  'carddata',
  'carddatakey',
  'sharedkey',
  'expiry',
  'expirydate',
  'cvv',
  'cvc',
  'secret',
  'secretkey',
  'nonsnapsecretkey',
  'clientsecret',
  'password',
  'privatekey',
  'privatekeypem',
  'dokupublickeypem',
  'apikey',
  'authorization',
  'authorizationcustomer',
  'xsignature',
  'signature',
  'cookie',
  'setcookie',
  'idempotencykey',
]);

const normaliseKey = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, '');

/** Whether a field with this name is redacted outright. */
export function isSecretField(key: string): boolean {
  const k = normaliseKey(key);
  return SECRET_KEYS.has(k) || k.endsWith('token') || k.endsWith('secret') || k.endsWith('password');
}

// Patterns that give a secret away inside free text.
const TEXT_PATTERNS: readonly [RegExp, string][] = [
  // PEM blocks (private or public keys).
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, REDACTED],
  // Bearer / Basic credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // JWTs.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, REDACTED],
  // Card-number-like digit runs (12-19 digits, spaces or dashes allowed between groups).
  [/\b\d(?:[ -]?\d){11,18}\b/g, '[CARD]'],
  // key=value / "key":"value" pairs whose key names a secret.
  [
    /("?)(cpan|ott|otp|chargeToken|bankCardToken|bankCardNo|tokenId|authCode|cardData|cardDataKey|sharedKey|secretKey|clientSecret|password|accessToken|signature)\1(\s*[:=]\s*)"?[^",&\s}]+"?/gi,
    `$1$2$1$3"${REDACTED}"`,
  ],
  // DOKU-style secret keys (`SK-…`).
  [/\bSK-[A-Za-z0-9_-]{8,}/g, REDACTED],
];

/** Redacts secrets from a string. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of `value` with secret fields replaced and secret-looking text masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[DEPTH]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) >= 1e11 ? '[NUMBER]' : value;
  if (typeof value === 'bigint') return '[NUMBER]';
  if (value instanceof Error) {
    // Messages only: stacks and causes may quote request bodies.
    return { name: value.name, message: redactText(value.message) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth + 1);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretField(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}

/** Writes a line as JSON to stdout. */
export const jsonLinesLogger: KkiLogger = (line) => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

function isStructured(logger: KkiLogger | KkiStructuredLogger): logger is KkiStructuredLogger {
  return typeof logger === 'object' && logger !== null && typeof logger.info === 'function';
}

/**
 * Builds a {@link Log} around `logger` (a line function, or a pino-shaped object); every field and
 * message is redacted before `logger` sees it, and lines below `options.level` are dropped.
 */
export function createLog(
  logger: KkiLogger | KkiStructuredLogger = jsonLinesLogger,
  base: Record<string, unknown> = {},
  options: CreateLogOptions = {},
): Log {
  const threshold = KKI_LOG_LEVELS.indexOf(options.level ?? 'info');
  const contextFields = () => {
    try {
      return options.context?.() ?? {};
    } catch {
      return {};
    }
  };
  const emit = (level: KkiLogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (KKI_LOG_LEVELS.indexOf(level) < threshold) return;
    const line = redact({ ...base, ...contextFields(), ...fields }) as Record<string, unknown>;
    try {
      if (isStructured(logger)) logger[level](line, redactText(msg));
      else logger({ ...line, level, msg: redactText(msg), time: new Date().toISOString() });
    } catch {
      // A broken logger must not break a payment.
    }
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
