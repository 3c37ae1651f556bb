// BFF throughput and latency against the sandbox on loopback, beside the same requests through a bare
// Hono pass-through proxy and straight to the sandbox, so the BFF's own cost reads as a ratio.
//
// Every party is a process of its own (child.ts): the sandbox (startSandboxServer), the proxy, the
// BFFs (createKkiBff on @hono/node-server, environment = the sandbox's URL; one on PGlite in a temp
// directory, one on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL answers) and the load
// generator, which therefore never shares an event loop with a server it measures. Each level runs on
// every path in turn (direct, proxy, BFFs), so other work on a shared machine weighs on all alike.
//
// Operations measured:
// - create: a KKI payment with a new card (CPAN + OTT). DOKU answers at once (2005400, pending the
//   issuer app), so the request completes synchronously; confirmation is not part of the measure.
//   BFF: POST /kki/payments for an order made through the merchant API. Proxy and direct: the DOKU
//   client's kkiPayment (the signing and encryption a merchant server would do happen in the caller).
// - status: BFF: GET /payments/:id, the call the React kit polls (read from the store). Proxy and
//   direct: the DOKU client's debitStatus for a payment made in the create step.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WARMUP, WARMUP_CONCURRENCY } from './constants.js';
import { type BenchChild, startChild } from './child.js';
import { type CpuParties, type CpuPerRequest, measureCpu, withApplicationName } from './cpu.js';
import type { LoadJob } from './loadgen-child.js';
import type { LoadFigures } from './loadgen.js';
import type { MemoryFigures } from './server-child.js';

/** Which path a row measured. */
export type LoadTarget = 'bff' | 'proxy' | 'direct';
/** Which operation a row measured. */
export type LoadOperation = 'create' | 'status';
/** The BFF's store; `-` for proxy and direct. */
export type LoadStore = 'pglite' | 'postgres' | '-';

/** One measured level. */
export interface LoadRow extends LoadFigures {
  target: LoadTarget;
  store: LoadStore;
  op: LoadOperation;
  /** CPU milliseconds per request of each party during the level. */
  cpuMs: CpuPerRequest;
}

/** Resident memory of a BFF after `payments` payments on one instance (after a full GC). */
export interface MemoryRow extends MemoryFigures {
  store: 'pglite' | 'postgres';
  payments: number;
}

/** Everything bff-load measured, plus what it could not. */
export interface LoadReport {
  rows: LoadRow[];
  memory: MemoryRow[];
  skipped: string[];
}

/** Bounds of the run: every level stops at `count` requests or `maxMs`, whichever comes first. */
export interface LoadOptions {
  concurrencies?: readonly number[];
  count?: number;
  maxMs?: number;
  /**
   * Untimed requests per target and operation before the levels, at concurrency
   * {@link WARMUP_CONCURRENCY}. Fresh processes cost more CPU per request over their first few
   * thousand calls (the JIT), the proxy's all-JavaScript path more than the BFF's, whose database work
   * is the same from the first call; too short a warm-up makes the proxy look slow and the ratio high.
   */
  warmup?: number;
  /** Payments one BFF instance has made when its memory is read (created untimed after the levels). */
  memoryAfterPayments?: number;
  /** PostgreSQL URL; default TEST_DATABASE_URL or DATABASE_URL. */
  databaseUrl?: string | undefined;
}

type Opts = Required<Omit<LoadOptions, 'databaseUrl'>>;
type Loadgen = BenchChild<{ pid: number }>;
type Server = BenchChild<{ url: string }>;

