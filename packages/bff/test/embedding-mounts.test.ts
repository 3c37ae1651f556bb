// The ways a merchant embeds the BFF, each answering real requests end to end (order read,
// DOKU card page opened on the in-process sandbox, the return route confirming with DOKU): a plain
// Node server (@hono/node-server), an Express 5 app with the BFF under a sub-path, and a bare fetch
// handler (Next.js route handler / Bun / Deno style) with a basePath, and `bff.fetch` taking the whole URL.
import type { AddressInfo } from 'node:net';
import { type ServerType, getRequestListener, serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';

const ORIGIN = 'https://shop.test';
const MOUNT = '/api/kki';
const CUSTOMER = 'cust-embed';

async function makeBff(): Promise<KkiBff> {
  return createKkiBff({
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    reconciliation: { enabled: false },
    offlineSandbox: { control: true },
    logger: () => {},
  });
}

type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** One real round trip through an embedding: read the order, open a card page, come back. */
async function roundTrip(bff: KkiBff, send: Send) {
  const order = await bff.merchant.createOrder({
    customerId: CUSTOMER,
    amount: 99_000,
    metadata: { email: 'sari@example.com' },
  });
  const headers = { 'x-test-customer': CUSTOMER, origin: ORIGIN };
  const read = await send(`${MOUNT}/orders/${order.id}`, { headers });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ id: order.id, amount: 99_000 });

  const created = await send(`${MOUNT}/cards/payments`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'x-kki-request': '1',
      'idempotency-key': `embed-${order.id}`,
    },
    body: JSON.stringify({ orderId: order.id }),
  });
  expect(created.status).toBe(201);
  const payment = (await created.json()) as { id: string; nextAction: { type: string; url: string } };
  expect(payment.nextAction.type).toBe('card_page');

  // The customer's session opens the return page (DOKU's redirect would carry a return token).
  const back = await send(`${MOUNT}/cards/payments/${payment.id}/return?result=success`, { headers });
  expect(back.status).toBe(200);
  expect(back.headers.get('content-type')).toContain('text/html');
  // Unpaid at DOKU: the page says so, whatever the query claims.
  expect(await back.text()).toContain('"status":"pending"');

  const spec = await send(`${MOUNT}/openapi.json`);
  expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
}

function listen(server: ServerType): Promise<string> {
  return new Promise((resolve) => {
    const ready = () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (server.listening) ready();
    else server.once('listening', ready);
  });
}

describe('embedding the BFF', () => {
  let bff: KkiBff;
  beforeAll(async () => {
    bff = await makeBff();
  }, 60_000);
  afterAll(() => bff.close());

  it('plain Node server (@hono/node-server) with the BFF under /api/kki', async () => {
    const host = new Hono();
    host.get('/', (c) => c.text('shop'));
    host.route(MOUNT, bff.app);
    const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      const base = await listen(server);
      await roundTrip(bff, (path, init) => fetch(`${base}${path}`, init));
      expect(await (await fetch(`${base}/`)).text()).toBe('shop');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('Express 5 app, the BFF mounted under a sub-path through the request listener', async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.send('shop');
    });
    // Express strips the mount path from req.url, so the BFF app sees its own paths. No body
    // parser in front of it: the BFF reads (and limits) the raw body itself.
    app.use(MOUNT, getRequestListener(bff.app.fetch));
    const server = app.listen(0, '127.0.0.1');
    try {
      const base = await listen(server);
      await roundTrip(bff, (path, init) => fetch(`${base}${path}`, init));
      expect(await (await fetch(`${base}/`)).text()).toBe('shop');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('fetch handler with a basePath (Next.js route handler, Bun.serve, Deno.serve)', async () => {
    const handler = new Hono().basePath(MOUNT).route('/', bff.app);
    // app/api/kki/[...path]/route.ts: export const GET = handle; export const POST = handle;
    const handle = async (req: Request) => handler.fetch(req);
    await roundTrip(bff, (path, init) => handle(new Request(`${ORIGIN}${path}`, init)));
    expect((await handle(new Request(`${ORIGIN}/elsewhere`))).status).toBe(404);
  });

  it('bff.fetch: the whole URL under publicUrl, no router of your own (Next.js route handler)', async () => {
    // app/api/kki/[...path]/route.ts: const handle = async (req) => (await getKkiBff()).fetch(req);
    await roundTrip(bff, (path, init) => bff.fetch(new Request(`${ORIGIN}${path}`, init)));
    const unknown = await bff.fetch(new Request(`${ORIGIN}${MOUNT}/no-such-route`));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(unknown.headers.get('x-request-id')).toBeTruthy();
  });
});
