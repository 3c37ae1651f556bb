// A KKI payment DOKU may hold is never recorded as failed on an answer that says nothing of it: a
// refusal of a later send after a lost answer, or a 404 from the status API that is not DOKU's
// "Transaction Not Found" (a gateway's page, another refusal), nor on that very answer while the
// create call may still be on its way to DOKU. The customer would pay again. The answer to the
// browser says the outcome is unknown (`error.outcomeUnknown`). Likewise a refund whose answer was
// lost is never released on a refusal of its repeat unless DOKU's refund list says it was not made.
import { SNAP_PATHS } from '@kki-kit/doku';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KkiBff } from '../src/app.js';
import { createKkiPaymentService } from '../src/kki-payments/service.js';
import { type KkiHarness, MOUNT, newKey, newOtt, ORIGIN, startKki, startKkiOverDoku } from './kki-setup.js';

let h: KkiHarness;
let bff: KkiBff;
let host: Awaited<ReturnType<typeof startKkiOverDoku>>['host'];
/** Stands in for DOKU's answer to the next sends to a path, in order; the sandbox answers the rest. */
const scripted = new Map<string, ((req: Request) => Promise<Response>)[]>();

beforeAll(async () => {
  h = await startKki();
  const sandbox = h.sandbox;
  ({ bff, host } = await startKkiOverDoku(async (input, init) => {
    const req = new Request(input, init);
    const next = scripted.get(new URL(req.url).pathname)?.shift();
    return next ? next(req) : sandbox.app.fetch(req);
  }));
}, 30_000);

afterAll(async () => {
  scripted.clear();
  await bff?.close();
  await h?.close();
});

