// One charge per order, by construction: an order has at most one open payment attempt (enforced
// under the order's row lock, so it holds across instances on one database); a cancelled attempt the
// issuer approves late, or a second success on a paid order, is refunded at DOKU automatically; and
// the sandbox's ledger (DOKU's truth) shows exactly one kept charge per order.
import type { ApiErrorBody, PaymentView } from '@kki-kit/contract';
import { kkiTestCpan, type SandboxLedger } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KkiBff } from '../src/app.js';
import { KkiHttpError } from '../src/errors.js';
import { PAYMENT_RECHECK_UNTIL_FACT, type Store } from '../src/store/index.js';
import {
  type KkiHarness,
  MOUNT,
  newKey,
  newOtt,
  ORIGIN,
  startKki,
  startTwoBffs,
  type TwoBffs,
} from './kki-setup.js';

/** The part of the sandbox's Cards ledger read here. */
interface CardsLedgerOrders {
  orders: { invoiceNumber: string; status: string; amount: number; refundedAmount: number }[];
}

/**
 * Charges DOKU kept for the given payment references (KKI `partnerReferenceNo`, Cards
 * `invoice_number`): a success whose refunds do not add up to its amount.
 */
function keptCharges(ledger: SandboxLedger, refs: readonly string[]): string[] {
  const kki = ledger.payments
    .filter((p) => refs.includes(p.partnerReferenceNo))
    .filter((p) => p.status === 'SUCCESS' && p.refundedAmount < p.amount)
    .map((p) => p.partnerReferenceNo);
  const cards = (ledger.cards as CardsLedgerOrders).orders
    .filter((o) => refs.includes(o.invoiceNumber))
    .filter((o) => o.status === 'SUCCESS' && o.refundedAmount < o.amount)
    .map((o) => o.invoiceNumber);
  return [...kki, ...cards];
}

const kkiBody = (orderId: string, n: number) => ({
  orderId,
  source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 40 + (n % 20)), ott: newOtt() },
});

