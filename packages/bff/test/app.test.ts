import { kkiRoutes } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import type { KkiLogLine } from '../src/log.js';
import type { KkiServices } from '../src/services/types.js';

const ORIGIN = 'https://shop.test';
const lines: KkiLogLine[] = [];

// A customer is named by the X-Test-Customer header; the merchant's hook decides in real apps.
async function makeBff(
  extra: Partial<Parameters<typeof createKkiBff>[0]> = {},
  services?: KkiServices,
): Promise<KkiBff> {
  return createKkiBff(
    {
      publicUrl: `${ORIGIN}/api/kki`,
      kki: { integration: 'h2h', pciDss: true },
      authenticate: (c) => c.req.header('x-test-customer') ?? null,
      logger: (line) => lines.push(line),
      logLevel: 'debug',
      rateLimits: { payment: { max: 3, windowMs: 60_000 } },
      ...extra,
    },
    services ? () => services : undefined,
  );
}

const browser = (customer: string, init: RequestInit = {}) => ({
  ...init,
  headers: {
    'x-test-customer': customer,
    origin: ORIGIN,
    'x-kki-request': '1',
    'content-type': 'application/json',
    ...(init.headers ?? {}),
  },
});

describe('createKkiBff without DOKU services', () => {
  let bff: KkiBff;
  beforeAll(async () => {
    // An empty service layer: the default one (every flow) is replaced.
    bff = await makeBff({}, {});
  }, 60_000);
  afterAll(() => bff.close());

  it('mounts only the routes it can answer from the store (and the kit config)', async () => {
    expect([...bff.routes].sort()).toEqual(
      [
        'getHealth',
        'getKitConfig',
        'getOpenApiDocument',
        'getOrder',
        'getReadiness',
        'getPayment',
        'getPaymentAppLinkQr',
        'listRefunds',
        'listSavedCards',
      ].sort(),
    );
    // Without a Checkout service the config says Checkout is off.
    expect(await (await bff.app.request('/config')).json()).toEqual({
      kki: { integration: 'h2h' },
      checkout: null,
    });
  });

  it("shows a customer their order and answers 404 for another customer's", async () => {
    const order = await bff.merchant.createOrder({
      customerId: 'alice',
      amount: 250_000,
      lineItems: [{ name: 'Sepatu', price: 250_000, quantity: 1 }],
    });
    const own = await bff.app.request(`/orders/${order.id}`, browser('alice'));
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      id: order.id,
      amount: 250_000,
      currency: 'IDR',
      status: 'open',
    });
    const other = await bff.app.request(`/orders/${order.id}`, browser('bob'));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'not_found', retryable: false } });
  });

  it('answers 401 without a customer', async () => {
    const res = await bff.app.request('/kki/cards', { headers: { origin: ORIGIN } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });

  it("lists only the customer's own saved cards, without DOKU's token", async () => {
    await bff.store.savedCards.create({
      customerId: 'alice',
      method: 'kki',
      token: 'TOKEN-ALICE-SENTINEL',
      maskedCpan: '936000******0019',
      issuer: 'bri',
      issuerName: 'BRI',
    });
    await bff.store.savedCards.create({
      customerId: 'bob',
      method: 'kki',
      token: 'TOKEN-BOB-SENTINEL',
      maskedCpan: '936000******0027',
      issuer: 'mandiri',
      issuerName: 'Mandiri',
    });
    const res = await bff.app.request('/kki/cards', browser('alice'));
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('TOKEN-');
    const { cards } = JSON.parse(text) as { cards: { maskedCpan: string; issuer: string }[] };
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ maskedCpan: '936000******0019', issuer: 'bri', status: 'active' });
  });

  it('refuses refunds without an authorizeRefund hook', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'alice', amount: 1000 });
    const p = await bff.store.payments.create({
      orderId: order.id,
      method: 'kki',
      partnerReferenceNo: `r${Date.now()}`,
      externalId: '1',
    });
    const res = await bff.app.request(`/payments/${p.id}/refunds`, browser('staff'));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('refund_not_authorized');
  });

  it('validates ids and answers the catalogue error body, never internals', async () => {
    const res = await bff.app.request('/payments/not-an-id', browser('alice'));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'validation_failed', field: 'paymentId', retryable: true });
    expect(typeof body.error.requestId).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/zod|stack|regex|Error:/i);
  });

  it('answers unknown paths with not_found and sets security headers', async () => {
    const res = await bff.app.request('/nope', browser('alice'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('speaks the requested language', async () => {
    const en = await bff.app.request('/kki/cards', { headers: { 'x-kki-locale': 'en' } });
    const id = await bff.app.request('/kki/cards', {});
    expect((await en.json()).error.message).not.toBe((await id.json()).error.message);
  });

  it('merchant createOrder refuses line items that do not sum to the amount', async () => {
    await expect(
      bff.merchant.createOrder({
        customerId: 'alice',
        amount: 1000,
        lineItems: [{ name: 'x', price: 999, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', field: 'lineItems' });
  });
});

describe('browser routes with a payment service', () => {
  let bff: KkiBff;
  const calls: { amount: number; externalId: string }[] = [];
  const services: KkiServices = {
    kkiPayments: {
      async create({ orderId, customerId, ctx }) {
        // The store scopes the order to the customer and copies its amount into the payment.
        const p = await bff.store.payments.create({
          orderId,
          customerId,
          method: 'kki',
          kkiKind: 'single',
          partnerReferenceNo: ctx.externalId,
          externalId: ctx.externalId,
        });
        calls.push({ amount: p.amount, externalId: ctx.externalId });
        return (
          await bff.store.payments.transition(p.id, 'pending', {
            source: 'doku_response',
            patch: {
              nextAction: {
                type: 'issuer_app',
                url: 'https://issuer.test/confirm',
                issuer: 'bri',
                expiresAt: null,
              },
            },
          })
        ).record;
      },
      refresh: async (p) => p,
      cancel: async (p) => (await bff.store.payments.transition(p.id, 'cancelled', { source: 'api' })).record,
    },
  };
  beforeAll(async () => {
    bff = await makeBff({}, services);
  }, 60_000);
  afterAll(() => bff.close());

  const pay = (customer: string, body: unknown, key: string, headers: Record<string, string> = {}) =>
    bff.app.request(
      '/kki/payments',
      browser(customer, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'idempotency-key': key, ...headers },
      }),
    );
  const card = { type: 'card', cpan: '9360 0002 0000 0019', ott: '481516' };

  it('ignores an amount sent by the browser: the order decides', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'carol', amount: 75_000 });
    const res = await pay('carol', { orderId: order.id, amount: 1, source: card }, 'key-amount-0001');
    expect(res.status).toBe(201);
    const view = await res.json();
    expect(view.amount).toBe(75_000);
    expect(calls.at(-1)?.amount).toBe(75_000);
    expect(view.nextAction).toMatchObject({ type: 'issuer_app', issuer: 'bri' });
  });

  it('replays a double submit, refuses key reuse with another body (422), and needs a key', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'carol', amount: 10_000 });
    const before = calls.length;
    const [a, b] = await Promise.all([
      pay('carol', { orderId: order.id, source: card }, 'key-double-0001'),
      pay('carol', { orderId: order.id, source: card }, 'key-double-0001'),
    ]);
    expect(calls.length - before).toBe(1);
    expect((await a.json()).id).toBe((await b.json()).id);
    const reused = await pay(
      'carol',
      { orderId: order.id, source: { ...card, ott: '111111' } },
      'key-double-0001',
    );
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.code).toBe('idempotency_key_reused');
    const noKey = await bff.app.request(
      '/kki/payments',
      browser('carol', { method: 'POST', body: JSON.stringify({ orderId: order.id, source: card }) }),
    );
    expect(noKey.status).toBe(400);
  });

  it("refuses another customer's order and another customer's saved card as not found", async () => {
    const order = await bff.merchant.createOrder({ customerId: 'carol', amount: 10_000 });
    expect((await pay('dave', { orderId: order.id, source: card }, 'key-scope-0001')).status).toBe(404);
    const carolCard = await bff.store.savedCards.create({
      customerId: 'carol',
      method: 'kki',
      token: 'TOK-CAROL',
      maskedCpan: '936000******0019',
      issuer: 'bri',
      issuerName: 'BRI',
    });
    const daveOrder = await bff.merchant.createOrder({ customerId: 'dave', amount: 10_000 });
    const res = await pay(
      'dave',
      { orderId: daveOrder.id, source: { type: 'saved_card', cardId: carolCard.id } },
      'key-scope-0002',
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('card_not_found');
  });

  it('refuses cross-site requests (CSRF): wrong origin, no origin, or no X-KKI-Request header', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'carol', amount: 10_000 });
    const body = JSON.stringify({ orderId: order.id, source: card });
    const cases: Record<string, string>[] = [
      { origin: 'https://evil.test' },
      { origin: '' },
      { 'x-kki-request': '' },
    ];
    for (const headers of cases) {
      const res = await bff.app.request(
        '/kki/payments',
        browser('carol', {
          method: 'POST',
          body,
          headers: { 'idempotency-key': 'key-csrf-00001', ...headers },
        }),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('csrf_rejected');
    }
    const viaReferer = await bff.app.request('/kki/payments', {
      method: 'POST',
      body,
      headers: {
        'x-test-customer': 'carol',
        referer: `${ORIGIN}/checkout`,
        'x-kki-request': '1',
        'idempotency-key': 'key-csrf-00002',
      },
    });
    expect(viaReferer.status).toBe(201);
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await bff.app.request(
      '/kki/payments',
      browser('carol', {
        method: 'POST',
        body: JSON.stringify({ pad: 'x'.repeat(20_000) }),
        headers: { 'idempotency-key': 'key-big-000001' },
      }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('rate-limits payment attempts per customer', async () => {
    // One order per attempt: an order with an open attempt refuses another (order_payment_open).
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await bff.merchant.createOrder({ customerId: 'erin', amount: 10_000 });
      statuses.push((await pay('erin', { orderId: order.id, source: card }, `key-rate-${i}-0000`)).status);
    }
    expect(statuses.slice(0, 3).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another customer is not affected.
    const other = await bff.merchant.createOrder({ customerId: 'frank', amount: 10_000 });
    expect((await pay('frank', { orderId: other.id, source: card }, 'key-rate-frank-1')).status).toBe(201);
  });

  it('shares the limit between instances on one store (one PostgreSQL behind a load balancer)', async () => {
    // A second instance on the same store: attempts on either count against one limit of 3.
    const second = await makeBff({ store: bff.store }, services);
    try {
      const via = [bff, second, bff, second, bff];
      const statuses: number[] = [];
      for (const [i, instance] of via.entries()) {
        const order = await bff.merchant.createOrder({ customerId: 'hana', amount: 10_000 });
        const res = await instance.app.request(
          '/kki/payments',
          browser('hana', {
            method: 'POST',
            body: JSON.stringify({ orderId: order.id, source: card }),
            headers: { 'idempotency-key': `key-shared-rate-${i}` },
          }),
        );
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    } finally {
      await second.close();
    }
  });

  it('cancels an unconfirmed payment and reads it back without a next action', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'gina', amount: 10_000 });
    const created = await (await pay('gina', { orderId: order.id, source: card }, 'key-cancel-0001')).json();
    const res = await bff.app.request(
      `/payments/${created.id}/cancel`,
      browser('gina', { method: 'POST', headers: { 'idempotency-key': 'key-cancel-0002' } }),
    );
    expect((await res.json()).status).toBe('cancelled');
    const read = await (await bff.app.request(`/payments/${created.id}`, browser('gina'))).json();
    expect(read).toMatchObject({ status: 'cancelled', nextAction: { type: 'none' } });
    expect((await bff.app.request(`/payments/${created.id}`, browser('hank'))).status).toBe(404);
  });

  it('serves an OpenAPI 3.1 document listing exactly the mounted routes with their schemas', async () => {
    const doc = await (await bff.app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(ops.sort()).toEqual([...bff.routes].sort());
    const create = doc.paths['/kki/payments'].post;
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('orderId');
    expect(create.requestBody.content['application/json'].schema.properties).not.toHaveProperty('amount');
    expect(create.responses['201'].content['application/json'].schema.properties).toHaveProperty(
      'nextAction',
    );
    expect(create.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Idempotency-Key', 'X-KKI-Request']),
    );
    expect(doc.paths['/payments/{paymentId}'].get.parameters[0]).toMatchObject({
      name: 'paymentId',
      in: 'path',
      required: true,
    });
    expect(create.responses['422'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ApiErrorBody',
    );
  });
});

describe('OpenAPI of the full table', () => {
  it('lists every route of the contract table with request and response schemas', async () => {
    const { createOpenApiDocument } = await import('../src/openapi.js');
    const doc = createOpenApiDocument('https://shop.test/api/kki');
    for (const [id, spec] of Object.entries(kkiRoutes)) {
      const op = doc.paths[spec.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[spec.method.toLowerCase()] as
        | Record<string, unknown>
        | undefined;
      expect(op?.operationId, id).toBe(id);
      expect(op?.responses, id).toHaveProperty(String(spec.successStatus));
      if (spec.body) expect(op, id).toHaveProperty('requestBody');
    }
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"\$ref":"([^"]+)"/g) ?? [];
    for (const ref of refs) expect(ref).toContain('#/components/schemas/ApiErrorBody');
    expect(doc.components.schemas.ApiErrorBody).toBeTruthy();
  });
});
