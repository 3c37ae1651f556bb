// Acceptance: a merchant backend that speaks to `kki-bff` over HTTP only (real sockets, the offline
// sandbox in-process, PGlite on disk and, with TEST_DATABASE_URL, PostgreSQL). It creates an order
// with its API key, a browser with a customer token pays it on DOKU Checkout's page, the sandbox's
// issuer app approves and DOKU notifies, the merchant's webhook endpoint (a real HTTP server) gets a
// signed `payment.succeeded`, and `GET /merchant/payments/:id` reads `succeeded`. Then again with the
// endpoint down at first (the background loop alone delivers once it is back), and across a BFF
// restart (stopped while the endpoint refuses connections; a new BFF on the same store delivers).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KkiEvent, OrderView, PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import type { KkiBffOptions } from '../src/config.js';
import { type BffServer, startBffServer } from '../src/server.js';
import { createCustomerToken } from '../src/session-token.js';
import { verifyKkiWebhook } from '../src/webhook-signature.js';
import { freshSchema } from './helpers.js';
import { newKey, newOtt } from './kki-setup.js';

const SESSION_SECRET = 'session-secret-for-the-merchant-http-test-0123';
const API_KEY = 'mk_test_merchant_http_0123456789abcdef';
const WEBHOOK_SECRET = 'whsec-merchant-http-0123456789abcdef';
// Short retries so a run takes seconds; 40 of them outlast a loaded machine's slowest round.
const SCHEDULE = Array.from({ length: 40 }, () => 0.5);

let serial = 500;

/** The merchant's webhook endpoint: a real HTTP server that is up (204), unavailable (503) or not listening. */
interface Receiver {
  url: string;
  mode: 'up' | 'unavailable';
  /** Every delivery taken while up. */
  received: { body: string; signature: string }[];
  /** How many requests it refused with 503. */
  refused: number;
  /** Starts listening (on the same port every time: the webhook URL does not change). */
  listen(): Promise<void>;
  /** Stops listening: connections are refused. */
  stop(): Promise<void>;
}

async function createReceiver(): Promise<Receiver> {
  let server: Server | null = null;
  // A free port, then released: the endpoint starts "down" (connection refused) when asked to.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hooks/kki`,
    mode: 'up',
    received: [],
    refused: 0,
    async listen() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (receiver.mode === 'unavailable') {
            receiver.refused++;
            res.writeHead(503).end('down for maintenance');
            return;
          }
          const signature = req.headers['x-kki-signature'];
          receiver.received.push({
            body: Buffer.concat(chunks).toString('utf8'),
            signature: typeof signature === 'string' ? signature : '',
          });
          res.writeHead(204).end();
        });
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  return receiver;
}

/** Polls `check` until it returns a value (not undefined); fails naming `what` after a generous deadline. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The webhook events a receiver took, verified against the secret; throws on a bad signature. */
async function verifiedEvents(receiver: Receiver): Promise<KkiEvent[]> {
  return Promise.all(
    receiver.received.map((r) => verifyKkiWebhook<KkiEvent>(r.body, r.signature, WEBHOOK_SECRET)),
  );
}

/** `kki-bff` as an operator runs it: configured by the environment, plus a short retry schedule. */
function startServer(store: KkiBffOptions['store'], receiver: Receiver): Promise<BffServer> {
  return startBffServer(
    { PORT: '0', KKI_SESSION_SECRET: SESSION_SECRET, KKI_MERCHANT_API_KEY: `${API_KEY},${API_KEY}-next` },
    {
      ...(store && { store }),
      webhooks: { url: receiver.url, secret: WEBHOOK_SECRET, schedule: SCHEDULE, timeoutMs: 5_000 },
      // Deliveries by the background loop only: nothing in this file calls bff.events.dispatch().
      events: { pollIntervalMs: 100 },
      offlineSandbox: { control: true },
      logLevel: 'warn',
      logger: () => {},
    },
  );
}

