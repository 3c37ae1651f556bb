// BFF throughput and latency against the sandbox on loopback, beside the same requests through a bare
// Hono pass-through proxy and straight to the sandbox, so the BFF's own cost reads as a ratio.
//
// Every party is a process of its own (child.ts): the sandbox (startSandboxServer), the proxy, the
// BFF (createKkiBff on @hono/node-server, environment = the sandbox's URL; PGlite in a temp directory,
// then PostgreSQL when TEST_DATABASE_URL or DATABASE_URL answers) and the load generator, which
// therefore never shares an event loop with a server it measures.
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
import { type BenchChild, startChild } from './child.js';
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
  /** Untimed requests per target and operation before the levels. */
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

/** Runs the warm-up, then each level of one operation on one path. */
async function levels(
  loadgen: Loadgen,
  opts: Opts,
  label: Omit<LoadRow, keyof LoadFigures>,
  url: string,
  orders?: (count: number) => Promise<string[]>,
): Promise<LoadRow[]> {
  const job = async (concurrency: number, count: number, maxMs: number) => {
    const orderIds = orders ? await orders(count) : undefined;
    const j: LoadJob = {
      target: label.target,
      op: label.op,
      url,
      concurrency,
      count,
      maxMs,
      ...(orderIds && { orderIds }),
    };
    return loadgen.call<LoadFigures>({ type: 'level', job: j });
  };
  await job(1, opts.warmup, 60_000);
  const rows: LoadRow[] = [];
  for (const concurrency of opts.concurrencies) {
    rows.push({ ...label, ...(await job(concurrency, opts.count, opts.maxMs)) });
  }
  return rows;
}

/** Measures the BFF on one store; then tops its payments up to `memoryAfterPayments` and reads its memory. */
async function benchBff(
  loadgen: Loadgen,
  opts: Opts,
  sandboxUrl: string,
  store: 'pglite' | 'postgres',
  storeOption: { dataDir: string } | { databaseUrl: string; schema: string },
): Promise<{ rows: LoadRow[]; memory: MemoryRow }> {
  const bff: Server = await startChild('server-child.ts', ['bff', sandboxUrl, JSON.stringify(storeOption)], {
    exposeGc: true,
  });
  try {
    const orders = (count: number) => bff.call<string[]>({ type: 'orders', count });
    const rows = await levels(loadgen, opts, { target: 'bff', store, op: 'create' }, bff.ready.url, orders);
    rows.push(...(await levels(loadgen, opts, { target: 'bff', store, op: 'status' }, bff.ready.url)));
    let payments = opts.warmup + rows.filter((r) => r.op === 'create').reduce((n, r) => n + r.ok, 0);
    const missing = opts.memoryAfterPayments - payments;
    if (missing > 0) {
      const { ok } = await loadgen.call<LoadFigures>({
        type: 'level',
        job: {
          target: 'bff',
          op: 'create',
          url: bff.ready.url,
          concurrency: 32,
          count: missing,
          maxMs: 3_600_000,
          orderIds: await orders(missing),
        } satisfies LoadJob,
      });
      payments += ok;
    }
    const memory = { store, payments, ...(await bff.call<MemoryFigures>({ type: 'memory' })) };
    if ('schema' in storeOption) await bff.call({ type: 'dropSchema' });
    return { rows, memory };
  } finally {
    await bff.stop();
  }
}

/** Runs every target and store; PostgreSQL only when it answers. */
export async function benchBffLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const opts: Opts = {
    concurrencies: options.concurrencies ?? [1, 8, 32, 64],
    count: options.count ?? 3000,
    maxMs: options.maxMs ?? 10_000,
    warmup: options.warmup ?? 100,
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
  const sandbox: Server = await startChild('server-child.ts', ['sandbox']);
  const proxy: Server = await startChild('server-child.ts', ['proxy', sandbox.ready.url]);
  const loadgen: Loadgen = await startChild('loadgen-child.ts', []);
  try {
    for (const target of ['direct', 'proxy'] as const) {
      const url = target === 'direct' ? sandbox.ready.url : proxy.ready.url;
      rows.push(...(await levels(loadgen, opts, { target, store: '-', op: 'create' }, url)));
      rows.push(...(await levels(loadgen, opts, { target, store: '-', op: 'status' }, url)));
    }
    const pglite = await benchBff(loadgen, opts, sandbox.ready.url, 'pglite', { dataDir });
    rows.push(...pglite.rows);
    memory.push(pglite.memory);
    if (databaseUrl && (await postgresAnswers(databaseUrl))) {
      const schema = `bench_${Date.now().toString(36)}`;
      const pg = await benchBff(loadgen, opts, sandbox.ready.url, 'postgres', { databaseUrl, schema });
      rows.push(...pg.rows);
      memory.push(pg.memory);
    } else {
      skipped.push(
        databaseUrl
          ? 'PostgreSQL did not answer at TEST_DATABASE_URL / DATABASE_URL: PGlite figures only'
          : 'no PostgreSQL (set TEST_DATABASE_URL or DATABASE_URL): PGlite figures only',
      );
    }
  } finally {
    await loadgen.stop();
    await proxy.stop();
    await sandbox.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { rows, memory, skipped };
}
