// Shared set-up of the KKI tests: a real BFF with the default services on its in-process DOKU
// sandbox (control API on), mounted under /api/kki of a host app the way a merchant mounts it.
import { kkiTestCpan, type Sandbox, type SandboxLedger } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { expect } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import type { KkiBffOptions } from '../src/config.js';
import type { KkiLogLine } from '../src/log.js';
import { inProcessDeliveryEnv } from '../src/notifications/routes.js';
import { openStore, type Store } from '../src/store/index.js';
import { dropSchema, freshSchema, TEST_SECRET } from './helpers.js';

export const ORIGIN = 'https://shop.test';
export const MOUNT = '/api/kki';

export interface KkiHarness {
  bff: KkiBff;
  host: Hono;
  /** The in-process sandbox. */
  sandbox: Sandbox;
  lines: KkiLogLine[];
  /** A browser call as `customer` (CSRF headers; `key` sets the Idempotency-Key). */
  call(
    customer: string,
    path: string,
    init?: RequestInit & { key?: string; json?: unknown },
  ): Promise<Response>;
  /** The sandbox's control API. */
  control(path: string, body?: unknown): Promise<Response>;
  /**
   * A notification posted to the BFF as the in-process sandbox delivers it (an offline BFF refuses
   * notifications from the network).
   */
  notify(path: string, init: RequestInit): Promise<Response>;
  /** Waits until the sandbox has delivered its notifications. */
  idle(): Promise<void>;
  /** The sandbox's truth (no tokens, no card numbers). */
  ledger(): SandboxLedger;
  close(): Promise<void>;
}

let counter = 0;
/** A fresh idempotency key. */
export const newKey = () => `key-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
/** A fresh OTT (the sandbox accepts each OTT once). */
export const newOtt = () => `${100000 + Math.floor(Math.random() * 800000)}${++counter}`;

export async function startKki(extra: Partial<KkiBffOptions> = {}): Promise<KkiHarness> {
  const lines: KkiLogLine[] = [];
  const bff = await createKkiBff({
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    logger: (line) => lines.push(line),
    logLevel: 'debug',
    reconciliation: { enabled: false },
    rateLimits: { payment: { max: 1000, windowMs: 60_000 }, otp: { max: 1000, windowMs: 60_000 } },
    offlineSandbox: { control: true },
    ...extra,
  });
  const host = new Hono();
  host.route(MOUNT, bff.app);
  const sandbox = bff.doku.sandbox;
  if (!sandbox) throw new Error('expected the offline sandbox');
  const control = async (path: string, body?: unknown) =>
    sandbox.app.request(`/__sandbox${path}`, {
      method: body === undefined && !/approve|decline|idle|advance/.test(path) ? 'GET' : 'POST',
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
  return {
    bff,
    host,
    sandbox,
    lines,
    async call(customer, path, init = {}) {
      const { key, json, ...rest } = init;
      return host.request(`${MOUNT}${path}`, {
        ...rest,
        ...(json !== undefined && { body: JSON.stringify(json) }),
        headers: {
          'x-test-customer': customer,
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          ...(key && { 'idempotency-key': key }),
          ...((rest.headers as Record<string, string>) ?? {}),
        },
      });
    },
    control,
    notify: async (path, init) => host.request(new URL(path, ORIGIN).href, init, inProcessDeliveryEnv()),
    async idle() {
      await control('/idle', {});
    },
    ledger: () => sandbox.ledger(),
    close: () => bff.close(),
  };
}

/**
 * A BFF (host-to-host, quiet, no reconciliation) whose DOKU is `doku`: a stand-in in front of a
 * sandbox's app that changes or scripts some answers. Mounted under {@link MOUNT} of `host`.
 */
export async function startKkiOverDoku(doku: typeof fetch): Promise<{ bff: KkiBff; host: Hono }> {
  const bff = await createKkiBff({
    environment: 'http://doku.sandbox.test',
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    logger: () => {},
    reconciliation: { enabled: false },
    fetch: doku,
  });
  const host = new Hono();
  host.route(MOUNT, bff.app);
  return { bff, host };
}

/** A pending KKI payment of `customer` (card `serial`, BRI) made through the routes, as stored. */
export async function pendingKkiPayment(h: KkiHarness, customer: string, serial: number, amount = 80_000) {
  const order = await h.bff.merchant.createOrder({ customerId: customer, amount });
  const res = await h.call(customer, '/kki/payments', {
    method: 'POST',
    key: newKey(),
    json: {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt() },
    },
  });
  expect(res.status).toBe(201);
  const payment = await h.bff.store.payments.get((await res.json()).id);
  if (!payment) throw new Error('payment missing');
  return payment;
}

/** Two BFF instances sharing one database (one store when no TEST_DATABASE_URL), both on one sandbox. */
export interface TwoBffs {
  bffs: KkiBff[];
  stores: Store[];
  /** Owns the in-process sandbox both BFFs talk to by URL through its app. */
  sandboxHost: KkiHarness;
  close(): Promise<void>;
}

export async function startTwoBffs(
  schemaPrefix: string,
  extra: Partial<KkiBffOptions> = {},
): Promise<TwoBffs> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = freshSchema(schemaPrefix);
  const sandboxHost = await startKki();
  const sandbox = sandboxHost.sandbox;
  const open = () =>
    pgUrl
      ? openStore({ databaseUrl: pgUrl, schema, encryptionSecret: TEST_SECRET })
      : openStore({ encryptionSecret: TEST_SECRET });
  const first = await open();
  const stores = pgUrl ? [first, await open()] : [first, first];
  const bffs = await Promise.all(
    stores.map((store) =>
      createKkiBff({
        environment: 'http://doku.sandbox.test',
        publicUrl: `${ORIGIN}${MOUNT}`,
        kki: { integration: 'h2h', pciDss: true },
        store,
        authenticate: (c) => c.req.header('x-test-customer') ?? null,
        logger: () => {},
        reconciliation: { enabled: false },
        fetch: async (input, init) => sandbox.app.fetch(new Request(input, init)),
        ...extra,
      }),
    ),
  );
  return {
    bffs,
    stores,
    sandboxHost,
    async close() {
      for (const bff of bffs) await bff.close();
      if (stores[0]) await dropSchema(stores[0], schema);
      for (const store of new Set(stores)) await store.close();
      await sandboxHost.close();
    },
  };
}
