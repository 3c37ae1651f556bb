// A real deployment in miniature: the DOKU sandbox on a loopback port (control API on, fixed seed)
// and BFF instances served over HTTP on one store: PostgreSQL when TEST_DATABASE_URL is set (each
// instance opens its own pool, as separate servers would), else one PGlite store shared in-process.
import type { AddressInfo } from 'node:net';
import {
  createKkiBff,
  type KkiBff,
  type KkiBffOptions,
  type KkiLogLine,
  NOTIFICATION_PATHS,
  openStore,
  type SandboxLedger,
  type SandboxServer,
  type Store,
  serve,
  startSandboxServer,
} from './kit.js';

export const ORIGIN = 'https://shop.test';
export const STAFF_HEADER = 'x-reliability-staff';
/** Seed of the sandbox's random choices (fault probabilities, ids): runs are repeatable. */
export const SEED = 20_261_123;
/** Key of the store's encryption at rest. */
export const STORE_KEY = 'SK-reliability-store-key-0001';

export interface BffInstance {
  bff: KkiBff;
  url: string;
  close(): Promise<void>;
}

export interface Cluster {
  sandbox: SandboxServer;
  instances: BffInstance[];
  /** `postgres` or `pglite (shared in-process)`. */
  storeKind: string;
  /** Every log line of every instance. */
  lines: KkiLogLine[];
  /** A browser call as `customer` to instance `i` (CSRF headers; `key` sets the Idempotency-Key). */
  call(
    i: number,
    customer: string,
    path: string,
    init?: { method?: string; key?: string; json?: unknown; staff?: boolean },
  ): Promise<Response>;
  /** The sandbox's control API over HTTP. */
  control(path: string, method?: string, body?: unknown): Promise<Response>;
  ledger(): Promise<SandboxLedger>;
  close(): Promise<void>;
}

async function listen(
  fetchFn: (r: Request) => Response | Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: fetchFn, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens the suite's store: PostgreSQL (fresh schema) when TEST_DATABASE_URL is set, else PGlite. */
export function storeTarget(): { databaseUrl?: string; schema?: string } {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return {};
  return {
    databaseUrl: url,
    schema: `rel_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`,
  };
}

export async function startCluster(
  count: number,
  extra: Partial<KkiBffOptions> & { sandbox?: Parameters<typeof startSandboxServer>[0] } = {},
): Promise<Cluster> {
  const { sandbox: sandboxOptions, ...bffExtra } = extra;
  const sandbox = await startSandboxServer({
    control: true,
    seed: SEED,
    maxHangMs: 400,
    snapNotificationMode: 'rsa',
    ...sandboxOptions,
  });
  const lines: KkiLogLine[] = [];
  const target = storeTarget();
  const encryptionSecret = STORE_KEY;
  // PGlite is one process's database: without PostgreSQL the instances share one opened store.
  const shared: Store | null = target.databaseUrl ? null : await openStore({ encryptionSecret });
  const instances: BffInstance[] = [];
  const opened: Store[] = [];
  for (let i = 0; i < count; i++) {
    const store = shared ?? (await openStore({ ...target, encryptionSecret }));
    if (!shared) opened.push(store);
    // Listen first, so the BFF's publicUrl names its real port.
    let ready: KkiBff | null = null;
    const server = await listen((r) => (ready ? ready.app.fetch(r) : new Response(null, { status: 503 })));
    const bff = await createKkiBff({
      environment: sandbox.url,
      publicUrl: `${server.url}/`,
      kki: { integration: 'h2h', pciDss: true },
      allowedOrigins: [ORIGIN],
      store,
      authenticate: (c) => c.req.header('x-test-customer') ?? null,
      authorizeRefund: (c) => c.req.header(STAFF_HEADER) === 'yes',
      logger: (line) => lines.push(line),
      // Every line (request lines are debug), so the secrets check searches all the BFF writes.
      logLevel: 'debug',
      reconciliation: { enabled: false, pendingAfterMs: 1 },
      rateLimits: { payment: { max: 100_000, windowMs: 60_000 }, otp: { max: 100_000, windowMs: 60_000 } },
      ...bffExtra,
    });
    ready = bff;
    instances.push({ bff, url: server.url, close: server.close });
  }
  // DOKU notifies the first instance; every instance reads the same store.
  sandbox.sandbox.config.snapNotificationUrl = `${instances[0]?.url}${NOTIFICATION_PATHS.snap}`;
  const control = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
  return {
    sandbox,
    instances,
    storeKind: shared ? 'pglite (one store shared by the instances in-process)' : 'postgres',
    lines,
    async call(i, customer, path, init = {}) {
      const instance = instances[i % instances.length];
      if (!instance) throw new Error('no instance');
      return fetch(`${instance.url}${path}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
        headers: {
          'x-test-customer': customer,
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          ...(init.key && { 'idempotency-key': init.key }),
          ...(init.staff && { [STAFF_HEADER]: 'yes' }),
        },
      });
    },
    control,
    ledger: async () => (await (await control('/ledger')).json()) as SandboxLedger,
    async close() {
      for (const instance of instances) {
        await instance.close();
        await instance.bff.close();
      }
      // A fresh PostgreSQL schema per run: drop it so runs leave nothing behind.
      if (target.schema) await opened[0]?.db.query(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE`);
      for (const store of opened) await store.close();
      if (shared) await shared.close();
      await sandbox.close();
    },
  };
}
