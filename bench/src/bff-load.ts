// BFF throughput and latency against the sandbox on loopback, beside the same requests through a bare
// Hono pass-through proxy and straight to the sandbox, so the BFF's own cost reads as a ratio.
//
// Every party is a real HTTP server on 127.0.0.1: the sandbox (startSandboxServer), the proxy, and the
// BFF (createKkiBff on @hono/node-server, environment = the sandbox's URL, store PGlite in a temp
// directory, then PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set).
//
// Operations measured:
// - create: a KKI payment with a new card (CPAN + OTT). DOKU answers at once (2005400, pending the
//   issuer app), so the request completes synchronously; confirmation is not part of the measure.
//   BFF: POST /kki/payments for an order made through the merchant API. Proxy and direct: the DOKU
//   client's kkiPayment (the signing and encryption a merchant server would do happen in the caller).
// - status: BFF: GET /payments/:id, the call the React kit polls (read from the store). Proxy and
//   direct: the DOKU client's debitStatus for a payment made in the create step.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createKkiBff } from '@kki-kit/bff';
import { IDEMPOTENCY_KEY_HEADER, KKI_REQUEST_HEADER, toSnapAmountObject } from '@kki-kit/contract';
import { createDokuClient, type DokuClient } from '@kki-kit/doku';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  kkiTestCpan,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  startSandboxServer,
} from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { type LoadFigures, runLevel } from './loadgen.js';
import { startPassThroughProxy } from './proxy.js';

/** Which path a row measured. */
export type LoadTarget = 'bff' | 'proxy' | 'direct';
/** Which operation a row measured. */
export type LoadOperation = 'create' | 'status';

/** One measured level. */
export interface LoadRow extends LoadFigures {
  target: LoadTarget;
  /** The BFF's store; `-` for proxy and direct. */
  store: 'pglite' | 'postgres' | '-';
  op: LoadOperation;
}

/** Everything bff-load measured, plus what it could not. */
export interface LoadReport {
  rows: LoadRow[];
  skipped: string[];
}

/** Bounds of the run: every level stops at `count` requests or `maxMs`, whichever comes first. */
export interface LoadOptions {
  concurrencies?: readonly number[];
  count?: number;
  maxMs?: number;
  /** Untimed requests per target and operation before the levels. */
  warmup?: number;
  /** PostgreSQL URL; default TEST_DATABASE_URL or DATABASE_URL. */
  databaseUrl?: string | undefined;
}

const MOUNT = '/api/kki';
const AMOUNT = 150_000;
const CUSTOMERS = 32;
const BENCH_CUSTOMER_HEADER = 'x-bench-customer';

/** Unique OTTs for the run (the sandbox accepts each OTT once). */
function ottSequence(): () => string {
  const run = Date.now().toString(36).toUpperCase();
  let n = 0;
  return () => `B${run}${(n++).toString(36).toUpperCase()}`;
}

/** Unique partner reference numbers for the proxy and direct paths. */
function referenceSequence(): () => string {
  const run = Date.now().toString(36);
  let n = 0;
  return () => `bench-${run}-${n++}`;
}

/** A card that always succeeds; serials spread payments over 999 test cards. */
const cardFor = (i: number) => kkiTestCpan('bri', undefined, (i % 999) + 1);

async function ensureOk(res: Response, expected: number): Promise<unknown> {
  const body: unknown = await res.json();
  if (res.status !== expected) {
    const code = (body as { error?: { code?: string }; responseCode?: string } | null) ?? {};
    throw new Error(`HTTP ${res.status} ${code.error?.code ?? code.responseCode ?? ''}`.trim());
  }
  return body;
}

/** Runs each concurrency level of one operation. */
async function levels(
  opts: Required<Omit<LoadOptions, 'databaseUrl'>>,
  label: Omit<LoadRow, keyof LoadFigures>,
  prepare: (count: number) => Promise<(i: number) => Promise<void>>,
): Promise<LoadRow[]> {
  const warm = await prepare(opts.warmup);
  for (let i = 0; i < opts.warmup; i++) await warm(i);
  const rows: LoadRow[] = [];
  for (const concurrency of opts.concurrencies) {
    const send = await prepare(opts.count);
    const figures = await runLevel({ concurrency, count: opts.count, maxMs: opts.maxMs, send });
    rows.push({ ...label, ...figures });
  }
  return rows;
}

/** The BFF as a real server in front of the sandbox, with the bench customers' authenticate hook. */
async function startBff(
  sandboxUrl: string,
  store: { dataDir: string } | { databaseUrl: string; schema: string },
) {
  const host = new Hono();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req) => host.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bff = await createKkiBff({
    publicUrl: `${origin}${MOUNT}`,
    // The load is KKI payments with a new card: the host-to-host path.
    kki: { integration: 'h2h', pciDss: true },
    environment: sandboxUrl,
    clientId: DEFAULT_CLIENT_ID,
    secretKey: DEFAULT_SECRET_KEY,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
    store,
    authenticate: (c) => c.req.header(BENCH_CUSTOMER_HEADER) ?? null,
    // The per-customer payment limit guards real customers; a load test is many payments by design.
    rateLimits: { payment: { max: 1_000_000, windowMs: 60_000 } },
    reconciliation: { enabled: false },
    logger: () => {},
  });
  host.route(MOUNT, bff.app);
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await bff.close();
  };
  return { bff, origin, close };
}