describe('one charge per order (one instance)', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  const order = (customer: string, amount = 85_000) =>
    h.bff.merchant.createOrder({ customerId: customer, amount, metadata: { email: 'budi@example.com' } });
  const payKki = async (customer: string, orderId: string, key = newKey(), n = 0) => {
    const res = await h.call(customer, '/kki/payments', { method: 'POST', key, json: kkiBody(orderId, n) });
    return { res, body: (await res.json()) as PaymentView & ApiErrorBody };
  };
  const openCardPage = async (customer: string, orderId: string, paymentType = 'SALE') => {
    const res = await h.call(customer, '/cards/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId, paymentType },
    });
    return { res, body: (await res.json()) as PaymentView & ApiErrorBody };
  };
  const cancel = (customer: string, paymentId: string) =>
    h.call(customer, `/payments/${paymentId}/cancel`, { method: 'POST', key: newKey() });
  const refOf = async (paymentId: string) =>
    (await h.bff.store.payments.get(paymentId))?.partnerReferenceNo ?? '';
  const refsOf = async (orderId: string) =>
    (await h.bff.store.payments.list({ orderId })).map((p) => p.partnerReferenceNo);
  async function approveKki(paymentId: string) {
    const res = await h.control(`/kki/payments/${await refOf(paymentId)}/approve`, {});
    expect(res.status).toBe(200);
    await h.idle();
  }
  async function payCardPage(url: string) {
    const requestId = new URL(url).searchParams.get('requestId');
    const res = await h.control(`/cards/pages/${requestId}/pay`, {
      card_number: '4111111111111111',
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(((await res.json()) as { result: string }).result).toBe('completed');
    await h.idle();
  }
  const status = async (paymentId: string) => (await h.bff.store.payments.get(paymentId))?.status;

  it('8 parallel attempts with different keys: one 201, the others 409 order_payment_open pointing at it', async () => {
    const o = await order('ana');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => payKki('ana', o.id, newKey(), n)));
    const created = answers.filter((a) => a.res.status === 201);
    expect(created).toHaveLength(1);
    const open = created[0]!.body;
    const openRef = await refOf(open.id);
    const refused = answers.filter((a) => a.res.status === 409);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.body.error).toMatchObject({
        code: 'order_payment_open',
        details: { paymentId: open.id, method: 'kki' },
      });
    }
    // Only the one attempt reached the store and DOKU; approved, it is the order's one kept charge.
    expect(await refsOf(o.id)).toHaveLength(1);
    expect(h.ledger().payments.filter((p) => p.partnerReferenceNo === openRef)).toHaveLength(1);
    await approveKki(open.id);
    expect((await h.bff.store.orders.get(o.id))?.paidPaymentId).toBe(open.id);
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([openRef]);
  });

  it('a retry with the key of the open attempt replays its 201; a new key is refused', async () => {
    const o = await order('bea');
    const key = newKey();
    const json = kkiBody(o.id, 0);
    const first = await h.call('bea', '/kki/payments', { method: 'POST', key, json });
    expect(first.status).toBe(201);
    const open = (await first.json()) as PaymentView;
    const replay = await h.call('bea', '/kki/payments', { method: 'POST', key, json });
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as PaymentView).id).toBe(open.id);
    const again = await payKki('bea', o.id, newKey());
    expect(again.res.status).toBe(409);
    expect(again.body.error.details).toEqual({ paymentId: open.id, method: 'kki' });
    // The refusal is that key's answer: replayed as it was.
    expect(again.body.error.code).toBe('order_payment_open');
  });

  it('the card page is refused while a KKI attempt is open, and the other way round', async () => {
    const o = await order('cai');
    const kki = await payKki('cai', o.id);
    expect(kki.res.status).toBe(201);
    const page = await openCardPage('cai', o.id);
    expect(page.res.status).toBe(409);
    expect(page.body.error).toMatchObject({
      code: 'order_payment_open',
      details: { paymentId: kki.body.id, method: 'kki' },
    });
    // Cancelling is how the customer switches method.
    expect((await cancel('cai', kki.body.id)).status).toBe(200);
    const page2 = await openCardPage('cai', o.id);
    expect(page2.res.status).toBe(201);
    const kki2 = await payKki('cai', o.id);
    expect(kki2.res.status).toBe(409);
    expect(kki2.body.error.details).toEqual({ paymentId: page2.body.id, method: 'card' });
  });

  it('the merchant charge of a saved card is refused while the customer has an attempt open', async () => {
    // A saved KKI card for the customer (bind-and-pay on a first order).
    const first = await order('dan');
    const bind = await h.call('dan', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: {
        orderId: first.id,
        source: { type: 'card', cpan: kkiTestCpan('mandiri', undefined, 7), ott: newOtt(), saveCard: true },
      },
    });
    await approveKki(((await bind.json()) as PaymentView).id);
    const card = (await h.bff.store.savedCards.listForCustomer('dan'))[0];
    expect(card).toBeDefined();
    const o = await order('dan');
    const open = await payKki('dan', o.id);
    expect(open.res.status).toBe(201);
    const charge = h.bff.merchant.chargeSavedCard({
      orderId: o.id,
      cardId: card!.id,
      idempotencyKey: newKey(),
    });
    await expect(charge).rejects.toBeInstanceOf(KkiHttpError);
    await expect(charge).rejects.toMatchObject({
      code: 'order_payment_open',
      details: { paymentId: open.body.id, method: 'kki' },
    });
  });

  it('a cancelled KKI attempt the issuer approves late is refunded; the attempt made instead is kept', async () => {
    const o = await order('eli');
    const a = await payKki('eli', o.id);
    expect((await cancel('eli', a.body.id)).status).toBe(200);
    expect(await status(a.body.id)).toBe('cancelled');
    const b = await payKki('eli', o.id);
    expect(b.res.status).toBe(201);
    await approveKki(b.body.id);
    // The shopper approves the old issuer-app page afterwards: DOKU takes the money.
    await approveKki(a.body.id);
    expect(await status(a.body.id)).toBe('refunded');
    expect(await status(b.body.id)).toBe('succeeded');
    expect((await h.bff.store.orders.get(o.id))?.paidPaymentId).toBe(b.body.id);
    const extra = await h.bff.store.extraCharges.get(a.body.id);
    expect(extra).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunded',
      keptPaymentId: b.body.id,
    });
    const events = await h.bff.store.payments.events(a.body.id);
    expect(events.find((e) => e.toStatus === 'succeeded')?.detail.extraCharge).toBe('cancelled_attempt');
    expect(h.lines.some((l) => l.msg === 'extra charge refunded' && l.paymentId === a.body.id)).toBe(true);
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([await refOf(b.body.id)]);
  });

  it('a cancelled attempt approved late while the order is still unpaid is refunded, the order stays open', async () => {
    const o = await order('fay');
    const a = await payKki('fay', o.id);
    await cancel('fay', a.body.id);
    await approveKki(a.body.id);
    expect(await status(a.body.id)).toBe('refunded');
    expect((await h.bff.store.orders.get(o.id))?.status).toBe('open');
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([]);
  });

  it('KKI against the card page: a cancelled card page paid late is voided, the KKI payment is kept', async () => {
    const o = await order('gus');
    const page = await openCardPage('gus', o.id);
    expect(page.res.status).toBe(201);
    expect((await cancel('gus', page.body.id)).status).toBe(200);
    const kki = await payKki('gus', o.id);
    expect(kki.res.status).toBe(201);
    await approveKki(kki.body.id);
    // The old card page was still open in the shopper's tab, and they paid it.
    await payCardPage(page.body.nextAction.type === 'card_page' ? page.body.nextAction.url : '');
    expect(await status(page.body.id)).toBe('refunded');
    expect(await status(kki.body.id)).toBe('succeeded');
    expect((await h.bff.store.orders.get(o.id))?.paidPaymentId).toBe(kki.body.id);
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([await refOf(kki.body.id)]);
  });

  it('a cancelled AUTHORIZE card page paid late: the authorization is voided at DOKU', async () => {
    const o = await order('jon');
    const page = await openCardPage('jon', o.id, 'AUTHORIZE');
    expect(page.res.status).toBe(201);
    expect((await cancel('jon', page.body.id)).status).toBe(200);
    await payCardPage(page.body.nextAction.type === 'card_page' ? page.body.nextAction.url : '');
    expect(await status(page.body.id)).toBe('cancelled');
    expect(await h.bff.store.extraCharges.get(page.body.id)).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunded',
    });
    expect((await h.bff.store.orders.get(o.id))?.status).toBe('open');
    const ref = await refOf(page.body.id);
    const atDoku = (
      h.ledger().cards as { orders: { invoiceNumber: string; authorization: { status: string } | null }[] }
    ).orders.find((x) => x.invoiceNumber === ref);
    expect(atDoku?.authorization?.status).toBe('VOIDED');
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([]);
  });

  it('a cancelled card page is asked about again until its own deadline, not the issuer app’s', async () => {
    const o = await order('ivy');
    const page = await openCardPage('ivy', o.id);
    expect(page.res.status).toBe(201);
    const action = page.body.nextAction;
    const deadline =
      action.type === 'card_page' && action.expiresAt !== null ? Date.parse(action.expiresAt) : NaN;
    expect(deadline).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect((await cancel('ivy', page.body.id)).status).toBe(200);
    const cancelled = await h.bff.store.payments.get(page.body.id);
    expect(cancelled?.status).toBe('cancelled');
    // The page stays payable at DOKU until its deadline: a payment made on it meanwhile is still found.
    const until = Date.parse(String(cancelled?.doku[PAYMENT_RECHECK_UNTIL_FACT]));
    expect(until).toBeGreaterThan(deadline);
  });

  it('a second success on a paid order (an expired attempt DOKU approves late) is refunded', async () => {
    const o = await order('hal');
    const a = await payKki('hal', o.id);
    // The BFF gave up on the first attempt (its window passed) while DOKU still held it.
    await h.bff.store.payments.transition(a.body.id, 'expired', { source: 'reconciliation' });
    const page = await openCardPage('hal', o.id);
    expect(page.res.status).toBe(201);
    await payCardPage(page.body.nextAction.type === 'card_page' ? page.body.nextAction.url : '');
    expect(await status(page.body.id)).toBe('succeeded');
    await approveKki(a.body.id);
    expect(await status(a.body.id)).toBe('refunded');
    expect(await h.bff.store.extraCharges.get(a.body.id)).toMatchObject({
      reason: 'order_already_paid',
      keptPaymentId: page.body.id,
    });
    expect((await h.bff.store.orders.get(o.id))?.paidPaymentId).toBe(page.body.id);
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([await refOf(page.body.id)]);
  });

  it('an extra-charge refund DOKU did not confirm is retried by reconciliation under the same reference', async () => {
    const o = await order('ivy');
    const a = await payKki('ivy', o.id);
    await cancel('ivy', a.body.id);
    // DOKU's refund endpoint fails while the late approval arrives.
    const fault = await h.control('/faults', {
      rules: [{ endpoint: 'kki.refund', kind: 'error5xx', times: 50 }],
    });
    expect(fault.status).toBeLessThan(300);
    await approveKki(a.body.id);
    expect(await status(a.body.id)).toBe('succeeded');
    expect((await h.bff.store.extraCharges.get(a.body.id))?.status).toBe('refunding');
    await h.sandbox.app.request('/__sandbox/faults', { method: 'DELETE' });
    await h.bff.services.reconciliation?.run();
    expect(await status(a.body.id)).toBe('refunded');
    expect((await h.bff.store.extraCharges.get(a.body.id))?.status).toBe('refunded');
    // One refund at DOKU, whatever the retries.
    const ref = await refOf(a.body.id);
    const atDoku = h.ledger().payments.find((p) => p.partnerReferenceNo === ref);
    expect(atDoku?.refunds.filter((r) => r.status === 'SUCCESS')).toHaveLength(1);
    expect(keptCharges(h.ledger(), await refsOf(o.id))).toEqual([]);
  });
});

