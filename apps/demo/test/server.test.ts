// The demo server in-process over HTTP: sessions, orders priced on the server (a browser's amount
// ignored), customer scoping, the staff check, the test-values panel, and the BFF mounted with the
// shop's session as its `authenticate` hook.
import { KKI_TEST_CARDS, KKI_TEST_OTT } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/app.js';
import { PRODUCTS } from '../server/catalogue.js';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    dataDir: null,
    staticDir: null,
    staffPassword: 'rahasia-staf',
    // The KKI payment journeys below send a card: the H2H path of a PCI DSS merchant.
    integration: 'h2h',
    logger: () => {},
  });
});
afterAll(async () => {
  await demo?.close();
});

/** A browser: keeps its cookies and sends the shop's origin on state-changing calls. */
function browser() {
  const jar = new Map<string, string>();
  return async (
    path: string,
    init: { method?: string; body?: unknown; origin?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      ...init.headers,
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.method && init.method !== 'GET') headers.origin = init.origin ?? demo.url;
    const res = await fetch(`${demo.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };
}

const price = (id: string) => PRODUCTS.find((p) => p.id === id)!.price;

describe('demo server', () => {
  it('gives the first visit a signed HttpOnly SameSite=Lax session', async () => {
    const res = await fetch(`${demo.url}/api/shop/session`);
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/demo_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = (await res.json()) as { slot: string; staff: boolean };
    expect(body).toMatchObject({ slot: 'a', staff: false });
  });

  it('refuses a tampered session cookie and makes a new customer instead', async () => {
    const visit = browser();
    const first = await visit('/api/shop/session');
    const forged = await fetch(`${demo.url}/api/shop/session`, {
      headers: { cookie: 'demo_session=someone-else.a.forgedsignature' },
    });
    const body = (await forged.json()) as { customerId: string };
    expect(body.customerId).not.toBe(first.body.customerId);
  });

  it('prices the order on the server and ignores an amount sent by the browser', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const res = await visit('/api/shop/orders', {
      method: 'POST',
      body: {
        amount: 1,
        items: [
          { productId: 'kopi-toraja', quantity: 2, price: 1 },
          { productId: 'batik-tulis', quantity: 1 },
        ],
      },
    });
    expect(res.status).toBe(201);
    const order = res.body.order as { id: string; amount: number; lineItems: { price: number }[] };
    expect(order.amount).toBe(2 * price('kopi-toraja') + price('batik-tulis'));
    expect(order.lineItems.map((i) => i.price)).toEqual([price('kopi-toraja'), price('batik-tulis')]);

    // The BFF, behind the same session cookie, shows the customer the same amount.
    const viaBff = await visit(`/api/kki/orders/${order.id}`);
    expect(viaBff.status).toBe(200);
    expect(viaBff.body).toMatchObject({ id: order.id, amount: order.amount });
  });

  it('refuses an unknown product or an empty cart with a typed error and creates nothing', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const unknown = await visit('/api/shop/orders', {
      method: 'POST',
      body: { items: [{ productId: 'emas-batangan', quantity: 1 }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'validation_failed', field: 'productId' } });
    const empty = await visit('/api/shop/orders', { method: 'POST', body: { items: [] } });
    expect(empty.body).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await visit('/api/shop/orders')).body).toEqual({ orders: [] });
  });

  it('refuses a state-changing call from another origin', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const res = await visit('/api/shop/orders', {
      method: 'POST',
      origin: 'https://evil.example',
      body: { items: [{ productId: 'kopi-toraja', quantity: 1 }] },
    });
    expect(res.status).toBe(403);
    expect((await visit('/api/shop/orders')).body).toEqual({ orders: [] });
  });

  it("scopes orders to the customer: customer B cannot read customer A's order", async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const created = await visit('/api/shop/orders', {
      method: 'POST',
      body: { items: [{ productId: 'sambal-roa', quantity: 3 }] },
    });
    const orderId = (created.body.order as { id: string }).id;
    expect((await visit(`/api/shop/orders/${orderId}`)).status).toBe(200);

    const switched = await visit('/api/shop/session/customer', { method: 'POST', body: { slot: 'b' } });
    expect(switched.body).toMatchObject({ slot: 'b' });
    expect((await visit(`/api/shop/orders/${orderId}`)).status).toBe(404);
    expect((await visit(`/api/kki/orders/${orderId}`)).status).toBe(404);
    expect((await visit('/api/shop/orders')).body).toEqual({ orders: [] });

    await visit('/api/shop/session/customer', { method: 'POST', body: { slot: 'a' } });
    expect((await visit('/api/shop/orders')).body.orders).toHaveLength(1);
  });

  it('keeps staff routes from customers; the staff password opens them', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    expect((await visit('/api/shop/staff/orders')).status).toBe(403);
    const wrong = await visit('/api/shop/staff/login', { method: 'POST', body: { password: 'tebak' } });
    expect(wrong.status).toBe(403);
    expect((await visit('/api/shop/staff/orders')).status).toBe(403);

    const ok = await visit('/api/shop/staff/login', { method: 'POST', body: { password: 'rahasia-staf' } });
    expect(ok.status).toBe(200);
    const staff = await visit('/api/shop/staff/orders');
    expect(staff.status).toBe(200);
    expect(Array.isArray(staff.body.orders)).toBe(true);
    expect((await visit('/api/shop/session')).body).toMatchObject({ staff: true });

    await visit('/api/shop/staff/logout', { method: 'POST' });
    expect((await visit('/api/shop/staff/orders')).status).toBe(403);
  });

  it('lists the sandbox test values: KKI cards and cases, Cards test cards', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const res = await visit('/api/shop/test-values');
    const kki = res.body.kki as { cards: { cards: string[] }[]; cases: unknown[]; otp: { correct: string } };
    expect(kki.cards.length).toBeGreaterThan(0);
    expect(kki.cases.length).toBeGreaterThan(10);
    expect(kki.otp.correct).toMatch(/^\d{6}$/);
    expect(JSON.stringify(res.body.cards)).toContain('4111111111111111');
  });

  it('the BFF answers 401 without the shop session', async () => {
    const res = await fetch(`${demo.url}/api/kki/kki/cards`);
    expect(res.status).toBe(401);
  });

  it('walks a KKI payment: order priced here, paid through the BFF, confirmed at the issuer, refunded by staff only', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const created = await visit('/api/shop/orders', {
      method: 'POST',
      body: { items: [{ productId: 'tas-rotan', quantity: 1 }] },
    });
    const order = created.body.order as { id: string; amount: number };
    const kkiHeaders = (key: string) => ({ 'X-KKI-Request': '1', 'Idempotency-Key': key });
    const cpan = KKI_TEST_CARDS[0]!.cards[0]!;

    const pay = await visit('/api/kki/kki/payments', {
      method: 'POST',
      headers: kkiHeaders(`pay-${order.id}`),
      body: { orderId: order.id, amount: 1, source: { type: 'card', cpan, ott: KKI_TEST_OTT.valid } },
    });
    expect(pay.status).toBeLessThan(300);
    const payment = (pay.body.payment ?? pay.body) as { id: string; amount: number; status: string };
    expect(payment.amount).toBe(price('tas-rotan'));
    expect(JSON.stringify(pay.body)).not.toContain(cpan);

    // The customer confirms in the issuer app (the sandbox's page has the same effect).
    const entry = demo.sandbox.kki.ledger().payments.at(-1);
    expect(entry).toBeDefined();
    demo.sandbox.kki.approve(entry!.referenceNo);

    let status = payment.status;
    for (let i = 0; i < 40 && status !== 'succeeded'; i++) {
      const read = await visit(`/api/kki/payments/${payment.id}?refresh=true`);
      status = read.body.status as string;
      if (status !== 'succeeded') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('succeeded');
    const shopView = await visit(`/api/shop/orders/${order.id}`);
    expect(shopView.body).toMatchObject({ order: { status: 'paid' } });

    const refundAs = (key: string) =>
      visit(`/api/kki/payments/${payment.id}/refunds`, {
        method: 'POST',
        headers: kkiHeaders(key),
        body: { amount: 25_000, reason: 'barang rusak' },
      });
    const refused = await refundAs('refund-customer-1');
    expect(refused.status).toBe(403);

    await visit('/api/shop/staff/login', { method: 'POST', body: { password: 'rahasia-staf' } });
    const refunded = await refundAs('refund-staff-1');
    expect(refunded.status).toBeLessThan(300);
    expect(refunded.body).toMatchObject({ amount: 25_000 });
    const staffOrders = await visit('/api/shop/staff/orders');
    expect(JSON.stringify(staffOrders.body)).toContain(payment.id);

    // The BFF's signed webhooks reach the shop's endpoint; staff see each delivery.
    await demo.bff.events.dispatch();
    const deliveries = (await visit('/api/shop/staff/deliveries')).body.deliveries as {
      type: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
    }[];
    const succeeded = deliveries.find((d) => d.type === 'payment.succeeded');
    expect(succeeded).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    expect(deliveries.find((d) => d.type === 'refund.succeeded')).toMatchObject({ status: 'delivered' });
    expect((await browser()('/api/shop/staff/deliveries')).status).toBe(403);
    // A forged webhook is refused.
    const forged = await fetch(`${demo.url}/api/webhooks/kki`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kki-signature': `t=${Math.floor(Date.now() / 1000)},v1=00`,
      },
      body: JSON.stringify({ id: 'evt_forgedforged', type: 'payment.succeeded' }),
    });
    expect(forged.status).toBe(400);
  });

  it('walks a card AUTHORIZE: DOKU card page, authorised, captured by staff only', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const created = await visit('/api/shop/orders', {
      method: 'POST',
      body: { items: [{ productId: 'batik-tulis', quantity: 2 }] },
    });
    const order = created.body.order as { id: string; amount: number };
    const page = await visit('/api/kki/cards/payments', {
      method: 'POST',
      headers: { 'X-KKI-Request': '1', 'Idempotency-Key': `card-${order.id}` },
      body: { orderId: order.id, paymentType: 'AUTHORIZE' },
    });
    expect(page.status).toBeLessThan(300);
    const payment = (page.body.payment ?? page.body) as {
      id: string;
      amount: number;
      nextAction: { type: string; url: string };
    };
    expect(payment.amount).toBe(2 * price('batik-tulis'));
    expect(payment.nextAction.type).toBe('card_page');
    // The hosted page is served on the shop's own origin, under the BFF.
    expect(payment.nextAction.url.startsWith(`${demo.url}/api/kki/`)).toBe(true);

    // The customer types the approving test card on DOKU's page: its form posts back to the page.
    const requestId = new URL(payment.nextAction.url).searchParams.get('requestId');
    expect(requestId).toBeTruthy();
    const paid = await fetch(`${demo.url}/api/kki/__doku/wt-frontend-transaction/dynamic-payment-page/pay`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        requestId: requestId!,
        card_number: '4111111111111111',
        expiry: '12/30',
        cvv: '123',
        name: 'Budi',
      }),
    });
    expect(paid.status).toBe(303);

    let status = '';
    for (let i = 0; i < 40 && status !== 'authorized'; i++) {
      status = (await visit(`/api/kki/payments/${payment.id}?refresh=true`)).body.status as string;
      if (status !== 'authorized') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('authorized');

    const capturePath = `/api/shop/staff/payments/${payment.id}/capture`;
    expect((await visit(capturePath, { method: 'POST', body: {} })).status).toBe(403);
    await visit('/api/shop/staff/login', { method: 'POST', body: { password: 'rahasia-staf' } });
    const captured = await visit(capturePath, { method: 'POST', body: {} });
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ payment: { id: payment.id, status: 'succeeded' } });
    // A second press answers the same capture, not a second one.
    const again = await visit(capturePath, { method: 'POST', body: {} });
    expect(again.body).toMatchObject({ payment: { id: payment.id, status: 'succeeded' } });
  });
});