const headers = (customer: string, key?: string) => ({
  'x-test-customer': customer,
  origin: ORIGIN,
  'x-kki-request': '1',
  'content-type': 'application/json',
  ...(key && { 'idempotency-key': key }),
});
const invalidToken = async () =>
  Response.json({ responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' }, { status: 401 });

async function pay(customer: string, serial: number) {
  const order = await bff.merchant.createOrder({ customerId: customer, amount: 80_000 });
  const res = await host.request(`${MOUNT}/kki/payments`, {
    method: 'POST',
    body: JSON.stringify({
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt() },
    }),
    headers: headers(customer, newKey()),
  });
  const [payment] = await bff.store.payments.list({ orderId: order.id });
  return { res, payment };
}

describe('a refusal after a send DOKU may have acted on', () => {
  it('leaves the payment DOKU holds open, not failed', async () => {
    // Token refused, then DOKU takes the payment but the answer is lost, then the token again.
    scripted.set(SNAP_PATHS.payment, [
      invalidToken,
      async (req) => {
        await h.sandbox.app.fetch(req);
        throw new TypeError('fetch failed: socket hang up');
      },
      invalidToken,
    ]);
    const { res, payment } = await pay('pia', 31);
    expect(scripted.get(SNAP_PATHS.payment)).toEqual([]);
    expect(res.status).toBeGreaterThanOrEqual(500);
    // The browser is told the payment may exist: it asks again with the same key, never "failed".
    expect(((await res.json()) as { error: { outcomeUnknown?: boolean } }).error.outcomeUnknown).toBe(true);
    expect(
      h.ledger().payments.filter((p) => p.partnerReferenceNo === payment?.partnerReferenceNo),
    ).toHaveLength(1);
    expect(payment?.status).not.toBe('failed');
  });
});

describe('a 404 from the status API that is not DOKU’s "Transaction Not Found"', () => {
  const cases: [string, () => Promise<Response>][] = [
    ['a gateway page', async () => new Response('<html>404 Not Found</html>', { status: 404 })],
    [
      'SNAP 404 Invalid Merchant (case 08)',
      async () =>
        Response.json({ responseCode: '4045508', responseMessage: 'Invalid Merchant' }, { status: 404 }),
    ],
  ];
  let serial = 40;
  for (const [name, answer] of cases) {
    it(`${name} leaves the live payment pending`, async () => {
      const customer = `live-${serial}`;
      const { res, payment } = await pay(customer, serial++);
      expect(res.status).toBe(201);
      scripted.set(SNAP_PATHS.status, [answer]);
      await host.request(`${MOUNT}/payments/${payment?.id}?refresh=true`, { headers: headers(customer) });
      expect(scripted.get(SNAP_PATHS.status)).toEqual([]);
      expect((await bff.store.payments.get(payment?.id ?? ''))?.status).toBe('pending');
    });
  }
});

describe('a KKI refund DOKU says is still in progress', () => {
  it('is pending even when the in-progress code comes with HTTP 200', async () => {
    const customer = 'refund-200';
    const { res, payment } = await pay(customer, 60);
    expect(res.status).toBe(201);
    if (!payment) throw new Error('payment missing');
    await bff.store.payments.transition(payment.id, 'succeeded', { source: 'reconciliation' });
    // DOKU (or a proxy before it) answers 200 with SNAP's "Request In Progress" code.
    scripted.set(SNAP_PATHS.refund, [
      async () =>
        Response.json({ responseCode: '2025800', responseMessage: 'Request In Progress' }, { status: 200 }),
    ]);
    const refund = await bff.merchant.refund(payment.id, { idempotencyKey: `refund-200-${payment.id}` });
    expect(scripted.get(SNAP_PATHS.refund)).toEqual([]);
    // Not counted as given back until DOKU says so: the refund stays pending, the payment paid.
    expect(refund.status).toBe('pending');
    expect(await bff.merchant.getPayment(payment.id)).toMatchObject({
      status: 'succeeded',
      refundedAmount: 0,
    });
  });
});

const transactionNotFound = async () =>
  Response.json({ responseCode: '4045501', responseMessage: 'Transaction Not Found' }, { status: 404 });

/** DOKU's next payment call waits until the returned function is called, then the sandbox answers it. */
function slowDokuPayment(): () => void {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  scripted.set(SNAP_PATHS.payment, [
    async (req) => {
      await gate;
      return h.sandbox.app.fetch(req);
    },
  ]);
  return release;
}

describe('DOKU\u2019s "Transaction Not Found" for a payment still being created', () => {
  it('while the create call is on its way, leaves the payment open for the answer DOKU then gives', async () => {
    const customer = 'in-flight';
    // DOKU takes its time with the payment; meanwhile another tab reads the payment with refresh.
    const release = slowDokuPayment();
    const order = await bff.merchant.createOrder({ customerId: customer, amount: 80_000 });
    const created = host.request(`${MOUNT}/kki/payments`, {
      method: 'POST',
      body: JSON.stringify({
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 70), ott: newOtt() },
      }),
      headers: headers(customer, newKey()),
    });
    let attempt = (await bff.store.payments.list({ orderId: order.id }))[0];
    while (!attempt) {
      await new Promise((r) => setTimeout(r, 5));
      attempt = (await bff.store.payments.list({ orderId: order.id }))[0];
    }
    scripted.set(SNAP_PATHS.status, [transactionNotFound]);
    await host.request(`${MOUNT}/payments/${attempt.id}?refresh=true`, { headers: headers(customer) });
    expect(scripted.get(SNAP_PATHS.status)).toEqual([]);
    expect((await bff.store.payments.get(attempt.id))?.status).toBe('created');
    release();
    const res = await created;
    expect(res.status).toBe(201);
    // DOKU's answer is kept: the customer gets the issuer app's link.
    const after = await bff.store.payments.get(attempt.id);
    expect(after).toMatchObject({ status: 'pending', nextAction: { type: 'issuer_app' } });
  });

  it('counts from the latest send: a retry that sent an old payment\u2019s call again waits for its answer', async () => {
    const customer = 'resent';
    const key = newKey();
    const order = await bff.merchant.createOrder({ customerId: customer, amount: 80_000 });
    const send = () =>
      host.request(`${MOUNT}/kki/payments`, {
        method: 'POST',
        body: JSON.stringify({
          orderId: order.id,
          source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 72), ott: 'OTT72RESENT' },
        }),
        headers: headers(customer, key),
      });
    // The first attempt never reaches DOKU.
    const unreachable = async (): Promise<Response> => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    };
    scripted.set(SNAP_PATHS.payment, [unreachable, unreachable, unreachable, unreachable, unreachable]);
    expect((await send()).status).toBeGreaterThanOrEqual(500);
    scripted.delete(SNAP_PATHS.payment);
    const [first] = await bff.store.payments.list({ orderId: order.id });
    expect(first?.status).toBe('created');
    // Long past the OTT lifetime counted from the payment's creation, the same key is sent again,
    // and DOKU is slow to record it.
    await bff.store.db.query(`UPDATE payments SET created_at = now() - interval '1 hour' WHERE id = $1`, [
      first!.id,
    ]);
    const release = slowDokuPayment();
    const retried = send();
    // The resent call is on its way once the stand-in for DOKU took it.
    while ((scripted.get(SNAP_PATHS.payment)?.length ?? 0) > 0) await new Promise((r) => setTimeout(r, 5));
    // Meanwhile a status check meets DOKU's "not found": the payment stays open for the resent call.
    scripted.set(SNAP_PATHS.status, [transactionNotFound]);
    await host.request(`${MOUNT}/payments/${first!.id}?refresh=true`, { headers: headers(customer) });
    expect(scripted.get(SNAP_PATHS.status)).toEqual([]);
    expect((await bff.store.payments.get(first!.id))?.status).toBe('created');
    release();
    expect((await retried).status).toBe(201);
    expect(await bff.store.payments.get(first!.id)).toMatchObject({
      status: 'pending',
      nextAction: { type: 'issuer_app' },
    });
  });

  it('once the OTT it carried has run out, is the payment\u2019s end: failed', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'long-gone', amount: 80_000 });
    const payment = await bff.store.payments.create({
      orderId: order.id,
      customerId: 'long-gone',
      method: 'kki',
      kkiKind: 'single',
      partnerReferenceNo: '100000000000000000000000071',
      externalId: '100000000000000000000000071',
    });
    // An instance whose OTT lifetime is already over for this payment.
    const { config, store, log } = bff;
    const service = createKkiPaymentService({ config, store, log, doku: bff.doku.client, ottLifetimeMs: 0 });
    scripted.set(SNAP_PATHS.status, [transactionNotFound]);
    const after = await service.refresh(payment);
    expect(scripted.get(SNAP_PATHS.status)).toEqual([]);
    expect(after.status).toBe('failed');
  });
});

