// The offline sandbox's control routes, reached through the BFF's mount (`/api/kki/__doku/__sandbox`),
// take the kit's payment id where the sandbox wants DOKU's reference: a KKI payment approved or
// declined, a DOKU Checkout paid with KKI and approved, each by `pay_…`; DOKU's own reference still works.
import type { PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, MOUNT, newKey, newOtt, pendingKkiPayment, startKki } from './kki-setup.js';

describe('control routes by the kit payment id', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(async () => h?.close());

  const control = (path: string, method = 'POST', body?: unknown) =>
    h.host.request(`${MOUNT}/__doku/__sandbox${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
  const status = async (customer: string, id: string) =>
    ((await (await h.call(customer, `/payments/${id}`)).json()) as PaymentView).status;

  it('approves and declines a KKI payment named by pay_…, and reads it', async () => {
    const approved = await pendingKkiPayment(h, 'ann', 71);
    const read = await control(`/kki/payments/${approved.id}`, 'GET');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ partnerReferenceNo: approved.partnerReferenceNo });
    expect((await control(`/kki/payments/${approved.id}/approve`)).status).toBe(200);
    await h.idle();
    expect(await status('ann', approved.id)).toBe('succeeded');
    // Approved already: the sandbox's own refusal comes through.
    expect((await control(`/kki/payments/${approved.id}/approve`)).status).toBe(409);

    const declined = await pendingKkiPayment(h, 'ann', 72);
    expect((await control(`/kki/payments/${declined.id}/decline`)).status).toBe(200);
    await h.idle();
    expect(await status('ann', declined.id)).toBe('failed');
  });

  it("still takes DOKU's reference, and answers 404 for an unknown payment id", async () => {
    const payment = await pendingKkiPayment(h, 'bob', 73);
    expect((await control(`/kki/payments/${payment.partnerReferenceNo}/approve`)).status).toBe(200);
    await h.idle();
    expect(await status('bob', payment.id)).toBe('succeeded');
    expect((await control('/kki/payments/pay_unknown000000000000000/approve')).status).toBe(404);
  });

  it('pays a DOKU Checkout with KKI and approves it, both named by pay_…', async () => {
    const order = await h.bff.merchant.createOrder({
      customerId: 'cia',
      amount: 120_000,
      lineItems: [{ name: 'Batik', price: 120_000, quantity: 1 }],
      metadata: { email: 'cia@example.com' },
    });
    const created = await h.call('cia', '/checkout/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as PaymentView;
    const kki = await control(`/checkout/${id}/kki`, 'POST', {
      cpan: kkiTestCpan('bri', undefined, 74),
      ott: newOtt(),
    });
    expect(kki.status).toBe(200);
    expect((await control(`/checkout/${id}/approve`)).status).toBe(200);
    await h.idle();
    expect(await status('cia', id)).toBe('succeeded');
  });
});
