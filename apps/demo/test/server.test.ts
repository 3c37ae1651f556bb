// The demo server in-process over HTTP: sessions, orders priced on the server (a browser's amount
// ignored), customer scoping, the staff check, the test-values panel, and the BFF mounted with the
// shop's session as its `authenticate` hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/app.js';
import { PRODUCTS } from '../server/catalogue.js';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    sandboxPort: 0,
    dataDir: null,
    staticDir: null,
    staffPassword: 'rahasia-staf',
    logger: () => {},
  });
});
afterAll(async () => {
  await demo?.close();
});

/** A browser: keeps its cookies and sends the shop's origin on state-changing calls. */
function browser() {
  const jar = new Map<string, string>();
  return async (path: string, init: { method?: string; body?: unknown; origin?: string } = {}) => {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
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
});
