// DOKU Checkout against the offline sandbox's emulation (default options: the Checkout path): KKI on
// DOKU's page approved in the issuer app, a card on DOKU's card form, a cancel on DOKU's page, an
// expired page, and a success after the customer cancelled. The BFF, the browser's view and the
// sandbox's ledger agree on each outcome.
import type { PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutCustomerIdFor } from '../src/services/customer-ref.js';
import { type KkiHarness, MOUNT, newKey, newOtt, ORIGIN, startKki } from './kki-setup.js';

const staff = { 'x-test-staff': 'yes' };

describe('DOKU Checkout on the sandbox', () => {
  let h: KkiHarness;
  let serial = 40;
  beforeAll(async () => {
    h = await startKki({
      kki: { integration: 'checkout' },
      authorizeRefund: (c) => c.req.header('x-test-staff') === 'yes',
    });
  }, 60_000);
  afterAll(async () => h?.close());

  /** A checkout of `customer` opened through the BFF, with DOKU's page path and the invoice. */
  async function open(customer: string, amount = 150_000) {
    const order = await h.bff.merchant.createOrder({
      customerId: customer,
      amount,
      lineItems: [{ name: 'Batik', price: amount, quantity: 1 }],
      metadata: { email: 'sari@example.com' },
    });
    const res = await h.call(customer, '/checkout/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id },
    });
    expect(res.status).toBe(201);
    const view = (await res.json()) as PaymentView;
    if (view.nextAction.type !== 'checkout_page')
      throw new Error(`no checkout page: ${view.nextAction.type}`);
    const stored = await h.bff.store.payments.get(view.id);
    if (!stored) throw new Error('payment missing');
    return { order, view, page: new URL(view.nextAction.url).pathname, invoice: stored.partnerReferenceNo };
  }

  /** The Cards order behind a Checkout in the sandbox's ledger (its refunds, amounts in rupiah). */
  const cardOrder = (invoice: string) =>
    (
      h.ledger().cards as {
        orders: {
          invoiceNumber: string;
          refundedAmount: number;
          refunds: { type: string; amount: number; status: string }[];
        }[];
      }
    ).orders.find((o) => o.invoiceNumber === invoice);
  const session = (invoice: string) => h.ledger().checkout.sessions.find((s) => s.invoiceNumber === invoice);
  const view = async (customer: string, id: string) =>
    (await (await h.call(customer, `/payments/${id}`)).json()) as PaymentView;

  /** Where a 303 of DOKU's page points, as a path on the shop's host. */
  const redirectPath = (res: Response) => {
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${ORIGIN}${MOUNT}/checkout/payments/`)).toBe(true);
    return new URL(location).pathname + new URL(location).search;
  };

  it('KKI on DOKU Checkout, approved in the issuer app: paid, and the return page confirms it', async () => {
    const { view: created, page, invoice, order } = await open('alice');
    expect(page.startsWith(`${MOUNT}/__doku/checkout-link-v2/`)).toBe(true);
    const html = await (await h.host.request(page)).text();
    expect(html).toMatch(/Kartu Kredit Indonesia|KKI/);
    // DOKU knows the customer only by the derived id, and the order's amount.
    expect(session(invoice)).toMatchObject({
      amount: 150_000,
      customerId: await checkoutCustomerIdFor(h.bff.config.doku.secretKey, 'alice'),
      methods: expect.arrayContaining(['kki', 'card']),
      orderStatus: 'PENDING',
    });

    const kki = await h.control(`/checkout/${invoice}/kki`, {
      cpan: kkiTestCpan('bri', undefined, serial++),
      ott: newOtt(),
    });
    expect(kki.status).toBe(200);
    expect((await view('alice', created.id)).status).toBe('pending');
    expect((await h.control(`/checkout/${invoice}/approve`, {})).status).toBe(200);
    await h.idle();

    // DOKU's page sends the customer back to the BFF, which asks DOKU before answering.
    const back = await h.host.request(page);
    expect(back.status).toBe(303);
    const returned = await h.host.request(redirectPath(back));
    expect(returned.status).toBe(200);
    expect(await returned.text()).toContain(`kki_payment=${created.id}&amp;kki_status=succeeded`);

    const paid = await view('alice', created.id);
    expect(paid).toMatchObject({
      status: 'succeeded',
      method: 'checkout',
      checkoutChannel: 'kki',
      amount: 150_000,
    });
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('paid');
    expect(session(invoice)?.orderStatus).toBe('SUCCESS');
    // The ledger never holds the card number, nor does the BFF's log.
    expect(JSON.stringify(h.lines)).not.toContain(kkiTestCpan('bri', undefined, serial - 1));
  });

  it("a card on DOKU Checkout's card form: paid with the masked card, voided through DOKU's refund API", async () => {
    const { view: created, invoice } = await open('bob', 200_000);
    const chosen = await h.control(`/checkout/${invoice}/card`, {});
    expect(chosen.status).toBe(200);
    const { cardPageRequestId } = (await chosen.json()) as { cardPageRequestId: string };
    const paid = await h.control(`/cards/pages/${cardPageRequestId}/pay`, {
      card_number: '4111111111111111',
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    const result = (await paid.json()) as { result: string; redirectUrl?: string };
    expect(result.result).toBe('completed');
    await h.idle();
    const after = await view('bob', created.id);
    expect(after).toMatchObject({ status: 'succeeded', checkoutChannel: 'card' });
    expect(after.card?.maskedCpan).toMatch(/^411111\*+1111$/);
    expect(session(invoice)?.orderStatus).toBe('SUCCESS');

    // Before DOKU settles a card payment only the whole amount goes back (a void): DOKU refuses a
    // partial refund, and the payment keeps its money.
    const partial = await h.call('bob', `/payments/${created.id}/refunds`, {
      method: 'POST',
      key: newKey(),
      json: { amount: 50_000, reason: 'warna salah' },
      headers: staff,
    });
    expect(partial.status).toBe(502);
    expect(await partial.json()).toMatchObject({ error: { code: 'refund_failed' } });
    expect(await view('bob', created.id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
    const full = await h.call('bob', `/payments/${created.id}/refunds`, {
      method: 'POST',
      key: newKey(),
      json: { reason: 'warna salah' },
      headers: staff,
    });
    expect(full.status).toBe(201);
    expect(await full.json()).toMatchObject({ amount: 200_000, status: 'succeeded', type: 'VOID' });
    expect(await view('bob', created.id)).toMatchObject({ status: 'refunded', refundedAmount: 200_000 });
    expect(cardOrder(invoice)).toMatchObject({
      refundedAmount: 200_000,
      refunds: [
        expect.objectContaining({ amount: 50_000, status: 'FAILED' }),
        expect.objectContaining({ type: 'VOID', amount: 200_000, status: 'SUCCESS' }),
      ],
    });
  });

  it("the customer cancels on DOKU's page: the BFF asks DOKU, then the payment is cancelled", async () => {
    const { view: created, page } = await open('carol');
    const cancelled = await h.host.request(`${page}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(303);
    const returned = await h.host.request(redirectPath(cancelled));
    expect(await returned.text()).toContain('kki_status=cancelled');
    expect(await view('carol', created.id)).toMatchObject({
      status: 'cancelled',
      nextAction: { type: 'none' },
    });
  });

  it('an expired page ends the payment as expired once DOKU says so', async () => {
    const { view: created, invoice, order } = await open('dave');
    expect((await h.control(`/checkout/${invoice}/expire`, {})).status).toBe(200);
    const polled = (await (
      await h.call('dave', `/payments/${created.id}?refresh=true`)
    ).json()) as PaymentView;
    expect(polled).toMatchObject({ status: 'expired', error: { code: 'payment_expired' } });
    // The order may be paid again.
    const again = await h.call('dave', '/checkout/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id },
    });
    expect(again.status).toBe(201);
  });

  it('approved in the issuer app after the customer cancelled in the shop: refunded at DOKU', async () => {
    const { view: created, invoice, order } = await open('erin');
    await h.control(`/checkout/${invoice}/kki`, {
      cpan: kkiTestCpan('bri', undefined, serial++),
      ott: newOtt(),
    });
    const cancel = await h.call('erin', `/payments/${created.id}/cancel`, { method: 'POST', key: newKey() });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'cancelled' });
    await h.control(`/checkout/${invoice}/approve`, {});
    await h.idle();
    const after = await h.bff.merchant.getPayment(created.id);
    expect(after).toMatchObject({ status: 'refunded', refundedAmount: 150_000 });
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('open');
    // The sandbox took the money and gave all of it back, once.
    expect(cardOrder(invoice)?.refundedAmount).toBe(150_000);
    expect(cardOrder(invoice)?.refunds.filter((r) => r.status === 'SUCCESS')).toHaveLength(1);
  });
});
