// The way back from the issuer app: DOKU is given the shop's return pages naming the payment, so
// the shop can show that payment's result; and the order says when it was paid, for the receipt.
import type { OrderView, PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, newOtt, ORIGIN, startKki } from './kki-setup.js';

describe('KKI return to the shop', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki({
      returnUrls: { success: `${ORIGIN}/orders?from=bank`, failure: `${ORIGIN}/orders/failed` },
    });
  }, 60_000);
  afterAll(() => h.close());

  async function pendingPayment(customer: string) {
    const order = await h.bff.merchant.createOrder({ customerId: customer, amount: 150_000 });
    const res = await h.call(customer, '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id, source: { type: 'card', cpan: kkiTestCpan('bri'), ott: newOtt() } },
    });
    const payment = (await res.json()) as PaymentView;
    if (payment.nextAction.type !== 'issuer_app') throw new Error(`unexpected ${payment.nextAction.type}`);
    return { order, payment, issuerPage: new URL(payment.nextAction.url).pathname };
  }

  // The issuer-app page's button, as the shopper presses it.
  const press = (path: string, action: 'approve' | 'decline') =>
    h.host.request(path, { method: 'POST', body: new URLSearchParams({ action }) });

  const orderOf = async (customer: string, orderId: string) =>
    (await (await h.call(customer, `/orders/${orderId}`)).json()) as OrderView;

  it('sends an approving shopper to the success page with the payment id; the order gets paidAt', async () => {
    const { order, payment, issuerPage } = await pendingPayment('alice');
    expect((await orderOf('alice', order.id)).paidAt).toBeNull();

    const before = Date.now();
    const res = await press(issuerPage, 'approve');
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(`${ORIGIN}/orders`);
    expect(back.searchParams.get('from')).toBe('bank');
    expect(back.searchParams.get('kki_payment')).toBe(payment.id);
    // Nothing but the pointer: the shop reads the status from the BFF.
    expect(back.searchParams.has('kki_status')).toBe(false);

    await h.idle();
    const paid = await orderOf('alice', order.id);
    expect(paid).toMatchObject({ status: 'paid', paidPaymentId: payment.id });
    expect(Date.parse(paid.paidAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // The paid moment is its own: a later change of the order row does not move it.
    await h.bff.store.db.query(`UPDATE orders SET updated_at = now() + interval '1 day' WHERE id = $1`, [
      order.id,
    ]);
    expect((await orderOf('alice', order.id)).paidAt).toBe(paid.paidAt);
  });

  it('sends a declining shopper to the failure page with the payment id; the order stays unpaid', async () => {
    const { order, payment, issuerPage } = await pendingPayment('bob');
    const res = await press(issuerPage, 'decline');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${ORIGIN}/orders/failed?kki_payment=${payment.id}`);
    await h.idle();
    expect(await orderOf('bob', order.id)).toMatchObject({ status: 'open', paidAt: null });
  });
});