describe('a KKI refund whose answer was lost, refused when it is sent again', () => {
  const lost = async (): Promise<Response> => {
    throw new TypeError('fetch failed: socket hang up');
  };
  const refused = async () =>
    Response.json({ responseCode: '4035805', responseMessage: 'Do Not Honor' }, { status: 403 });
  /** DOKU's status answer with its refund list replaced (`undefined`: no list at all). */
  const statusWith =
    (refundHistory: (partnerRefundNo: string) => unknown[] | undefined, refundNo: string) =>
    async (req: Request) => {
      const res = await h.sandbox.app.fetch(req);
      const body = (await res.json()) as Record<string, unknown>;
      const list = refundHistory(refundNo);
      if (list === undefined) delete body.refundHistory;
      else body.refundHistory = list;
      return Response.json(body, { status: res.status });
    };

  /** A paid payment with a 30 000 refund whose every answer was lost: pending, its key `key`. */
  async function lostRefund(customer: string, serial: number) {
    const { payment } = await pay(customer, serial);
    if (!payment) throw new Error('payment missing');
    await bff.store.payments.transition(payment.id, 'succeeded', { source: 'reconciliation' });
    const key = `lost-refund-${payment.id}`;
    scripted.set(SNAP_PATHS.refund, [lost, lost, lost, lost, lost]);
    await expect(
      bff.merchant.refund(payment.id, { amount: 30_000, idempotencyKey: key }),
    ).rejects.toMatchObject({
      outcomeUnknown: true,
    });
    scripted.delete(SNAP_PATHS.refund);
    const [refund] = await bff.store.refunds.listByPayment(payment.id);
    expect(refund?.status).toBe('pending');
    return { payment, key, refund: refund! };
  }

  it('is settled succeeded when DOKU’s refund list shows it made, never released for a second refund', async () => {
    const { payment, key, refund } = await lostRefund('refund-lost-made', 61);
    scripted.set(SNAP_PATHS.refund, [refused]);
    scripted.set(SNAP_PATHS.status, [
      statusWith((no) => [{ partnerRefundNo: no, refundStatus: '00' }], refund.partnerRefundNo),
    ]);
    const again = await bff.merchant.refund(payment.id, { amount: 30_000, idempotencyKey: key });
    expect(scripted.get(SNAP_PATHS.status)).toEqual([]);
    expect(again.status).toBe('succeeded');
    expect(await bff.merchant.getPayment(payment.id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 30_000,
      refundableAmount: 50_000,
    });
    expect(await bff.store.refunds.remaining(payment.id)).toBe(50_000);
  });

  it('stays pending, its amount reserved, while DOKU’s status gives no refund list', async () => {
    const { payment, key, refund } = await lostRefund('refund-lost-unsure', 62);
    scripted.set(SNAP_PATHS.refund, [refused]);
    scripted.set(SNAP_PATHS.status, [statusWith(() => undefined, refund.partnerRefundNo)]);
    const again = await bff.merchant.refund(payment.id, { amount: 30_000, idempotencyKey: key });
    expect(again.status).toBe('pending');
    expect(await bff.store.refunds.remaining(payment.id)).toBe(50_000);
  });

  it('is settled failed, its amount released, when DOKU’s refund list does not have it', async () => {
    const { payment, key, refund } = await lostRefund('refund-lost-never', 63);
    scripted.set(SNAP_PATHS.refund, [refused]);
    scripted.set(SNAP_PATHS.status, [statusWith(() => [], refund.partnerRefundNo)]);
    await expect(
      bff.merchant.refund(payment.id, { amount: 30_000, idempotencyKey: key }),
    ).rejects.toMatchObject({ outcomeUnknown: false });
    expect((await bff.store.refunds.get(refund.id))?.status).toBe('failed');
    expect(await bff.store.refunds.remaining(payment.id)).toBe(80_000);
  });
});
