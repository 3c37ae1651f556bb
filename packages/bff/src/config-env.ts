// The standalone server's options from environment variables (`kki-bff`).
import { KkiBffConfigError, type KkiBffOptions, type OfflineSandboxOptions } from './config.js';

/** The environment variables the standalone server reads, and the option each sets. */
export const BFF_ENV = {
  KKI_DOKU_ENV: 'environment',
  KKI_DOKU_CLIENT_ID: 'clientId',
  KKI_DOKU_SECRET_KEY: 'secretKey',
  KKI_DOKU_CARD_DATA_KEY: 'cardDataKey',
  KKI_DOKU_PRIVATE_KEY: 'privateKeyPem',
  KKI_DOKU_PUBLIC_KEY: 'dokuPublicKeyPem',
  KKI_DOKU_NONSNAP_CLIENT_ID: 'nonSnapClientId',
  KKI_DOKU_NONSNAP_SECRET_KEY: 'nonSnapSecretKey',
  KKI_PUBLIC_URL: 'publicUrl',
  KKI_LOG_LEVEL: 'logLevel',
} as const satisfies Record<string, keyof KkiBffOptions>;

/** The numeric environment variables, and the option each sets. */
export const NUMBER_ENV = {
  KKI_TRUST_PROXY: 'trustProxy',
  KKI_DOKU_TIMEOUT_MS: 'dokuTimeoutMs',
  KKI_DOKU_RETRIES: 'dokuRetries',
  KKI_IDEMPOTENCY_RETENTION_MS: 'idempotencyRetentionMs',
} as const satisfies Record<string, keyof KkiBffOptions>;

/** `KKI_SANDBOX_FAULTS`: the offline sandbox's fault rules, a JSON array (the sandbox checks each rule). */
function sandboxFaults(raw: string): NonNullable<OfflineSandboxOptions['faults']> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed)) {
    throw new KkiBffConfigError(['KKI_SANDBOX_FAULTS must be a JSON array of fault rules']);
  }
  return parsed;
}

/** `KKI_INTEGRATION` and `KKI_PCI_DSS`: the `kki` option (a value that is neither stays, for validation to name). */
function kkiFromEnv(read: (name: string) => string | undefined): KkiBffOptions['kki'] | undefined {
  const integration = read('KKI_INTEGRATION');
  const pciDss = read('KKI_PCI_DSS');
  if (integration === undefined && pciDss === undefined) return undefined;
  return {
    ...(integration !== undefined && { integration: integration as 'checkout' | 'h2h' }),
    ...(pciDss !== undefined && {
      pciDss: (pciDss === 'true' ? true : pciDss === 'false' ? false : pciDss) as boolean,
    }),
  };
}

/**
 * Options from environment variables (the standalone server): {@link BFF_ENV} and {@link NUMBER_ENV},
 * plus `KKI_ALLOWED_ORIGINS` (comma-separated), `KKI_SANDBOX_FAULTS` (JSON fault rules of the offline
 * sandbox), `KKI_INTEGRATION` (`checkout` | `h2h`), `KKI_PCI_DSS` (`true`), `KKI_WEBHOOK_URL` and
 * `KKI_WEBHOOK_SECRET`, `KKI_MERCHANT_API_KEY` (comma-separated keys), `DATABASE_URL`, `KKI_DATA_DIR`. PEM values may use `\n`
 * escapes. Hooks are not configurable from the environment; the caller passes them.
 */
export function optionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  hooks: Pick<KkiBffOptions, 'authenticate' | 'authorizeRefund'>,
): KkiBffOptions {
  const read = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v.replace(/\\n/g, '\n');
  };
  const options: Record<string, unknown> = { ...hooks };
  for (const [name, key] of Object.entries(BFF_ENV)) {
    const v = read(name);
    if (v !== undefined) options[key] = v;
  }
  const origins = read('KKI_ALLOWED_ORIGINS');
  if (origins)
    options.allowedOrigins = origins
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  // Not a number stays a string, which validation names (`trustProxy must be a number`).
  for (const [name, key] of Object.entries(NUMBER_ENV)) {
    const v = read(name);
    if (v !== undefined) options[key] = /^\d+$/.test(v) ? Number(v) : v;
  }
  const faults = read('KKI_SANDBOX_FAULTS');
  if (faults !== undefined) options.offlineSandbox = { faults: sandboxFaults(faults) };
  const kki = kkiFromEnv(read);
  if (kki) options.kki = kki;
  const webhookUrl = read('KKI_WEBHOOK_URL');
  const webhookSecret = read('KKI_WEBHOOK_SECRET');
  // Either alone is a mistake validation names, so both go through when one is set.
  if (webhookUrl !== undefined || webhookSecret !== undefined) {
    options.webhooks = { url: webhookUrl ?? '', secret: webhookSecret ?? '' };
  }
  const merchantKeys = read('KKI_MERCHANT_API_KEY');
  // Comma-separated for rotation; an empty list (`,`) stays, for validation to refuse.
  if (merchantKeys !== undefined) {
    options.merchantApi = {
      keys: merchantKeys
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    };
  }
  const databaseUrl = read('DATABASE_URL');
  const dataDir = read('KKI_DATA_DIR');
  if (databaseUrl || dataDir) options.store = databaseUrl ? { databaseUrl } : { dataDir };
  return options as unknown as KkiBffOptions;
}