/** Measures the BFF on one store. */
async function benchBff(
  opts: Required<Omit<LoadOptions, 'databaseUrl'>>,
  sandboxUrl: string,
  storeName: 'pglite' | 'postgres',
  store: { dataDir: string } | { databaseUrl: string; schema: string },
): Promise<LoadRow[]> {
  const { bff, origin, close } = await startBff(sandboxUrl, store);
  try {
    const nextOtt = ottSequence();
    const paid: { id: string; customer: string }[] = [];
    const createOne = (orderIds: string[]) => async (i: number) => {
      const customer = `bench-${i % CUSTOMERS}`;
      const res = await fetch(`${origin}${MOUNT}/kki/payments`, {
        method: 'POST',
        headers: {
          origin,
          [KKI_REQUEST_HEADER]: '1',
          'content-type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: randomUUID(),
          [BENCH_CUSTOMER_HEADER]: customer,
        },
        body: JSON.stringify({
          orderId: orderIds[i],
          source: { type: 'card', cpan: cardFor(i), ott: nextOtt() },
        }),
      });
      const body = (await ensureOk(res, 201)) as { id: string };
      paid.push({ id: body.id, customer });
    };
    const rows = await levels(opts, { target: 'bff', store: storeName, op: 'create' }, async (count) => {
      // Orders come from the merchant API, outside the timed loop (the shop makes them before checkout).
      const orderIds: string[] = [];
      for (let i = 0; i < count; i++) {
        const order = await bff.merchant.createOrder({
          customerId: `bench-${i % CUSTOMERS}`,
          amount: AMOUNT,
        });
        orderIds.push(order.id);
      }
      return createOne(orderIds);
    });
    rows.push(
      ...(await levels(opts, { target: 'bff', store: storeName, op: 'status' }, async () => async (i) => {
        const p = paid[i % paid.length];
        if (!p) throw new Error('no payment to poll');
        const res = await fetch(`${origin}${MOUNT}/payments/${p.id}`, {
          headers: { [BENCH_CUSTOMER_HEADER]: p.customer },
        });
        await ensureOk(res, 200);
      })),
    );
    if (bff.store.kind === 'postgres' && 'schema' in store) {
      await bff.store.db.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
    }
    return rows;
  } finally {
    await close();
  }
}

/** Measures the DOKU client's calls against `baseUrl` (the proxy or the sandbox itself). */
async function benchDokuPath(
  opts: Required<Omit<LoadOptions, 'databaseUrl'>>,
  target: 'proxy' | 'direct',
  baseUrl: string,
): Promise<LoadRow[]> {
  const client: DokuClient = createDokuClient({
    baseUrl,
    clientId: DEFAULT_CLIENT_ID,
    secretKey: DEFAULT_SECRET_KEY,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    retries: 0,
  });
  const nextOtt = ottSequence();
  const nextRef = referenceSequence();
  const paid: string[] = [];
  const amount = toSnapAmountObject(AMOUNT);
  const rows = await levels(opts, { target, store: '-', op: 'create' }, async () => async (i) => {
    const partnerReferenceNo = nextRef();
    const result = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo,
      amount,
      card: { cpan: cardFor(i), ott: nextOtt() },
    });
    if (result.httpStatus !== 200) throw new Error(`HTTP ${result.httpStatus} ${result.responseCode}`);
    paid.push(partnerReferenceNo);
  });
  rows.push(
    ...(await levels(opts, { target, store: '-', op: 'status' }, async () => async (i) => {
      const ref = paid[i % paid.length];
      if (!ref) throw new Error('no payment to poll');
      const result = await client.debitStatus({ originalPartnerReferenceNo: ref, amount });
      if (result.httpStatus !== 200) throw new Error(`HTTP ${result.httpStatus} ${result.responseCode}`);
    })),
  );
  return rows;
}

/** Runs every target and store; PostgreSQL only when a URL is configured. */
export async function benchBffLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const opts = {
    concurrencies: options.concurrencies ?? [1, 8, 32],
    count: options.count ?? 1500,
    maxMs: options.maxMs ?? 5_000,
    warmup: options.warmup ?? 50,
  };
  const databaseUrl =
    'databaseUrl' in options
      ? options.databaseUrl
      : (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
  const sandbox = await startSandboxServer({ port: 0 });
  const proxy = await startPassThroughProxy(sandbox.url);
  const dataDir = await mkdtemp(join(tmpdir(), 'kki-bench-'));
  const rows: LoadRow[] = [];
  const skipped: string[] = [];
  try {
    rows.push(...(await benchDokuPath(opts, 'direct', sandbox.url)));
    rows.push(...(await benchDokuPath(opts, 'proxy', proxy.url)));
    rows.push(...(await benchBff(opts, sandbox.url, 'pglite', { dataDir })));
    if (databaseUrl) {
      const schema = `bench_${Date.now().toString(36)}`;
      rows.push(...(await benchBff(opts, sandbox.url, 'postgres', { databaseUrl, schema })));
    } else {
      skipped.push('skipped: no PostgreSQL (set TEST_DATABASE_URL or DATABASE_URL)');
    }
  } finally {
    await proxy.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { rows, skipped };
}
