// Findings of the outside test battery (issue 11, items 2, 3, 4 and 7, and the rate-limit bucket):
// one test per finding, each against a real BFF on its in-process sandbox.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { signSnapAsymmetric, snapTimestamp } from '@kki-kit/doku';
import { kkiTestCpan, SANDBOX_DOKU_PRIVATE_KEY } from '@kki-kit/doku-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKkiBff } from '../src/app.js';
import { CARD_RETURN_TOKEN_TTL_MS, createCardReturnToken } from '../src/card-payments/return-token.js';
import { KkiBffConfigError } from '../src/config.js';
import { optionsFromEnv } from '../src/config-env.js';
import type { KkiLogLine } from '../src/log.js';
import { NOTIFICATION_PATHS } from '../src/notifications/paths.js';
import { type CardsHarness, CUSTOMER, ORIGIN, openCardPage, payPage, startCards } from './cards-setup.js';
import { type KkiHarness, MOUNT, newKey, newOtt, pendingKkiPayment, startKki } from './kki-setup.js';

const staff = { 'x-test-staff': 'yes' };

async function paidCardPayment(h: CardsHarness, amount: number): Promise<string> {
  const { payment } = await openCardPage(h, amount);
  const paid = await payPage(h, payment.nextAction.url!);
  expect(paid.result).toBe('completed');
  await h.doku.sandbox!.notifier.idle();
  expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
  return payment.id;
}