describe('one charge per order across two BFF instances on one database', () => {
  let two: TwoBffs;
  let bffs: KkiBff[] = [];
  let stores: Store[] = [];
  let sandboxHost: KkiHarness;

  beforeAll(async () => {
    two = await startTwoBffs('one_charge', {
      rateLimits: { payment: { max: 1000, windowMs: 60_000 }, otp: { max: 1000, windowMs: 60_000 } },
    });
    ({ bffs, stores, sandboxHost } = two);
  }, 60_000);
  afterAll(() => two?.close());

  it('parallel attempts on both instances: one 201, every other 409, one kept charge at DOKU', async () => {
    const order = await bffs[0]!.merchant.createOrder({ customerId: 'kim', amount: 444_000 });
    const hosts = bffs.map((bff) => {
      const host = new Hono();
      host.route(MOUNT, bff.app);
      return host;
    });
    const answers = await Promise.all(
      hosts.flatMap((host, i) =>
        [0, 1, 2, 3].map(async (n) => {
          const res = await host.request(`${MOUNT}/kki/payments`, {
            method: 'POST',
            body: JSON.stringify(kkiBody(order.id, i * 4 + n)),
            headers: {
              'x-test-customer': 'kim',
              origin: ORIGIN,
              'x-kki-request': '1',
              'content-type': 'application/json',
              'idempotency-key': newKey(),
            },
          });
          return { status: res.status, body: (await res.json()) as PaymentView & ApiErrorBody };
        }),
      ),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body.error.details?.paymentId).toBe(created[0]!.body.id);
    const stored = await stores[0]!.payments.get(created[0]!.body.id);
    await sandboxHost.control(`/kki/payments/${stored?.partnerReferenceNo}/approve`, {});
    await sandboxHost.idle();
    const atDoku = sandboxHost.ledger().payments.filter((p) => p.amount === 444_000);
    expect(atDoku).toHaveLength(1);
    expect(keptCharges(sandboxHost.ledger(), [stored?.partnerReferenceNo ?? ''])).toHaveLength(1);
  });
});
