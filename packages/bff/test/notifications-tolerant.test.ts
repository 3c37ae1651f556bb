// A notification DOKU signed is DOKU's word even when its body has a shape the schemas do not know:
// it is kept in the inbox, acknowledged (DOKU would retry a 4xx and give up), and the payment it
// names is settled through DOKU's status API at once instead of waiting for reconciliation.
import { signSnapAsymmetric, snapTimestamp } from '@kki-kit/doku';
import {
  createSandbox,
  kkiTestCpan,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  type Sandbox,
  SANDBOX_DOKU_PRIVATE_KEY,
} from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { errorFromResponseCode } from '../src/services/doku-outcome.js';
import { MOUNT, newKey, newOtt, ORIGIN } from './kki-setup.js';

const PATH = `${MOUNT}/notifications/kki`;

describe('a verified SNAP notification of an unexpected shape', () => {
  // The sandbox has no notification URL: the only notifications the BFF sees are this test's.
  let sandbox: Sandbox;
  let bff: KkiBff;
  let host: Hono;

  beforeAll(async () => {
    sandbox = createSandbox();
    bff = await createKkiBff({
      environment: 'http://doku.sandbox.test',
      publicUrl: `${ORIGIN}${MOUNT}`,
      kki: { integration: 'h2h', pciDss: true },
      dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
      authenticate: (c) => c.req.header('x-test-customer') ?? null,
      logger: () => {},
      reconciliation: { enabled: false },
      fetch: async (input, init) => sandbox.app.fetch(new Request(input, init)),
    });
    host = new Hono();
    host.route(MOUNT, bff.app);
  }, 60_000);
  afterAll(async () => {
    await bff.close();
    await sandbox.close();
  });

  async function pendingPayment(customer: string, serial: number, saveCard = false) {
    const order = await bff.merchant.createOrder({ customerId: customer, amount: 80_000 });
    const res = await host.request(`${MOUNT}/kki/payments`, {
      method: 'POST',
      body: JSON.stringify({
        orderId: order.id,
        source: {
          type: 'card',
          cpan: kkiTestCpan('bri', undefined, serial),
          ott: newOtt(),
          ...(saveCard && { saveCard: true }),
        },
      }),
      headers: {
        'x-test-customer': customer,
        origin: ORIGIN,
        'x-kki-request': '1',
        'content-type': 'application/json',
        'idempotency-key': newKey(),
      },
    });
    expect(res.status).toBe(201);
    const payment = await bff.store.payments.get(((await res.json()) as { id: string }).id);
    if (!payment) throw new Error('payment missing');
    expect(payment.status).toBe('pending');
    return payment;
  }

  async function post(body: unknown, privateKeyPem = SANDBOX_DOKU_PRIVATE_KEY) {
    const text = JSON.stringify(body);
    const timestamp = snapTimestamp(new Date());
    const signature = await signSnapAsymmetric({
      method: 'POST',
      path: PATH,
      body: text,
      timestamp,
      privateKeyPem,
    });
    return host.request(PATH, {
      method: 'POST',
      body: text,
      headers: {
        'content-type': 'application/json',
        'x-timestamp': timestamp,
        'x-signature': signature,
        'x-external-id': `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      },
    });
  }

  /** A body no notification schema accepts, naming the payment only by `partnerReferenceNo`. */
  const oddShape = (reference: string) => ({
    partnerReferenceNo: reference,
    transaction: { state: 'SETTLED', amount: 80_000 },
    additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
  });

  it('is stored, answered 2xx, and its payment settles through the status API', async () => {
    const payment = await pendingPayment('tia', 41);
    expect(sandbox.kki.approve(payment.partnerReferenceNo)).toBe('succeeded');
    const before = (await bff.store.inbox.listReceived('snap')).length;

    const res = await post(oddShape(payment.partnerReferenceNo));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responseCode: '2005600' });
    const settled = await bff.store.payments.get(payment.id);
    expect(settled?.status).toBe('succeeded');
    expect(settled?.lastCheckedAt).not.toBeNull();
    // Kept and finished (applied to the payment), not left for a replay.
    expect((await bff.store.inbox.listReceived('snap')).length).toBe(before);
    const rows = await bff.store.db.query(
      `SELECT status, subject_id FROM notification_inbox WHERE payload->>'partnerReferenceNo' = $1`,
      [payment.partnerReferenceNo],
    );
    expect(rows).toEqual([{ status: 'applied', subject_id: payment.id }]);
  });

  it('a declined payment named only in additionalInfo reaches failed the same way', async () => {
    const payment = await pendingPayment('uma', 42);
    expect(sandbox.kki.decline(payment.partnerReferenceNo)).toBe('failed');
    const res = await post({
      event: 'payment',
      additionalInfo: { originalPartnerReferenceNo: payment.partnerReferenceNo },
    });
    expect(res.status).toBe(200);
    expect((await bff.store.payments.get(payment.id))?.status).toBe('failed');
  });

  it('is still refused unsigned or wrongly signed, changing nothing', async () => {
    const payment = await pendingPayment('vic', 43);
    expect(sandbox.kki.approve(payment.partnerReferenceNo)).toBe('succeeded');
    const forged = await post(oddShape(payment.partnerReferenceNo), SANDBOX_MERCHANT_PRIVATE_KEY);
    expect(forged.status).toBe(401);
    const unsigned = await host.request(PATH, {
      method: 'POST',
      body: JSON.stringify(oddShape(payment.partnerReferenceNo)),
      headers: { 'content-type': 'application/json', 'x-timestamp': snapTimestamp(new Date()) },
    });
    expect(unsigned.status).toBe(401);
    const after = await bff.store.payments.get(payment.id);
    expect(after?.status).toBe('pending');
    expect(after?.lastCheckedAt ?? null).toBeNull();
  });

  // BANK_CARD_TOKEN_AT_TOP_LEVEL is a guess: a bind-and-pay's token is read in either place.
  for (const place of ['top level', 'additionalInfo'] as const) {
    it(`a bind-and-pay notification saves the card with bankCardToken at the ${place}`, async () => {
      const customer = place === 'top level' ? 'wen' : 'xia';
      const payment = await pendingPayment(customer, place === 'top level' ? 44 : 45, true);
      const token = `TOK${payment.partnerReferenceNo.replace(/\W/g, '')}`.slice(0, 40);
      const res = await post({
        originalPartnerReferenceNo: payment.partnerReferenceNo,
        originalReferenceNo: `REF${payment.partnerReferenceNo.slice(-10)}`,
        amount: { value: '80000.00', currency: 'IDR' },
        latestTransactionStatus: '00',
        ...(place === 'top level' && { bankCardToken: token }),
        additionalInfo: {
          channelId: 'KARTU_KREDIT_INDONESIA',
          ...(place === 'additionalInfo' && { bankCardToken: token }),
        },
      });
      expect(res.status).toBe(200);
      expect((await bff.store.payments.get(payment.id))?.status).toBe('succeeded');
      const saved = await bff.store.savedCards.findByToken(token);
      expect(saved?.customerId).toBe(customer);
    });
  }

  it('a documented failure notification (no outcome code) takes its reason from the status API', async () => {
    const payment = await pendingPayment('yun', 46);
    expect(sandbox.kki.decline(payment.partnerReferenceNo)).toBe('failed');
    const res = await post({
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      originalReferenceNo: `REF${payment.partnerReferenceNo.slice(-10)}`,
      amount: { value: '80000.00', currency: 'IDR' },
      latestTransactionStatus: '06',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(res.status).toBe(200);
    const failed = await bff.store.payments.get(payment.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastCheckedAt).not.toBeNull();
    // Do Not Honor (4035405), which only the status answer named, not the generic failure.
    expect(failed?.error?.code).toBe(errorFromResponseCode('4035405').code);
    expect(failed?.error?.code).not.toBe(errorFromResponseCode(undefined).code);
  });
  it('keeps only the references of an odd body (no card data, no NUL), and leaves a settled payment unchecked', async () => {
    const payment = await pendingPayment('vera', 43);
    expect(sandbox.kki.approve(payment.partnerReferenceNo)).toBe('succeeded');
    expect((await post(oddShape(payment.partnerReferenceNo))).status).toBe(200);
    const settled = await bff.store.payments.get(payment.id);
    expect(settled?.status).toBe('succeeded');

    const cpan = kkiTestCpan('bri', undefined, 44);
    const res = await post({
      ...oddShape(payment.partnerReferenceNo),
      originalReferenceNo: 'bad\u0000ref',
      cardData: { cpan, note: 'x\u0000y' },
    });
    expect(res.status).toBe(200);
    // DOKU's status API is not asked again about a payment that already settled.
    expect((await bff.store.payments.get(payment.id))?.lastCheckedAt).toEqual(settled?.lastCheckedAt);
    const rows = await bff.store.db.query(
      `SELECT payload FROM notification_inbox WHERE payload->>'partnerReferenceNo' = $1`,
      [payment.partnerReferenceNo],
    );
    for (const row of rows) {
      expect(row.payload).toEqual({ unknownShape: true, partnerReferenceNo: payment.partnerReferenceNo });
      expect(JSON.stringify(row.payload)).not.toContain(cpan);
    }
    expect(rows.length).toBe(2);
  });
});