/** Whether PostgreSQL at `url` answers (the bench reports PGlite alone when it does not). */
export async function postgresAnswers(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** One path under measure: its row label, its URL, and (BFF create) how it gets its orders. */
interface Path {
  label: Omit<LoadRow, keyof LoadFigures | 'op' | 'cpuMs'>;
  url: string;
  orders?: (count: number) => Promise<string[]>;
  /** Whose CPU a level on this path is measured on. */
  cpu: CpuParties;
}

/** One level of `op` on `path`. */
async function level(
  loadgen: Loadgen,
  path: Path,
  op: LoadOperation,
  concurrency: number,
  count: number,
  maxMs: number,
): Promise<LoadFigures> {
  const orderIds = op === 'create' && path.orders ? await path.orders(count) : undefined;
  const job: LoadJob = {
    target: path.label.target,
    op,
    url: path.url,
    concurrency,
    count,
    maxMs,
    ...(orderIds && { orderIds }),
  };
  return loadgen.call<LoadFigures>({ type: 'level', job });
}

/**
 * Every path's warm-up, then each level on every path in turn (direct, proxy, each BFF, then the
 * next level), so load from other work on the machine falls on the paths it compares alike.
 */
async function interleaved(
  loadgen: Loadgen,
  opts: Opts,
  paths: Path[],
  op: LoadOperation,
): Promise<LoadRow[]> {
  for (const path of paths) await level(loadgen, path, op, WARMUP_CONCURRENCY, opts.warmup, 120_000);
  const rows: LoadRow[] = [];
  for (const concurrency of opts.concurrencies) {
    for (const path of paths) {
      rows.push({
        ...path.label,
        op,
        ...(await measureCpu(path.cpu, () => level(loadgen, path, op, concurrency, opts.count, opts.maxMs))),
      });
    }
  }
  return rows;
}

/** Tops a BFF's payments up to `memoryAfterPayments` (untimed) and reads its memory. */
async function bffMemory(
  loadgen: Loadgen,
  opts: Opts,
  path: Path,
  bff: Server,
  made: number,
): Promise<MemoryRow> {
  let payments = made;
  const missing = opts.memoryAfterPayments - payments;
  if (missing > 0) {
    const { ok } = await level(loadgen, path, 'create', 32, missing, 3_600_000);
    payments += ok;
  }
  const store = path.label.store as MemoryRow['store'];
  return { store, payments, ...(await bff.call<MemoryFigures>({ type: 'memory' })) };
}

/** Runs every target and store; PostgreSQL only when it answers. */
export async function benchBffLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const opts: Opts = {
    concurrencies: options.concurrencies ?? [1, 8, 32, 64],
    count: options.count ?? 3000,
    maxMs: options.maxMs ?? 10_000,
    warmup: options.warmup ?? DEFAULT_WARMUP,
    memoryAfterPayments: options.memoryAfterPayments ?? 10_000,
  };
  const databaseUrl =
    'databaseUrl' in options
      ? options.databaseUrl
      : (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
  const rows: LoadRow[] = [];
  const memory: MemoryRow[] = [];
  const skipped: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'kki-bench-'));
  const schema = `bench_${Date.now().toString(36)}`;
  const sandbox: Server = await startChild('server-child.ts', ['sandbox']);
  const proxy: Server = await startChild('server-child.ts', ['proxy', sandbox.ready.url]);
  const loadgen: Loadgen = await startChild('loadgen-child.ts', []);
  const bffs: { path: Path; child: Server }[] = [];
  // The PostgreSQL BFF's connections are named, so its backends' CPU can be read (cpu.ts).
  const applicationName = `kki-bench-${process.pid}`;
  const { default: pg } = await import('pg');
  let pgAdmin: InstanceType<typeof pg.Client> | null = null;
  const cpuOf = (server: number | null, postgres = false): CpuParties => ({
    server,
    sandbox: sandbox.pid,
    loadgen: loadgen.pid,
    postgres: postgres && pgAdmin ? { admin: pgAdmin, applicationName } : null,
  });
  try {
    const startBff = async (store: 'pglite' | 'postgres', option: object) => {
      const child: Server = await startChild(
        'server-child.ts',
        ['bff', sandbox.ready.url, JSON.stringify(option)],
        {
          exposeGc: true,
        },
      );
      const orders = (count: number) => child.call<string[]>({ type: 'orders', count });
      const cpu = cpuOf(child.pid, store === 'postgres');
      bffs.push({ path: { label: { target: 'bff', store }, url: child.ready.url, orders, cpu }, child });
    };
    await startBff('pglite', { dataDir });
    if (databaseUrl && (await postgresAnswers(databaseUrl))) {
      pgAdmin = new pg.Client({ connectionString: databaseUrl });
      await pgAdmin.connect();
      await startBff('postgres', { databaseUrl: withApplicationName(databaseUrl, applicationName), schema });
    } else {
      skipped.push(
        databaseUrl
          ? 'PostgreSQL did not answer at TEST_DATABASE_URL / DATABASE_URL: PGlite figures only'
          : 'no PostgreSQL (set TEST_DATABASE_URL or DATABASE_URL): PGlite figures only',
      );
    }
    const paths: Path[] = [
      { label: { target: 'direct', store: '-' }, url: sandbox.ready.url, cpu: cpuOf(null) },
      { label: { target: 'proxy', store: '-' }, url: proxy.ready.url, cpu: cpuOf(proxy.pid) },
      ...bffs.map((b) => b.path),
    ];
    rows.push(...(await interleaved(loadgen, opts, paths, 'create')));
    rows.push(...(await interleaved(loadgen, opts, paths, 'status')));
    for (const { path, child } of bffs) {
      const made =
        opts.warmup +
        rows
          .filter((r) => r.op === 'create' && r.target === 'bff' && r.store === path.label.store)
          .reduce((n, r) => n + r.ok, 0);
      memory.push(await bffMemory(loadgen, opts, path, child, made));
    }
  } finally {
    for (const { path, child } of bffs) {
      if (path.label.store === 'postgres') await child.call({ type: 'dropSchema' }).catch(() => {});
      await child.stop();
    }
    await loadgen.stop();
    await proxy.stop();
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
    await pgAdmin?.end();
  }
  return { rows, memory, skipped };
}