/** The merchant's backend: JSON over HTTP with its API key. */
async function merchantCall(
  url: string,
  path: string,
  init: { json?: unknown; key?: string; auth?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const auth = init.auth === undefined ? `Bearer ${API_KEY}` : init.auth;
  if (auth !== null) headers.authorization = auth;
  if (init.key) headers['idempotency-key'] = init.key;
  return fetch(`${url}/merchant${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers,
    ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
  });
}

/** Step 1: an order created with the API key; without it, or with a wrong one, 401 and nothing made. */
async function createOrder(url: string, customerId: string, amount: number): Promise<OrderView> {
  const key = newKey();
  const json = { customerId, amount, description: 'Kain tenun', metadata: { shopOrder: `SO-${serial}` } };
  for (const auth of [null, `Bearer ${API_KEY}-wrong`]) {
    const refused = await merchantCall(url, '/orders', { json, key, auth });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('merchant_unauthenticated');
  }
  const res = await merchantCall(url, '/orders', { json, key });
  expect(res.status).toBe(201);
  const order = (await res.json()) as OrderView;
  expect(order).toMatchObject({ amount, status: 'open' });
  return order;
}

/**
 * Steps 2 and 3: the customer's browser opens DOKU Checkout for the order through the BFF, pays with
 * KKI on DOKU's page (the sandbox's, at the BFF's origin), and the issuer app approves through the
 * sandbox's control API; DOKU then notifies the BFF. Returns the payment id.
 */
async function payInBrowser(url: string, order: OrderView, customerId: string): Promise<string> {
  const token = await createCustomerToken(SESSION_SECRET, customerId);
  const res = await fetch(`${url}/checkout/payments`, {
    method: 'POST',
    body: JSON.stringify({ orderId: order.id }),
    headers: {
      authorization: `Bearer ${token}`,
      origin: url,
      'x-kki-request': '1',
      'content-type': 'application/json',
      'idempotency-key': newKey(),
    },
  });
  expect(res.status).toBe(201);
  const payment = (await res.json()) as PaymentView;
  if (payment.nextAction.type !== 'checkout_page')
    throw new Error(`no checkout page: ${payment.nextAction.type}`);
  const page = payment.nextAction.url;
  expect(page.startsWith(`${url}/__doku/`)).toBe(true);
  // The customer types the KKI card and the issuer app's one-time token on DOKU's page.
  const form = await fetch(`${page}/kki`, {
    method: 'POST',
    body: new URLSearchParams({ cpan: kkiTestCpan('bri', undefined, serial++), ott: newOtt() }),
    redirect: 'manual',
  });
  expect(form.status).toBe(303);
  const tokenId = new URL(page).pathname.split('/').at(-1);
  const approved = await fetch(`${url}/__doku/__sandbox/checkout/${tokenId}/approve`, { method: 'POST' });
  expect(approved.status).toBe(200);
  const idle = await fetch(`${url}/__doku/__sandbox/idle`, { method: 'POST' });
  expect(idle.status).toBe(200);
  return payment.id;
}

/** Step 5: the merchant reads the payment. */
async function readPayment(url: string, paymentId: string): Promise<PaymentView> {
  const res = await merchantCall(url, `/payments/${paymentId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PaymentView;
}

const backends: [string, (dir: string) => KkiBffOptions['store']][] = [
  ['PGlite', (dir) => ({ dataDir: dir })],
  ...(process.env.TEST_DATABASE_URL
    ? ([
        ['PostgreSQL', () => ({ databaseUrl: process.env.TEST_DATABASE_URL, schema: freshSchema('mh') })],
      ] as [string, (dir: string) => KkiBffOptions['store']][])
    : []),
];

describe.each(backends)('a merchant backend over HTTP only (%s)', (_name, storeFor) => {
  const dirs: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const freshStore = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kki-merchant-http-'));
    dirs.push(dir);
    return storeFor(dir);
  };
  const dropSchema = async (running: BffServer, store: KkiBffOptions['store']) => {
    if (store && 'schema' in store && store.schema && running.bff.store.kind === 'postgres') {
      await running.bff.store.db.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
    }
  };

  it('creates an order, a browser pays it, the webhook arrives signed, the payment reads succeeded', async () => {
    const receiver = await createReceiver();
    await receiver.listen();
    cleanups.push(() => receiver.stop());
    const store = freshStore();
    const running = await startServer(store, receiver);
    cleanups.push(async () => {
      await dropSchema(running, store);
      await running.close();
    });
    const { url } = running;

    const order = await createOrder(url, 'ayu', 120_000);
    const paymentId = await payInBrowser(url, order, 'ayu');
    const succeeded = await waitFor('payment.succeeded at the webhook endpoint', async () =>
      (await verifiedEvents(receiver)).find((e) => e.type === 'payment.succeeded' && e.data.id === paymentId),
    );
    expect(succeeded).toMatchObject({ customerId: 'ayu', orderId: order.id, data: { status: 'succeeded' } });
    expect(await readPayment(url, paymentId)).toMatchObject({
      id: paymentId,
      orderId: order.id,
      status: 'succeeded',
      method: 'checkout',
      checkoutChannel: 'kki',
      amount: 120_000,
    });
    const paid = await merchantCall(url, `/orders/${order.id}`);
    expect(await paid.json()).toMatchObject({ status: 'paid', paidPaymentId: paymentId });
    // The same event is in the feed the merchant can read by cursor.
    const feed = await (await merchantCall(url, '/events?after=0&limit=1000')).json();
    expect(feed.events.map((e: KkiEvent) => e.id)).toContain(succeeded.id);
  }, 180_000);

  it('with the webhook endpoint down at first (503), the event arrives once it is back', async () => {
    const receiver = await createReceiver();
    receiver.mode = 'unavailable';
    await receiver.listen();
    cleanups.push(() => receiver.stop());
    const store = freshStore();
    const running = await startServer(store, receiver);
    cleanups.push(async () => {
      await dropSchema(running, store);
      await running.close();
    });
    const { url } = running;

    const order = await createOrder(url, 'budi', 60_000);
    const paymentId = await payInBrowser(url, order, 'budi');
    // Refused at least once while down: nothing taken yet.
    await waitFor('a refused delivery', () => (receiver.refused > 0 ? true : undefined));
    expect(receiver.received).toEqual([]);
    receiver.mode = 'up';
    const events = await waitFor('payment.succeeded once the endpoint is back', async () => {
      const all = await verifiedEvents(receiver);
      return all.some((e) => e.type === 'payment.succeeded' && e.data.id === paymentId) ? all : undefined;
    });
    // In order per payment: pending before succeeded (de-duplicated by id, as a receiver does).
    const unique = [...new Map(events.map((e) => [e.id, e])).values()];
    const ofPayment = unique.filter((e) => e.type.startsWith('payment.') && e.data.id === paymentId);
    expect(ofPayment.map((e) => e.type)).toEqual(['payment.pending', 'payment.succeeded']);
    expect((await readPayment(url, paymentId)).status).toBe('succeeded');
  }, 180_000);

  it('across a BFF restart with the endpoint refusing connections: delivered by the next BFF, once per event id', async () => {
    const receiver = await createReceiver();
    cleanups.push(() => receiver.stop());
    const store = freshStore();
    const first = await startServer(store, receiver);
    let firstClosed = false;
    cleanups.push(async () => {
      if (!firstClosed) await first.close();
    });

    const order = await createOrder(first.url, 'citra', 75_000);
    const paymentId = await payInBrowser(first.url, order, 'citra');
    expect((await readPayment(first.url, paymentId)).status).toBe('succeeded');
    // The endpoint is not listening: the first BFF's attempts fail (connection refused).
    await waitFor('a failed delivery attempt', async () => {
      const deliveries = await first.bff.events.deliveries();
      return deliveries.some((d) => d.attempts > 0 && d.lastError !== null) ? true : undefined;
    });
    await first.close();
    firstClosed = true;
    expect(receiver.received).toEqual([]);

    const second = await startServer(store, receiver);
    cleanups.push(async () => {
      await dropSchema(second, store);
      await second.close();
    });
    await receiver.listen();
    const events = await waitFor('every event of the payment at the endpoint', async () => {
      const all = await verifiedEvents(receiver);
      return all.some((e) => e.type === 'payment.succeeded' && e.data.id === paymentId) ? all : undefined;
    });
    // At least once overall; exactly once per event id once the receiver de-duplicates.
    const unique = new Map(events.map((e) => [e.id, e]));
    expect(events.length).toBeGreaterThanOrEqual(unique.size);
    const ofPayment = [...unique.values()].filter(
      (e) => e.type.startsWith('payment.') && e.data.id === paymentId,
    );
    expect(ofPayment.map((e) => e.type)).toEqual(['payment.pending', 'payment.succeeded']);
    // Every event the store holds for the order reached the endpoint.
    const feed = await (await merchantCall(second.url, '/events?limit=1000')).json();
    const feedIds = feed.events.filter((e: KkiEvent) => e.orderId === order.id).map((e: KkiEvent) => e.id);
    expect(feedIds.length).toBeGreaterThan(0);
    for (const id of feedIds) expect(unique.has(id), id).toBe(true);
    expect((await readPayment(second.url, paymentId)).status).toBe('succeeded');
  }, 240_000);
});