describe('errors say what happened (item 4)', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('a control character in a refund reason is refused by validation (400) and changes nothing', async () => {
    const id = await paidCardPayment(h, 40_000);
    for (const reason of ['rusak\u0000', 'baris\nforged', 'bel\u0007', 'c1\u0085']) {
      const res = await h.call(`/payments/${id}/refunds`, {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ reason }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'validation_failed', field: 'reason' });
    }
    await expect(
      h.bff.merchant.refund(id, { reason: 'nul\u0000', idempotencyKey: `nul-${id}` }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
  });

  it('a control character in a card holder name or an order description is refused too', async () => {
    const res = await h.call('/kki/bindings', {
      method: 'POST',
      body: JSON.stringify({ cpan: '9360000201000019', holder: { name: 'Budi\u0000' } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'validation_failed', field: 'name' });
    await expect(
      h.bff.merchant.createOrder({ customerId: 'cust-42', amount: 1000, description: 'a\u001bb' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('an unpaired surrogate in free text, or a control character in a customer id, is refused and makes no order', async () => {
    const cases = [
      { customerId: 'cust-42', amount: 1000, description: 'half \ud83d emoji' },
      { customerId: 'cust-42', amount: 1000, lineItems: [{ name: 'tail \ude00', price: 1000, quantity: 1 }] },
      { customerId: 'cust\u0000nul', amount: 1000 },
      { customerId: 'cust\ud800', amount: 1000 },
    ];
    const before = await h.bff.store.db.query('SELECT count(*)::int AS n FROM orders');
    for (const input of cases) {
      await expect(h.bff.merchant.createOrder(input)).rejects.toMatchObject({ code: 'validation_failed' });
    }
    expect(await h.bff.store.db.query('SELECT count(*)::int AS n FROM orders')).toEqual(before);
    for (const metadata of [{ 'ref\u0000': 'x' }, { ref: 'nul\u0000' }, { ref: 'half \udc00' }] as Record<
      string,
      string
    >[]) {
      await expect(
        h.bff.merchant.createOrder({ customerId: 'cust-42', amount: 1000, metadata }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    // A whole emoji (a surrogate pair) is text like any other.
    await expect(
      h.bff.merchant.createOrder({ customerId: 'cust-42', amount: 1000, description: 'Batik 🎁' }),
    ).resolves.toMatchObject({ description: 'Batik 🎁' });
  });

  it('a customer id the kit cannot keep, answered by authenticate, is signed out (401) and logged', async () => {
    // Ids a header cannot carry: the hook maps a name to them.
    const ids: Record<string, string> = {
      nul: 'cust\u0000nul',
      half: 'cust\ud800',
      long: 'x'.repeat(65),
      gift: 'cust-🎁',
    };
    const odd = await startCards({ authenticate: (c) => ids[c.req.header('x-test-customer') ?? ''] ?? null });
    try {
      for (const customer of ['nul', 'half', 'long']) {
        const res = await odd.call('/kki/cards', { headers: { 'x-test-customer': customer } });
        expect(res.status).toBe(401);
        expect((await res.json()).error.code).toBe('unauthenticated');
      }
      const warned = odd.lines.filter((l) =>
        l.msg.startsWith('authenticate answered a customer id the kit cannot keep'),
      );
      expect(warned).toHaveLength(3);
      // The id itself stays out of the log.
      for (const id of [ids.nul, ids.half, ids.long])
        expect(JSON.stringify(warned)).not.toContain(JSON.stringify(id).slice(1, -1));
      expect((await odd.call('/kki/cards', { headers: { 'x-test-customer': 'gift' } })).status).toBe(200);
    } finally {
      await odd.close();
    }
  });

  it('a store rejection answers 500 internal_error, never a DOKU error', async () => {
    const id = await paidCardPayment(h, 35_000);
    const refunds = h.bff.store.refunds;
    const reserve = refunds.reserve;
    refunds.reserve = async () => {
      throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
    };
    try {
      const res = await h.call(`/payments/${id}/refunds`, { method: 'POST', headers: staff, body: '{}' });
      expect(res.status).toBe(500);
      expect((await res.json()).error.code).toBe('internal_error');
    } finally {
      refunds.reserve = reserve;
    }
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
  });
});

describe('staff routes cannot probe payment ids (item 7)', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('an unknown payment and an existing one the caller may not refund answer alike', async () => {
    const id = await paidCardPayment(h, 25_000);
    const unknown = 'pay_00000000000000000000';
    for (const [method, body] of [
      ['POST', '{}'],
      ['GET', undefined],
    ] as const) {
      const existing = await h.call(`/payments/${id}/refunds`, { method, ...(body && { body }) });
      const missing = await h.call(`/payments/${unknown}/refunds`, { method, ...(body && { body }) });
      expect(missing.status).toBe(existing.status);
      const [a, b] = [(await existing.json()).error, (await missing.json()).error];
      expect(b.code).toBe(a.code);
      expect(b.message).toBe(a.message);
      expect(a.code).toBe('refund_not_authorized');
    }
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
  });
});

describe('offline mode is never production by accident (item 2)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const base = {
    authenticate: () => 'c1',
    publicUrl: 'https://shop.test/api/kki',
    reconciliation: { enabled: false },
  };

  it('with NODE_ENV=production and no credentials the BFF refuses to start', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const refused = await createKkiBff(base).then(
      async (bff) => {
        await bff.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(KkiBffConfigError);
    expect((refused as KkiBffConfigError).problems.join()).toContain('NODE_ENV=production');
    // The same from the standalone server's environment variables.
    expect(() => optionsFromEnv({}, { authenticate: base.authenticate })).not.toThrow();
    await expect(
      createKkiBff({
        ...optionsFromEnv({ KKI_PUBLIC_URL: base.publicUrl }, base),
        reconciliation: { enabled: false },
      }),
    ).rejects.toBeInstanceOf(KkiBffConfigError);
  });

  it("environment 'offline' given by name starts in production, with a warning at start-up", async () => {
    vi.stubEnv('NODE_ENV', 'production');
    for (const options of [
      { ...base, environment: 'offline' },
      {
        ...optionsFromEnv({ KKI_DOKU_ENV: 'offline', KKI_PUBLIC_URL: base.publicUrl }, base),
        reconciliation: { enabled: false },
      },
    ]) {
      const lines: KkiLogLine[] = [];
      const bff = await createKkiBff({ ...options, logger: (line) => lines.push(line), logLevel: 'debug' });
      try {
        expect(bff.config.doku.environment).toBe('offline');
        const warned = lines.filter((l) => l.level === 'warn');
        expect(warned).toHaveLength(1);
        expect(warned[0]?.msg).toContain('offline');
      } finally {
        await bff.close();
      }
    }
  });

  it('outside production the offline default starts without a warning', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const lines: KkiLogLine[] = [];
    const bff = await createKkiBff({ ...base, logger: (line) => lines.push(line), logLevel: 'debug' });
    await bff.close();
    expect(bff.config.doku.environment).toBe('offline');
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});

describe('offline, notifications come from the in-process sandbox only (item 2)', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  const pendingPayment = (customer: string, serial: number) => pendingKkiPayment(h, customer, serial, 85_000);

  it('a notification signed with the published DOKU test key, sent over HTTP, is refused (403) and changes nothing', async () => {
    const payment = await pendingPayment('rina', 51);
    const path = `${MOUNT}${NOTIFICATION_PATHS.snap}`;
    const body = JSON.stringify({
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      originalReferenceNo: `REF${payment.partnerReferenceNo.slice(-10)}`,
      amount: { value: '85000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    const timestamp = snapTimestamp(new Date());
    const signature = await signSnapAsymmetric({
      method: 'POST',
      path,
      body,
      timestamp,
      privateKeyPem: SANDBOX_DOKU_PRIVATE_KEY,
    });
    const headers = {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signature,
      'x-external-id': `${Date.now()}51`,
      // Whatever a network client adds, it cannot pass for the in-process sandbox.
      'x-kki-in-process': '1',
    };
    for (const target of [
      path,
      `${MOUNT}${NOTIFICATION_PATHS.nonSnap}`,
      `${MOUNT}${NOTIFICATION_PATHS.snapToken}`,
    ]) {
      const res = await h.host.request(`https://shop.test${target}`, { method: 'POST', body, headers });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('pending');
    const inbox = await h.bff.store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notification_inbox',
    );
    const before = inbox[0]?.n;
    // The sandbox's own delivery, in-process, still settles payments.
    await h.control(`/kki/payments/${payment.partnerReferenceNo}/approve`, {});
    await h.idle();
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('succeeded');
    const after = await h.bff.store.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notification_inbox',
    );
    expect(after[0]?.n).toBeGreaterThan(before ?? 0);
  });
});

describe('the card return route (item 3)', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    // A customer exists only with a session header: a request without one is session-less.
    h = await startCards({ authenticate: (c) => c.req.header('x-test-customer') ?? null });
  }, 60_000);
  afterAll(() => h.close());

  const returnPath = (paymentId: string, query = '') =>
    `${ORIGIN}${MOUNT}/cards/payments/${paymentId}/return${query}`;
  const session = { headers: { 'x-test-customer': CUSTOMER } };

  async function openPage(amount: number) {
    const order = await h.bff.merchant.createOrder({
      customerId: CUSTOMER,
      amount,
      metadata: { email: 'budi@example.com' },
    });
    const res = await h.call('/cards/payments', {
      method: 'POST',
      body: JSON.stringify({ orderId: order.id }),
      ...session,
    });
    const payment = (await res.json()) as { id: string; status: string; nextAction: { url?: string } };
    expect(payment.status).toBe('pending');
    return payment;
  }

  it('answers 404 without a session or a valid token, whatever the id', async () => {
    const payment = await openPage(61_000);
    const secret = h.bff.config.doku.secretKey;
    const other = await openPage(62_000);
    const expired = await createCardReturnToken(
      secret,
      payment.id,
      Date.now() - CARD_RETURN_TOKEN_TTL_MS - 1,
    );
    const forged = await createCardReturnToken('SK-not-the-bff-secret-0000', payment.id);
    const otherPayments = await createCardReturnToken(secret, other.id);
    for (const query of [
      '',
      '?result=success',
      `?token=${expired}`,
      `?token=${forged}`,
      `?token=${otherPayments}`,
    ]) {
      const res = await h.host.request(returnPath(payment.id, query));
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    // Another customer's session is no better than none.
    const stranger = await h.host.request(returnPath(payment.id), {
      headers: { 'x-test-customer': 'cust-other' },
    });
    expect(stranger.status).toBe(404);
    expect((await h.host.request(returnPath(payment.id), session)).status).toBe(200);
  });

  it("the token in DOKU's redirect opens the page once, without a session", async () => {
    const payment = await openPage(63_000);
    const paid = await payPage(h, payment.nextAction.url!);
    expect(paid.result).toBe('completed');
    const redirect = new URL(paid.redirectUrl!);
    expect(redirect.searchParams.get('token')).toMatch(/^\d+\.[\w-]+\.[\w-]+$/);
    const first = await h.host.request(redirect.href);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('"status":"succeeded"');
    const replay = await h.host.request(redirect.href);
    expect(replay.status).toBe(404);
  });

  it('hits on the return route share the getPayment refresh throttle: one DOKU status call', async () => {
    const payment = await openPage(64_000);
    const status = vi.spyOn(h.bff.doku.client, 'orderStatus');
    try {
      const parallel = await Promise.all(
        Array.from({ length: 15 }, () => h.host.request(returnPath(payment.id), session)),
      );
      expect(parallel.every((r) => r.status === 200)).toBe(true);
      for (let i = 0; i < 15; i += 1) {
        expect((await h.host.request(returnPath(payment.id), session)).status).toBe(200);
      }
      const poll = await h.call(`/payments/${payment.id}?refresh=true`, session);
      expect((await poll.json()).status).toBe('pending');
      expect(status).toHaveBeenCalledTimes(1);
    } finally {
      status.mockRestore();
    }
  });
});

describe('a request without a session gets no fresh rate-limit bucket', () => {
  const rateLimits = { payment: { max: 5, windowMs: 60_000, maxPerAddress: 3 } };
  // A payment attempt as a brand-new customer each time (a caller that drops its cookie gets a new
  // session); the order is unknown, so an attempt that passes the limit answers 404.
  const attempt = (send: (init: RequestInit) => Promise<Response>, customer: string, forwardedFor?: string) =>
    send({
      method: 'POST',
      body: JSON.stringify({
        orderId: 'ord_unknown000000',
        source: { type: 'card', cpan: kkiTestCpan('bri'), ott: newOtt() },
      }),
      headers: {
        'x-test-customer': customer,
        origin: 'https://shop.test',
        'x-kki-request': '1',
        'content-type': 'application/json',
        'idempotency-key': newKey(),
        ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
      },
    });

  it('over a real socket, fresh customers from one address share its limit', async () => {
    const h = await startKki({ rateLimits });
    const server = serve({ fetch: h.host.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) =>
        server.listening ? resolve() : server.once('listening', resolve),
      );
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}/kki/payments`;
      const send = (init: RequestInit) => fetch(url, init);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await attempt(send, `fresh-${i}-${newKey()}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.close();
    }
  });

  it('behind trusted proxies the address is the one they saw; a forged X-Forwarded-For entry changes nothing', async () => {
    const h = await startKki({ rateLimits, trustProxy: 1 });
    try {
      const send = async (init: RequestInit) => h.host.request(`${MOUNT}/kki/payments`, init);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push((await attempt(send, `proxied-${i}-${newKey()}`, `10.9.8.${i}, 203.0.113.7`)).status);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      // Another address behind the same proxy has its own count.
      expect((await attempt(send, `proxied-other-${newKey()}`, '203.0.113.8')).status).toBe(404);
    } finally {
      await h.close();
    }
  });
});
