// The merchant HTTP API (`/merchant/*`) in-process: API-key authentication (every key compared in
// constant time, rotation, never a customer session), no CSRF header or CORS, idempotent POSTs,
// validation that changes nothing, 404s, the event feed by cursor, and the OpenAPI entries.
import type { EventPage, KkiEvent, OrderView, PaymentView, RefundView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { optionsFromEnv } from '../src/config-env.js';
import { KkiBffConfigError } from '../src/config.js';
import { matchesMerchantKey } from '../src/merchant-api/auth.js';
import { openCardPage, payPage, startCards } from './cards-setup.js';
import { type KkiHarness, MOUNT, newKey, newOtt, ORIGIN, startKki } from './kki-setup.js';

// Hono's constant-time compare, watched: the key check must go through it, once per configured key.
const compares = vi.hoisted(() => ({ count: 0 }));
vi.mock('hono/utils/buffer', async (importOriginal) => {
  const actual = await importOriginal<typeof import('hono/utils/buffer')>();
  return {
    ...actual,
    timingSafeEqual: (...args: Parameters<typeof actual.timingSafeEqual>) => {
      compares.count++;
      return actual.timingSafeEqual(...args);
    },
  };
});

const KEY = 'mk_live_0123456789abcdefghijklmn';
const NEXT_KEY = 'mk_live_rotated_ZYXWVUTSRQPONMLKJI';

describe('merchant HTTP API', () => {
  let h: KkiHarness;
  let serial = 300;
  beforeAll(async () => {
    h = await startKki({
      merchantApi: { keys: [KEY, NEXT_KEY] },
      // Another origin for the shop's pages: the browser routes get CORS, /merchant must not.
      allowedOrigins: [ORIGIN, 'https://www.shop.test'],
    });
  }, 60_000);
  afterAll(async () => h?.close());

  /** A call of the merchant's backend: the key, JSON, and no browser headers at all. */
  function merchant(
    path: string,
    init: { method?: string; json?: unknown; key?: string; auth?: string | null } = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const auth = init.auth === undefined ? `Bearer ${KEY}` : init.auth;
    if (auth !== null) headers.authorization = auth;
    if (init.key) headers['idempotency-key'] = init.key;
    return h.host.request(`${MOUNT}/merchant${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.json !== undefined && {
        body: typeof init.json === 'string' ? init.json : JSON.stringify(init.json),
      }),
    });
  }
  const orderCount = async (customerId: string) =>
    Number(
      (
        await h.bff.store.db.query<{ n: number | string }>(
          'SELECT count(*) AS n FROM orders WHERE customer_id = $1',
          [customerId],
        )
      )[0]?.n,
    );

  describe('authentication', () => {
    it('refuses a missing or wrong key with 401 and the typed body, creating nothing', async () => {
      for (const auth of [null, `Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, KEY, `Basic ${KEY}`]) {
        const res = await merchant('/orders', {
          json: { customerId: 'auth-none', amount: 1000 },
          key: newKey(),
          auth,
        });
        expect(res.status, String(auth)).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="kki-merchant-api"');
        const body = await res.json();
        expect(body.error).toMatchObject({
          code: 'merchant_unauthenticated',
          retryable: false,
        });
        expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
        expect(JSON.stringify(body)).not.toContain(KEY);
      }
      // GETs too, and unknown paths under /merchant: nothing is revealed without a key.
      expect((await merchant('/orders/ord_000000000000', { auth: null })).status).toBe(401);
      expect((await merchant('/nothing-here', { auth: null })).status).toBe(401);
      expect(await orderCount('auth-none')).toBe(0);
    });

    it('words the refusal in the requested language, from the contract catalogue', async () => {
      const res = await h.host.request(`${MOUNT}/merchant/orders/ord_000000000000`, {
        headers: { 'x-kki-locale': 'en' },
      });
      expect((await res.json()).error.message).toMatch(/secret key/);
    });

    it('accepts each key of a rotation', async () => {
      for (const key of [KEY, NEXT_KEY]) {
        const res = await merchant('/orders', {
          json: { customerId: 'rotation', amount: 1000 },
          key: newKey(),
          auth: `Bearer ${key}`,
        });
        expect(res.status).toBe(201);
      }
      expect(await orderCount('rotation')).toBe(2);
    });

    it("never accepts a customer's session: not the authenticate hook's header, not a cookie", async () => {
      const res = await h.host.request(`${MOUNT}/merchant/orders`, {
        method: 'POST',
        body: JSON.stringify({ customerId: 'cust-x', amount: 1000 }),
        headers: {
          'content-type': 'application/json',
          'idempotency-key': newKey(),
          // What the test BFF's authenticate hook accepts as a signed-in customer, plus a cookie.
          'x-test-customer': 'cust-x',
          cookie: 'session=cust-x',
          origin: ORIGIN,
          'x-kki-request': '1',
        },
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('merchant_unauthenticated');
      // And the key is no customer session on the browser routes.
      const browser = await h.host.request(`${MOUNT}/kki/cards`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(browser.status).toBe(401);
      expect((await browser.json()).error.code).toBe('unauthenticated');
    });

    it("compares with hono's constant-time helper against every key, a match on the first included", async () => {
      compares.count = 0;
      expect(await matchesMerchantKey(KEY, [KEY, NEXT_KEY, `${KEY}-third`])).toBe(true);
      expect(compares.count).toBe(3);
      compares.count = 0;
      expect(await matchesMerchantKey(`${KEY}-`, [KEY, NEXT_KEY])).toBe(false);
      expect(await matchesMerchantKey('', [KEY])).toBe(false);
      expect(compares.count).toBe(3);
      compares.count = 0;
      expect((await merchant('/orders/ord_000000000000')).status).toBe(404);
      expect(compares.count).toBe(2);
    });

    it('is server to server: no X-KKI-Request or Origin needed, and no CORS headers', async () => {
      const created = await merchant('/orders', {
        json: { customerId: 'no-csrf', amount: 5000 },
        key: newKey(),
      });
      expect(created.status).toBe(201);
      const preflight = await h.host.request(`${MOUNT}/merchant/orders`, {
        method: 'OPTIONS',
        headers: { origin: 'https://www.shop.test', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const read = await h.host.request(`${MOUNT}/merchant/orders/${(await created.json()).id}`, {
        headers: { authorization: `Bearer ${KEY}`, origin: 'https://www.shop.test' },
      });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
      // The browser routes of the same BFF do answer that origin (CORS is on for them).
      const browser = await h.host.request(`${MOUNT}/config`, {
        headers: { origin: 'https://www.shop.test' },
      });
      expect(browser.headers.get('access-control-allow-origin')).toBe('https://www.shop.test');
    });
  });

  it('never writes a key to the log, refused or accepted', () => {
    const log = JSON.stringify(h.lines);
    expect(h.lines.some((l) => l.msg === 'request refused')).toBe(true);
    expect(log).not.toContain(KEY);
    expect(log).not.toContain(NEXT_KEY);
    expect(log).not.toContain(KEY.slice(0, -1));
  });

  describe('orders', () => {
    it('creates (201) and reads an order; the answer is the contract view', async () => {
      const res = await merchant('/orders', {
        json: {
          customerId: 'ord-alice',
          amount: 150_000,
          currency: 'IDR',
          description: 'Batik tulis',
          lineItems: [{ name: 'Batik', price: 75_000, quantity: 2 }],
          metadata: { shopOrder: 'SO-1001' },
        },
        key: newKey(),
      });
      expect(res.status).toBe(201);
      const order = (await res.json()) as OrderView;
      expect(order).toMatchObject({ amount: 150_000, currency: 'IDR', status: 'open', paidPaymentId: null });
      const read = await merchant(`/orders/${order.id}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(order);
      expect((await h.bff.store.orders.get(order.id))?.metadata).toEqual({ shopOrder: 'SO-1001' });
    });

    it('replays the same key and body, refuses the key with another body (422), needs a key on every POST', async () => {
      const key = newKey();
      const body = { customerId: 'ord-idem', amount: 20_000 };
      const first = await merchant('/orders', { json: body, key });
      const again = await merchant('/orders', { json: { amount: 20_000, customerId: 'ord-idem' }, key });
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(await first.json());
      const other = await merchant('/orders', { json: { ...body, amount: 20_001 }, key });
      expect(other.status).toBe(422);
      expect((await other.json()).error.code).toBe('idempotency_key_reused');
      for (const bad of [undefined, 'short', 'has spaces in it']) {
        const res = await merchant('/orders', { json: body, ...(bad && { key: bad }) });
        expect(res.status).toBe(400);
        expect((await res.json()).error).toMatchObject({
          code: 'validation_failed',
          field: 'Idempotency-Key',
        });
      }
      expect(await orderCount('ord-idem')).toBe(1);
    });

    it('refuses bad input with validation_failed naming the field, and creates nothing', async () => {
      const cases: [unknown, string | undefined][] = [
        [{ customerId: 'ord-bad', amount: -5 }, 'amount'],
        [{ customerId: 'ord-bad', amount: 10.5 }, 'amount'],
        [{ customerId: '', amount: 1000 }, 'customerId'],
        [{ customerId: 'ord-bad', amount: 1000, currency: 'USD' }, 'currency'],
        [
          { customerId: 'ord-bad', amount: 1000, lineItems: [{ name: 'x', price: 999, quantity: 1 }] },
          'lineItems',
        ],
        [{ customerId: 'ord-bad', amount: 1000, description: 'line\nbreak' }, 'description'],
        [
          {
            customerId: 'ord-bad',
            amount: 1000,
            metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
          },
          'metadata',
        ],
        ['{not json', undefined],
      ];
      for (const [json, field] of cases) {
        const res = await merchant('/orders', { json, key: newKey() });
        expect(res.status, JSON.stringify(json)).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe('validation_failed');
        if (field) expect(error.field).toBe(field);
      }
      expect(await orderCount('ord-bad')).toBe(0);
    });

    it('answers 404 for unknown ids and 400 for ids that are none', async () => {
      for (const path of ['/orders/ord_unknown000000', '/payments/pay_unknown000000']) {
        const res = await merchant(path);
        expect(res.status, path).toBe(404);
        expect((await res.json()).error.code).toBe('not_found');
      }
      const refund = await merchant('/payments/pay_unknown000000/refunds', { json: {}, key: newKey() });
      expect(refund.status).toBe(404);
      const capture = await merchant('/payments/pay_unknown000000/capture', { json: {}, key: newKey() });
      expect(capture.status).toBe(404);
      const malformed = await merchant('/payments/ord_notapayment00');
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).error).toMatchObject({ code: 'validation_failed', field: 'paymentId' });
    });
  });

  describe('payments, refunds, charges', () => {
    let cardId = '';
    let paymentId = '';
    beforeAll(async () => {
      // A customer pays in the browser (host-to-host KKI here) and saves the card; the issuer app approves.
      const order = (await (
        await merchant('/orders', { json: { customerId: 'pay-bob', amount: 80_000 }, key: newKey() })
      ).json()) as OrderView;
      const res = await h.call('pay-bob', '/kki/payments', {
        method: 'POST',
        key: newKey(),
        json: {
          orderId: order.id,
          source: {
            type: 'card',
            cpan: kkiTestCpan('bri', undefined, serial++),
            ott: newOtt(),
            saveCard: true,
          },
        },
      });
      expect(res.status).toBe(201);
      paymentId = ((await res.json()) as PaymentView).id;
      const ref = (await h.bff.store.payments.get(paymentId))?.partnerReferenceNo;
      expect((await h.control(`/kki/payments/${ref}/approve`, {})).status).toBe(200);
      await h.idle();
      const cards = await h.bff.store.savedCards.listForCustomer('pay-bob');
      cardId = cards[0]?.id ?? '';
    }, 60_000);

    it('reads the paid payment and refunds it in part over HTTP, replaying a retried refund', async () => {
      const read = await merchant(`/payments/${paymentId}`);
      expect(await read.json()).toMatchObject({ id: paymentId, status: 'succeeded', amount: 80_000 });
      const key = newKey();
      const first = await merchant(`/payments/${paymentId}/refunds`, {
        json: { amount: 30_000, reason: 'retur' },
        key,
      });
      expect(first.status).toBe(201);
      const refund = (await first.json()) as RefundView;
      expect(refund).toMatchObject({ paymentId, amount: 30_000, status: 'succeeded' });
      const replay = await merchant(`/payments/${paymentId}/refunds`, {
        json: { amount: 30_000, reason: 'retur' },
        key,
      });
      expect(replay.status).toBe(201);
      expect(await replay.json()).toEqual(refund);
      expect(await h.bff.merchant.listRefunds(paymentId)).toHaveLength(1);
      const over = await merchant(`/payments/${paymentId}/refunds`, {
        json: { amount: 50_001 },
        key: newKey(),
      });
      expect(over.status).toBe(422);
      expect((await over.json()).error.code).toBe('refund_exceeds_remaining');
      const bad = await merchant(`/payments/${paymentId}/refunds`, { json: { amount: 0 }, key: newKey() });
      expect(bad.status).toBe(400);
      expect(await (await merchant(`/payments/${paymentId}`)).json()).toMatchObject({
        status: 'partially_refunded',
        refundedAmount: 30_000,
      });
    });

    it('refuses to capture a payment that is no authorized card payment', async () => {
      const res = await merchant(`/payments/${paymentId}/capture`, { json: {}, key: newKey() });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('operation_not_allowed');
    });

    it('charges a saved card without the customer (201), once per key', async () => {
      expect(cardId).toMatch(/^card_/);
      const order = (await (
        await merchant('/orders', { json: { customerId: 'pay-bob', amount: 45_000 }, key: newKey() })
      ).json()) as OrderView;
      const key = `renewal-${order.id}`;
      const first = await merchant('/charges', { json: { orderId: order.id, cardId }, key });
      expect(first.status).toBe(201);
      const charged = (await first.json()) as PaymentView;
      expect(charged).toMatchObject({ status: 'succeeded', kkiKind: 'no_auth', amount: 45_000 });
      const again = await merchant('/charges', { json: { orderId: order.id, cardId }, key });
      expect(await again.json()).toEqual(charged);
      expect(await h.bff.merchant.listPayments({ orderId: order.id })).toHaveLength(1);
      // Another key on the paid order: refused, no second charge.
      const twice = await merchant('/charges', { json: { orderId: order.id, cardId }, key: newKey() });
      expect(twice.status).toBe(409);
      expect((await twice.json()).error.code).toBe('already_paid');
      const open = (await (
        await merchant('/orders', { json: { customerId: 'pay-bob', amount: 45_000 }, key: newKey() })
      ).json()) as OrderView;
      const unknown = await merchant('/charges', {
        json: { orderId: open.id, cardId: 'card_unknown00000' },
        key: newKey(),
      });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('card_not_found');
      expect(await h.bff.merchant.listPayments({ orderId: open.id })).toEqual([]);
      const invalid = await merchant('/charges', { json: { orderId: order.id }, key: newKey() });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).error.field).toBe('cardId');
    });
  });

  describe('event feed', () => {
    it('pages the feed by cursor, oldest first, and refuses bad cursors and limits', async () => {
      const all: KkiEvent[] = [];
      let after = '0';
      for (let page = 0; page < 100; page++) {
        const res = await merchant(`/events?after=${after}&limit=2`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as EventPage;
        expect(body.events.length).toBeLessThanOrEqual(2);
        all.push(...body.events);
        if (body.events.length === 0) {
          expect(body.next).toBe(after);
          break;
        }
        after = body.next;
      }
      const whole = (await (await merchant('/events?limit=1000')).json()) as EventPage;
      expect(all.map((e) => e.id)).toEqual(whole.events.map((e) => e.id));
      expect(whole.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['payment.succeeded', 'refund.succeeded', 'card.saved']),
      );
      expect(whole).toEqual(await h.bff.events.list({ limit: 1000 }));
      // Digits beyond what the database holds (a transaction id is unsigned 64-bit, a sequence
      // number signed 64-bit) are bad input too, not a server error.
      const tooLarge = ['after=18446744073709551616-1', 'after=1-9223372036854775808'];
      for (const query of ['after=abc', 'after=-1', 'limit=0', 'limit=1001', 'limit=x', ...tooLarge]) {
        const res = await merchant(`/events?${query}`);
        expect(res.status, query).toBe(400);
        expect((await res.json()).error.code).toBe('validation_failed');
      }
      await expect(h.bff.events.list({ after: '18446744073709551616-1' })).rejects.toMatchObject({
        code: 'validation_failed',
      });
      // The largest cursor the database holds is read, past every event.
      expect((await merchant('/events?after=18446744073709551615-9223372036854775807')).status).toBe(200);
    });
  });

  it('is in the OpenAPI document under its own bearer scheme, without the browser headers', async () => {
    const doc = await (await h.host.request(`${MOUNT}/openapi.json`)).json();
    expect(doc.components.securitySchemes.merchantApiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.customerSession).toBeDefined();
    const create = doc.paths['/merchant/orders'].post;
    expect(create.operationId).toBe('merchantCreateOrder');
    expect(create.security).toEqual([{ merchantApiKey: [] }]);
    const headers = create.parameters.map((p: { name: string }) => p.name);
    expect(headers).toContain('Idempotency-Key');
    expect(headers).not.toContain('X-KKI-Request');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '422']));
    expect(doc.paths['/kki/cards'].get.security).toEqual([{ customerSession: [] }]);
    for (const id of [
      'merchantGetPayment',
      'merchantCreateRefund',
      'merchantChargeSavedCard',
      'merchantListEvents',
    ]) {
      expect(h.bff.routes.has(id)).toBe(true);
    }
  });
});

describe('merchant HTTP API: capture', () => {
  it('captures an authorized card payment in part, replays a retry, refuses the key with another amount', async () => {
    const h = await startCards({ merchantApi: { keys: [KEY] } });
    try {
      const { payment } = await openCardPage(h, 120_000, { paymentType: 'AUTHORIZE' });
      const paid = await payPage(h, payment.nextAction.url ?? '');
      expect(paid.result).toBe('completed');
      await h.host.request(paid.redirectUrl ?? '');
      const capture = (amount: number, key: string) =>
        h.host.request(`${ORIGIN}${MOUNT}/merchant/payments/${payment.id}/capture`, {
          method: 'POST',
          body: JSON.stringify({ amount }),
          headers: {
            authorization: `Bearer ${KEY}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
        });
      const key = `capture-${payment.id}`;
      const first = await capture(70_000, key);
      expect(first.status).toBe(200);
      const captured = (await first.json()) as PaymentView;
      expect(captured).toMatchObject({ id: payment.id, status: 'succeeded', cardPaymentType: 'AUTHORIZE' });
      const again = await capture(70_000, key);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(captured);
      const other = await capture(80_000, key);
      expect(other.status).toBe(422);
      expect((await other.json()).error.code).toBe('idempotency_key_reused');
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('merchant API configuration', () => {
  it('is not mounted without keys: /merchant answers 404', async () => {
    const h = await startKki();
    try {
      const res = await h.host.request(`${MOUNT}/merchant/orders/ord_unknown000000`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(res.status).toBe(404);
      // Served on its own (not mounted in a host app), the BFF's own not-found body.
      const own = await h.bff.app.request('/merchant/orders/ord_unknown000000', {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(own.status).toBe(404);
      expect((await own.json()).error.code).toBe('not_found');
      expect(h.bff.routes.has('merchantCreateOrder')).toBe(false);
      const doc = await (await h.host.request(`${MOUNT}/openapi.json`)).json();
      expect(doc.paths['/merchant/orders']).toBeUndefined();
    } finally {
      await h.close();
    }
  }, 60_000);

  it('refuses to start with a short, malformed or empty key list, naming the option and never the key', async () => {
    const refusal = (keys: string[]) =>
      startKki({ merchantApi: { keys } }).then(
        () => null,
        (e: unknown) => e,
      );
    const short = await refusal([KEY, 'too-short-key-1234']);
    expect(short).toBeInstanceOf(KkiBffConfigError);
    expect((short as KkiBffConfigError).problems).toEqual([
      'merchantApi.keys (KKI_MERCHANT_API_KEY): each key must be 24 to 512 characters',
    ]);
    expect((short as Error).message).not.toContain('too-short-key-1234');
    const spaced = await refusal(['a key with spaces that is long enough']);
    expect((spaced as KkiBffConfigError).problems).toEqual([
      'merchantApi.keys (KKI_MERCHANT_API_KEY): a key may hold letters, digits and - . _ ~ + / (= at the end) only',
    ]);
    const none = await refusal([]);
    expect((none as KkiBffConfigError).problems).toEqual([
      'merchantApi.keys (KKI_MERCHANT_API_KEY) must list at least one key',
    ]);
  });

  it('KKI_MERCHANT_API_KEY sets the keys, comma-separated for rotation', () => {
    const hooks = { authenticate: () => null };
    expect(optionsFromEnv({ KKI_MERCHANT_API_KEY: ` ${KEY} , ${NEXT_KEY} ` }, hooks).merchantApi).toEqual({
      keys: [KEY, NEXT_KEY],
    });
    expect(optionsFromEnv({ KKI_MERCHANT_API_KEY: ',' }, hooks).merchantApi).toEqual({ keys: [] });
    expect(optionsFromEnv({}, hooks).merchantApi).toBeUndefined();
  });
});
