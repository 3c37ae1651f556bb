// `kki-bff --help` and `--version`: every environment variable the standalone server reads, named
// once here with what it does (a test checks that every variable the server reads is listed).
import { readFileSync } from 'node:fs';

/** Every environment variable of `kki-bff`, with its meaning. */
export const SERVER_ENV_HELP: Readonly<Record<string, string>> = {
  PORT: 'port to listen on (default 4020; 0 picks a free one)',
  HOST: 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
  NODE_ENV: 'production refuses the offline sandbox unless KKI_DOKU_ENV=offline, and hides refusal reasons',
  KKI_SESSION_SECRET:
    'required, at least 32 characters: verifies the customer tokens (Authorization: Bearer)',
  KKI_STAFF_TOKEN: 'refunds are allowed to callers sending it as X-KKI-Staff-Token (refused when unset)',
  KKI_PUBLIC_URL: "the BFF's public URL with its mount path (default http://HOST:PORT)",
  KKI_ALLOWED_ORIGINS:
    "comma-separated origins of the shop's pages (default: the public URL's origin; others get CORS)",
  KKI_DOKU_ENV: 'sandbox | production | offline | a base URL (default: offline without credentials)',
  KKI_DOKU_CLIENT_ID: 'SNAP client id',
  KKI_DOKU_SECRET_KEY: 'SNAP secret key',
  KKI_DOKU_CARD_DATA_KEY: "DOKU's sharedKey for cardData encryption (default: the secret key)",
  KKI_DOKU_PRIVATE_KEY: 'merchant RSA private key, PEM (\\n escapes allowed)',
  KKI_DOKU_PUBLIC_KEY: "DOKU's RSA public key, PEM",
  KKI_DOKU_NONSNAP_CLIENT_ID: 'Non-SNAP (Cards) client id (default: KKI_DOKU_CLIENT_ID)',
  KKI_DOKU_NONSNAP_SECRET_KEY: 'Non-SNAP (Cards) secret key (default: KKI_DOKU_SECRET_KEY)',
  KKI_DOKU_TIMEOUT_MS: 'per-attempt timeout of DOKU calls in ms (default 30000)',
  KKI_DOKU_RETRIES: 'retries of a DOKU call after a network error, timeout, 429 or 5xx (default 2)',
  KKI_IDEMPOTENCY_RETENTION_MS:
    'how long an Idempotency-Key answers its first result, in ms (default 604800000: 7 days; at least a day)',
  KKI_INTEGRATION: 'checkout (default) | h2h',
  KKI_PCI_DSS: 'true: the merchant is PCI DSS certified (required for h2h)',
  KKI_WEBHOOK_URL: 'where every event is POSTed as a signed webhook (needs KKI_WEBHOOK_SECRET)',
  KKI_WEBHOOK_SECRET: 'the secret that signs webhooks (X-KKI-Signature, HMAC-SHA256)',
  KKI_MERCHANT_API_KEY:
    'mounts the merchant API under /merchant (Authorization: Bearer <key>); comma-separated keys for rotation, each at least 24 characters',
  KKI_TRUST_PROXY: 'how many reverse proxies append to X-Forwarded-For (default 0)',
  KKI_LOG_LEVEL: 'debug | info (default) | warn | error | silent',
  KKI_SHUTDOWN_TIMEOUT_MS:
    'on SIGTERM/SIGINT, how long requests in flight may take before they are cut (default 8000)',
  KKI_SANDBOX_FAULTS: "offline only: the in-process sandbox's fault rules, a JSON array (e.g. latency)",
  DATABASE_URL: 'PostgreSQL connection string (else PGlite)',
  KKI_DATA_DIR: 'PGlite data directory (else in memory: nothing survives a restart)',
};

/** The version of this package, from its package.json. */
export function bffVersion(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The text of `kki-bff --help`. */
export function serverHelp(): string {
  const width = Math.max(...Object.keys(SERVER_ENV_HELP).map((k) => k.length));
  const lines = Object.entries(SERVER_ENV_HELP).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  return [
    `kki-bff ${bffVersion()}: the kki-kit BFF for DOKU KKI and Cards payments, as a standalone server.`,
    '',
    'Usage: kki-bff [--help | --version]',
    '',
    'Configured by environment variables:',
    ...lines,
    '',
    'Routes: /healthz (alive), /readyz (store reachable, migrations applied), /openapi.json,',
    '/merchant/* with KKI_MERCHANT_API_KEY.',
    'SIGTERM or SIGINT: stops accepting requests, finishes those in flight, closes the store, exits 0.',
    '',
  ].join('\n');
}
