// The issuer-app link's QR code: served to the payment's owner only, only while the payment waits in
// the app, never cached, and a QR code a phone reads back as exactly the link the payment view shows.
import type { PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

/**
 * The SVG drawn as pixels (1 per SVG unit): a white canvas with each `M x,y h w v h h -w z` square
 * of the path painted black, which is how the QR library draws a dark module.
 */
function rasterize(svg: string): { data: Uint8ClampedArray; size: number } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  expect(size).toBeGreaterThan(0);
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  const path = /<path fill="black" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const squares = [...path.matchAll(/M(\d+),(\d+)h(\d+)v(\d+)h-\3z/g)];
  // Every drawing command of the path is a square: nothing in the path is left unread.
  expect(squares.map((m) => m[0]).join('')).toBe(path);
  for (const [, x, y, w, h] of squares) {
    for (let row = Number(y); row < Number(y) + Number(h); row++)
      for (let col = Number(x); col < Number(x) + Number(w); col++)
        data.fill(0, (row * size + col) * 4, (row * size + col) * 4 + 3);
  }
  return { data, size };
}

describe('GET /payments/:paymentId/app-link.svg', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  async function waitingPayment(customer: string): Promise<PaymentView> {
    const order = await h.bff.merchant.createOrder({ customerId: customer, amount: 120_000 });
    const res = await h.call(customer, '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id, source: { type: 'card', cpan: kkiTestCpan('bri'), ott: newOtt() } },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as PaymentView;
  }

  it("is a QR code of the payment's issuer-app link, not cached", async () => {
    const payment = await waitingPayment('qr-alice');
    if (payment.nextAction.type !== 'issuer_app') throw new Error('expected the issuer app');
    const res = await h.call('qr-alice', `/payments/${payment.id}/app-link.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-site');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const { data, size } = rasterize(svg);
    expect(jsQR(data, size, size)?.data).toBe(payment.nextAction.url);
  });

  it("answers another shopper's payment exactly like a missing one", async () => {
    const payment = await waitingPayment('qr-bob');
    const stolen = await h.call('qr-mallory', `/payments/${payment.id}/app-link.svg`);
    const missing = await h.call('qr-mallory', '/payments/pay_00000000000000000000000000/app-link.svg');
    expect(stolen.status).toBe(404);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('needs a signed-in customer', async () => {
    const payment = await waitingPayment('qr-carol');
    const res = await h.host.request(`/api/kki/payments/${payment.id}/app-link.svg`);
    expect(res.status).toBe(401);
  });

  it('has no QR code once the payment no longer waits in the app', async () => {
    const payment = await waitingPayment('qr-dave');
    const cancelled = await h.call('qr-dave', `/payments/${payment.id}/cancel`, {
      method: 'POST',
      key: newKey(),
    });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as PaymentView).status).toBe('cancelled');
    const res = await h.call('qr-dave', `/payments/${payment.id}/app-link.svg`);
    expect(res.status).toBe(404);
  });
});
