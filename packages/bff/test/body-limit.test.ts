// The body limit over a real socket, as @hono/node-server serves the BFF: a declared Content-Length
// is checked before anything reads the body, and a chunked body (no length) is counted as it is read.
// Either way a body over the limit is refused with 413 before any work, and one within it reaches
// the route whole.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, MOUNT, newKey, newOtt, ORIGIN, startKki } from './kki-setup.js';

const LIMIT = 4096;

/** What the tests read of an answer: an error's code, or a payment's order and status. */
interface Answer {
  error?: { code: string };
  orderId?: string;
  status?: string;
}
let h: KkiHarness;
let server: ReturnType<typeof serve>;
let base: string;

beforeAll(async () => {
  h = await startKki({ bodyLimitBytes: LIMIT });
  server = serve({ fetch: h.host.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h?.close();
});

/** POSTs `body` with a Content-Length, or chunked (no length) in two writes. */
function post(path: string, body: string, chunked: boolean): Promise<{ status: number; body: Answer }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body, 'utf8');
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: {
        'x-test-customer': 'dina',
        origin: ORIGIN,
        'x-kki-request': '1',
        'content-type': 'application/json',
        'idempotency-key': newKey(),
        ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': bytes.byteLength }),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as Answer,
        }),
      );
    });
    // The server may answer 413 before the whole body is sent and close: not an error of the test.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const half = Math.floor(bytes.byteLength / 2);
    req.write(bytes.subarray(0, half));
    req.end(bytes.subarray(half));
  });
}

async function paymentBody(pad = 0) {
  const order = await h.bff.merchant.createOrder({ customerId: 'dina', amount: 75_000 });
  const body = {
    orderId: order.id,
    source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 7), ott: newOtt() },
  };
  // Whitespace pads the JSON without changing what it says.
  return { order, text: JSON.stringify(body) + ' '.repeat(pad) };
}

describe('body limit over a real socket', () => {
  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with a Content-Length';
    it(`refuses a body over the limit sent ${how} with 413 and creates nothing`, async () => {
      const { order, text } = await paymentBody(LIMIT + 100);
      const before = h.ledger().payments.length;
      const res = await post('/kki/payments', text, chunked);
      expect(res.status).toBe(413);
      expect(res.body.error?.code).toBe('payload_too_large');
      expect(h.ledger().payments.length).toBe(before);
      expect(await h.bff.merchant.getOrder(order.id)).toMatchObject({ status: 'open', openPaymentId: null });
    });

    it(`takes a body within the limit sent ${how}, whole`, async () => {
      const { order, text } = await paymentBody(LIMIT - 600);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LIMIT);
      const res = await post('/kki/payments', text, chunked);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ orderId: order.id, status: 'pending' });
    });
  }

  it('a GET has no body to limit and is served as before', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });
});
