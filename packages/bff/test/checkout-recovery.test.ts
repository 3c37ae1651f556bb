// DOKU Checkout recovering from what goes wrong between the BFF and DOKU: a status call DOKU refuses
// for another reason than "no such order", a create retried after DOKU's page was already reported
// pending, an order email DOKU's schema refuses, and a payment DOKU takes on a page the BFF had
// already closed (cancelled in the shop, or expired while DOKU still said pending) whose
// notification is lost. On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import type { PaymentView } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KkiBffOptions } from '../src/config.js';
import { type CheckoutHarness, newKey, startCheckout } from './checkout-setup.js';
import { PAYMENT_RECHECK_UNTIL_FACT } from '../src/store/index.js';
import { freshSchema } from './helpers.js';

const pgUrl = process.env.TEST_DATABASE_URL;
const BACKENDS: [string, () => Partial<KkiBffOptions>][] = [
  ['pglite', () => ({})],
  ...(pgUrl
    ? ([['postgres', () => ({ store: { databaseUrl: pgUrl, schema: freshSchema('ckr') } })]] as [
        string,
        () => Partial<KkiBffOptions>,
      ][])
    : []),
];

describe.each(BACKENDS)('DOKU Checkout recovery (%s)', (_name, backend) => {
  let h: CheckoutHarness;
  /** While set, DOKU's order status answers this HTTP status (with a Non-SNAP error body). */
  const statusRefusal: { value: number | null } = { value: null };
  /** Invoices DOKU's order status refuses (401) whatever `statusRefusal` says. */
  const refusedInvoices = new Set<string>();
  /** The invoice of every order-status call the BFF made, in order. */
  const asked: string[] = [];
  const askedFor = (invoice: string) => asked.filter((i) => i === invoice).length;
  beforeAll(async () => {
    h = await startCheckout({
      ...backend(),
      reconciliation: { enabled: false, pendingAfterMs: 1 },
      fetch: (input, init) => {
        const req = new Request(input, init);
        const { pathname } = new URL(req.url);
        const status = pathname.startsWith('/orders/v1/status/');
        const invoice = decodeURIComponent(pathname.slice('/orders/v1/status/'.length));
        if (status) asked.push(invoice);
        const refusal = refusedInvoices.has(invoice) ? 401 : statusRefusal.value;
        if (refusal !== null && status) {
          return Promise.resolve(
            Response.json(
              { errors: { code: 'invalid_signature', message: 'Invalid Signature' } },
              { status: refusal },
            ),
          );
        }
        return h.dokuFetch(req);
      },
    });
  }, 60_000);
  afterAll(async () => h?.close());

  const pause = () => new Promise((r) => setTimeout(r, 5));

  /** A pending checkout for a new order of `customerId`. */
  async function pending(customerId: string) {
    const o = await h.bff.merchant.createOrder({ customerId, amount: 150_000 });
    const res = await h.call(customerId, '/checkout/payments', { key: newKey(), json: { orderId: o.id } });
    expect(res.status).toBe(201);
    const view = (await res.json()) as PaymentView;
    const stored = await h.bff.store.payments.get(view.id);
    if (!stored) throw new Error('checkout not stored');
    return { order: o, view, stored };
  }

  /** The payment with its page's deadline moved `minutes` into the past. */
  const aged = (id: string, minutes: number) =>
    h.bff.store.payments.update(id, {
      nextAction: {
        type: 'checkout_page',
        url: 'https://doku.checkout.test/p',
        expiresAt: new Date(Date.now() - minutes * 60_000).toISOString(),
      },
    });

  describe('money taken at another amount', () => {
    it('a past-due checkout DOKU reports paid at another amount is held open, never expired, and the order stays unpaid', async () => {
      const confirm = h.bff.services.checkout?.confirm;
      if (!confirm) throw new Error('no checkout service');
      const { order, view, stored } = await pending('odd-amount');
      h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 149_000 });
      const old = await aged(view.id, 60);
      const held = await confirm(old);
      // Not the order's payment (another amount), and not closed as if nothing was taken.
      expect(held.status).toBe('pending');
      expect((await h.bff.store.orders.get(order.id))?.status).toBe('open');
      expect(await h.bff.store.payments.findOpenForOrder(order.id)).toMatchObject({ id: view.id });
      expect(
        h.lines.some((l) => l.msg === 'checkout payment taken at another amount: held for a person'),
      ).toBe(true);
      // Once DOKU's status names the order's amount, it is the order's payment.
      h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 150_000 });
      expect((await confirm(held)).status).toBe('succeeded');
    }, 60_000);
  });

  describe('C2: a refused status call is not "no such order"', () => {
    it('a 401 from the order-status API leaves a past-due checkout open; a 404 still expires it', async () => {
      const confirm = h.bff.services.checkout?.confirm;
      if (!confirm) throw new Error('no checkout service');
      const { view, stored } = await pending('xena');
      h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 150_000 });
      const old = await aged(view.id, 6);
      statusRefusal.value = 401;
      try {
        expect((await confirm(old)).status).toBe('pending');
        statusRefusal.value = 400;
        expect((await confirm(old)).status).toBe('pending');
        statusRefusal.value = 404;
        expect((await confirm(old)).status).toBe('expired');
      } finally {
        statusRefusal.value = null;
      }
    }, 60_000);

    it('a 401 from the order-status API leaves a past-due card page open; a 404 still expires it', async () => {
      const confirm = h.bff.services.cardPayments?.confirm;
      if (!confirm) throw new Error('no card payment service');
      const o = await h.bff.merchant.createOrder({ customerId: 'xavi', amount: 150_000 });
      const ref = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
      const created = await h.bff.store.payments.create({
        orderId: o.id,
        method: 'card',
        partnerReferenceNo: ref,
        externalId: ref,
      });
      const { record: old } = await h.bff.store.payments.transition(created.id, 'pending', {
        source: 'doku_response',
        patch: {
          nextAction: {
            type: 'card_page',
            url: 'https://doku.checkout.test/card',
            expiresAt: new Date(Date.now() - 6 * 60_000).toISOString(),
          },
        },
      });
      statusRefusal.value = 401;
      try {
        expect((await confirm(old)).status).toBe('pending');
        statusRefusal.value = 404;
        expect((await confirm(old)).status).toBe('expired');
      } finally {
        statusRefusal.value = null;
      }
    }, 60_000);
  });

  describe('C3: a retried create keeps the new page', () => {
    it('a create retried after reconciliation moved the payment to pending answers the new DOKU page', async () => {
      const o = await h.bff.merchant.createOrder({ customerId: 'zed', amount: 150_000 });
      const key = newKey();
      h.down.value = true;
      const lost = await h.call('zed', '/checkout/payments', { key, json: { orderId: o.id } });
      h.down.value = false;
      expect(lost.status).toBeGreaterThanOrEqual(500);
      const [created] = await h.bff.store.payments.list({ orderId: o.id });
      if (!created) throw new Error('no payment');
      h.orders.set(created.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      await pause();
      await h.bff.services.reconciliation?.run();
      expect((await h.bff.store.payments.get(created.id))?.status).toBe('pending');

      const retried = await h.call('zed', '/checkout/payments', {
        key,
        json: { orderId: o.id, returnUrl: 'https://shop.test/orders/zed' },
      });
      expect(retried.status).toBe(201);
      const body = (await retried.json()) as PaymentView;
      const page = h.created.at(-1);
      expect(page?.body.order.invoice_number).toBe(created.partnerReferenceNo);
      expect(body.nextAction).toMatchObject({ type: 'checkout_page', url: page?.url });
      const stored = await h.bff.store.payments.get(created.id);
      expect(stored?.nextAction).toMatchObject({ type: 'checkout_page', url: page?.url });
      expect(stored?.doku.shopReturnUrl).toBe('https://shop.test/orders/zed');
      // Polling the payment shows the page too.
      const polled = (await (await h.call('zed', `/payments/${created.id}`)).json()) as PaymentView;
      expect(polled.nextAction).toMatchObject({ type: 'checkout_page', url: page?.url });
    }, 60_000);
  });

  describe("C4: an order email DOKU's schema refuses is left out", () => {
    it.each(['andré@mail.co.id', 'budi@toko.c', 'a..b@x.id'])(
      'an order email like %s does not make the order unpayable',
      async (email) => {
        const o = await h.bff.merchant.createOrder({
          customerId: 'wira',
          amount: 150_000,
          metadata: { email },
        });
        const res = await h.call('wira', '/checkout/payments', { key: newKey(), json: { orderId: o.id } });
        expect(res.status).toBe(201);
        expect(((await res.json()) as PaymentView).nextAction.type).toBe('checkout_page');
        const sent = h.created.at(-1)?.body;
        expect(sent?.order.amount).toBe(150_000);
        expect(sent?.customer?.id).toBeTruthy();
        expect(sent?.customer).not.toHaveProperty('email');
      },
      60_000,
    );

    it('a well-formed order email still reaches DOKU', async () => {
      const o = await h.bff.merchant.createOrder({
        customerId: 'wulan',
        amount: 150_000,
        metadata: { email: 'wulan@toko.co.id' },
      });
      const res = await h.call('wulan', '/checkout/payments', { key: newKey(), json: { orderId: o.id } });
      expect(res.status).toBe(201);
      expect(h.created.at(-1)?.body.customer?.email).toBe('wulan@toko.co.id');
    }, 60_000);
  });

  describe('C1: a payment on a page the BFF closed itself is not lost', () => {
    it('a success after a shop-side cancel, its notification lost, is found by reconciliation and refunded', async () => {
      const { order: o, view, stored } = await pending('yuri');
      h.orders.set(stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      const cancelled = await h.call('yuri', `/payments/${view.id}/cancel`, {
        method: 'POST',
        key: newKey(),
      });
      expect(((await cancelled.json()) as PaymentView).status).toBe('cancelled');
      // DOKU's page stays payable: the customer pays on it, and DOKU's notification never arrives.
      h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 150_000 });
      await pause();
      const before = askedFor(stored.partnerReferenceNo);
      await h.bff.services.reconciliation?.run();
      expect(askedFor(stored.partnerReferenceNo)).toBeGreaterThan(before);
      expect(h.refunds.filter((r) => r.invoice === stored.partnerReferenceNo)).toEqual([
        expect.objectContaining({ amount: 150_000 }),
      ]);
      expect(await h.bff.merchant.getPayment(view.id)).toMatchObject({
        status: 'refunded',
        refundedAmount: 150_000,
      });
      expect((await h.bff.merchant.getOrder(o.id))?.status).toBe('open');
      // Settled: a second run neither asks DOKU about it again nor refunds twice.
      await pause();
      const settledCalls = askedFor(stored.partnerReferenceNo);
      await h.bff.services.reconciliation?.run();
      expect(askedFor(stored.partnerReferenceNo)).toBe(settledCalls);
      expect(h.refunds.filter((r) => r.invoice === stored.partnerReferenceNo)).toHaveLength(1);
    }, 60_000);

    it('a success on a page the BFF expired while DOKU said pending is found by reconciliation and pays the order', async () => {
      const confirm = h.bff.services.checkout?.confirm;
      if (!confirm) throw new Error('no checkout service');
      const { order: o, view, stored } = await pending('yani');
      h.orders.set(stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      expect((await confirm(await aged(view.id, 6))).status).toBe('expired');
      h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 150_000 });
      await pause();
      await h.bff.services.reconciliation?.run();
      expect((await h.bff.store.payments.get(view.id))?.status).toBe('succeeded');
      expect((await h.bff.merchant.getOrder(o.id))?.status).toBe('paid');
    }, 60_000);

    it("stops asking once DOKU says the page expired, or after one last check past the page's deadline, or a day after that", async () => {
      const run = async () => {
        await pause();
        await h.bff.services.reconciliation?.run();
      };
      // Cancelled in the shop while DOKU said pending, then DOKU's own word that the page closed unpaid.
      const closedByDoku = await pending('yoga');
      h.orders.set(closedByDoku.stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      await h.call('yoga', `/payments/${closedByDoku.view.id}/cancel`, { method: 'POST', key: newKey() });
      h.orders.set(closedByDoku.stored.partnerReferenceNo, { status: 'EXPIRED', amount: 150_000 });
      // Cancelled while DOKU refused the status call, on a page a day past its deadline.
      const longPast = await pending('yosi');
      h.orders.set(longPast.stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      await aged(longPast.view.id, 24 * 60);
      statusRefusal.value = 401;
      try {
        await h.call('yosi', `/payments/${longPast.view.id}/cancel`, { method: 'POST', key: newKey() });
      } finally {
        statusRefusal.value = null;
      }
      // Cancelled while its page is still payable, and DOKU keeps saying pending.
      const stillPayable = await pending('yuda');
      h.orders.set(stillPayable.stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
      await h.call('yuda', `/payments/${stillPayable.view.id}/cancel`, { method: 'POST', key: newKey() });
      // Cancelled while DOKU refuses to answer about it: still owed its last check 23 hours past its
      // page's deadline, given up 25 hours past it.
      const refused = async (customerId: string, hoursPast: number) => {
        const p = await pending(customerId);
        refusedInvoices.add(p.stored.partnerReferenceNo);
        await aged(p.view.id, hoursPast * 60);
        await h.call(customerId, `/payments/${p.view.id}/cancel`, { method: 'POST', key: newKey() });
        return p;
      };
      const unanswered = await refused('yeni', 23);
      const givenUp = await refused('yudi', 25);
      const all = [closedByDoku, longPast, stillPayable, unanswered, givenUp];
      const counts = () => all.map((p) => askedFor(p.stored.partnerReferenceNo));
      const atCancel = counts();

      await run();
      await run();
      const after = counts();
      expect(after.map((n, i) => n - (atCancel[i] ?? 0))).toEqual([1, 1, 2, 2, 0]);
      for (const p of all) {
        expect((await h.bff.store.payments.get(p.view.id))?.status).toBe('cancelled');
      }
      // Settled ones lose their mark, so the recheck's index keeps only those still to ask about.
      const marked = await Promise.all(
        all.map(
          async (p) => (await h.bff.store.payments.get(p.view.id))?.doku[PAYMENT_RECHECK_UNTIL_FACT] ?? null,
        ),
      );
      expect(marked.map((m) => m !== null)).toEqual([false, false, true, true, false]);
      const listed = await h.bff.store.payments.listToRecheck({
        method: 'checkout',
        before: new Date(),
        limit: 100,
      });
      expect(listed.map((p) => p.id).sort()).toEqual([stillPayable.view.id, unanswered.view.id].sort());
    }, 60_000);
  });
});
