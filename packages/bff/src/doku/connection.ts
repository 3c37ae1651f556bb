// One DOKU connection per BFF: the typed client pointed at real DOKU, at a sandbox on its own port
// (a base URL), or at the offline sandbox running in this process. In-process, the client's `fetch`
// is the sandbox app's, and the sandbox delivers its notifications straight into the BFF app.
import { createDokuClient, type DokuClient, type DokuLogger } from '@kki-kit/doku';
import type { Sandbox } from '@kki-kit/doku-sandbox';
import type { OfflineSandboxOptions, ResolvedConfig } from '../config.js';
import { bffUrl } from '../http/urls.js';
import { NOTIFICATION_PATHS } from '../notifications/paths.js';
import { loadSandbox } from './sandbox-loader.js';

/** Where the in-process sandbox's hosted pages (OTP, issuer app, card page) are served, under the BFF. */
export const OFFLINE_SANDBOX_PATH = '/__doku';

/** Options of {@link createDokuConnection} beyond the resolved config. */
export interface DokuConnectionOptions {
  /** `fetch` to reach DOKU (sandbox / production / URL); ignored offline. */
  fetch?: typeof fetch;
  /** In-process sandbox settings (offline only), e.g. `{ control: true }` in tests. */
  sandbox?: OfflineSandboxOptions;
  /**
   * Delivers the in-process sandbox's notifications. Given a request whose URL is under the BFF's
   * `publicUrl`, it must answer as the BFF app would; createKkiBff passes its own app.
   */
  deliverToBff?: (request: Request) => Promise<Response>;
  /** Per-attempt DOKU log hook (no bodies or secrets reach it). */
  logger?: DokuLogger;
}

/** The DOKU client and, offline, the sandbox behind it. */
export interface DokuConnection {
  client: DokuClient;
  /** The in-process sandbox (offline environment only). */
  sandbox?: Sandbox;
  /** Stops the in-process sandbox's timers; a no-op otherwise. */
  close(): Promise<void>;
}

/**
 * Builds the DOKU client per `config.doku.environment`: `'sandbox'` / `'production'` (DOKU's hosts),
 * `'url'` (a sandbox on its own port, e.g. `pnpm sandbox`), or `'offline'` (a sandbox created here,
 * its hosted pages reachable at `publicUrl` + {@link OFFLINE_SANDBOX_PATH} once the BFF mounts it).
 * Only the offline environment loads `@kki-kit/doku-sandbox` (an optional peer dependency).
 *
 * @throws SandboxNotInstalledError offline, when the sandbox package is not installed.
 */
export async function createDokuConnection(
  config: ResolvedConfig,
  options: DokuConnectionOptions = {},
): Promise<DokuConnection> {
  const d = config.doku;
  const base = {
    clientId: d.clientId,
    secretKey: d.secretKey,
    cardDataKey: d.cardDataKey,
    privateKeyPem: d.privateKeyPem,
    nonSnapClientId: d.nonSnapClientId,
    nonSnapSecretKey: d.nonSnapSecretKey,
    timeoutMs: d.timeoutMs,
    retries: d.retries,
    ...(d.dokuPublicKeyPem !== null && { dokuPublicKeyPem: d.dokuPublicKeyPem }),
    ...(options.logger && { logger: options.logger }),
  };
  if (d.environment !== 'offline') {
    const client = createDokuClient({
      ...base,
      baseUrl: d.baseUrl ?? d.environment,
      ...(options.fetch && { fetch: options.fetch }),
    });
    return { client, close: async () => {} };
  }

  const publicBase = bffUrl(config, '');
  const deliver = options.deliverToBff;
  // Notifications addressed to this BFF go straight into its app; anything else (a test's own
  // URL) goes out over the network.
  const outbound: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (deliver && request.url.startsWith(`${publicBase}/`)) return deliver(request);
    return globalThis.fetch(request);
  };
  const { createSandbox } = await loadSandbox('environment "offline"');
  const sandbox = createSandbox({
    ...options.sandbox,
    clientId: d.clientId,
    secretKey: d.secretKey,
    // The same sharedKey on both sides; null keeps the sandbox on the secret key.
    cardDataKey: d.cardDataKey === d.secretKey ? null : d.cardDataKey,
    publicBaseUrl: bffUrl(config, OFFLINE_SANDBOX_PATH),
    snapNotificationUrl: bffUrl(config, NOTIFICATION_PATHS.snap),
    snapNotificationTokenUrl: bffUrl(config, NOTIFICATION_PATHS.snapToken),
    nonSnapNotificationUrl: bffUrl(config, NOTIFICATION_PATHS.nonSnap),
    fetch: outbound,
  });
  const client = createDokuClient({
    ...base,
    // The host is never contacted: every request goes to the sandbox app in this process.
    baseUrl: 'http://doku.offline',
    fetch: async (input, init) => sandbox.app.fetch(new Request(input, init)),
    // Sign on the sandbox's clock: once a demo or test advances it (OTT expiry, settlement),
    // real-time timestamps would fall outside its skew window.
    now: () => sandbox.clock.nowMs(),
  });
  return { client, sandbox, close: () => sandbox.close() };
}
