// DOKU Checkout payments end to end through the BFF: what DOKU is sent (the order's amount and items,
// a derived customer id), the return page that asks DOKU first, notifications (applied once),
// reconciliation after a crash, expiry, refunds, and a success after a cancel refunded.
import type { PaymentView } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff } from '../src/app.js';
import { checkoutDeadline } from '../src/checkout/outcome.js';
import { narrowCheckoutMethods } from '../src/checkout/routes.js';
import { PAYMENT_RECHECK_UNTIL_FACT } from '../src/store/index.js';
import { checkoutCustomerIdFor } from '../src/services/customer-ref.js';
import { type CheckoutHarness, checkoutBody, newKey, startCheckout } from './checkout-setup.js';

const staff = { 'x-test-staff': 'yes' };

describe('DOKU Checkout payments', () => {
  let h: CheckoutHarness;
  beforeAll(async () => {
    h = await startCheckout();
  }, 60_000);
  afterAll(async () => h?.close());

  async function order(customerId = 'alice', amount = 150_000) {
    return h.bff.merchant.createOrder({
      customerId,
      amount,
      lineItems: [
        { name: 'Sepatu', price: 100_000, quantity: 1 },
        { name: 'Kaos kaki', price: 25_000, quantity: 2 },
      ],
      metadata: { email: 'sari@example.com', phone: '+6281234567890' },
    });
  }

  async function start(customerId: string, body: Record<string, unknown>, key = newKey()) {
    const res = await h.call(customerId, '/checkout/payments', { key, json: body });
    return { res, body: (await res.json()) as PaymentView & { error?: { code: string } } };
  }

  /** A pending checkout and the call DOKU got for it. */
  async function pending(customerId = 'alice', extra: Record<string, unknown> = {}) {
    const o = await order(customerId);
    const { res, body } = await start(customerId, { orderId: o.id, ...extra });
    expect(res.status).toBe(201);
    const stored = await h.bff.store.payments.get(body.id);
    const call = h.created.find((c) => c.body.order.invoice_number === stored?.partnerReferenceNo);
    if (!stored || !call) throw new Error('checkout not created');
    return { order: o, view: body, stored, call };
  }

  const returnPath = (callbackUrl: string) => new URL(callbackUrl).pathname + new URL(callbackUrl).search;

  it("opens DOKU Checkout for the order's amount and items, answering its URL and expiry", async () => {
    const o = await order();
    // Fields the browser has no say in are dropped by the schema (amount) or never read.
    const { res, body } = await start('alice', { orderId: o.id, amount: 1, lineItems: [] });
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      method: 'checkout',
      status: 'pending',
      amount: 150_000,
      checkoutChannel: null,
    });
    const call = h.created.at(-1);
    expect(body.nextAction).toEqual({
      type: 'checkout_page',
      url: call?.url,
      expiresAt: expect.any(String),
    });
    const expiresAt = Date.parse(
      body.nextAction.type === 'checkout_page' ? (body.nextAction.expiresAt ?? '') : '',
    );
    expect(expiresAt).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(expiresAt).toBeLessThan(Date.now() + 61 * 60_000);
    const sent = call?.body;
    expect(sent?.order.amount).toBe(150_000);
    expect(sent?.order.line_items).toEqual([
      { name: 'Sepatu', price: 100_000, quantity: 1 },
      { name: 'Kaos kaki', price: 25_000, quantity: 2 },
    ]);
    const stored = await h.bff.store.payments.get(body.id);
    expect(sent?.order.invoice_number).toBe(stored?.partnerReferenceNo);
    expect(sent?.order.invoice_number.length).toBeLessThanOrEqual(30);
    expect(call?.requestId).toBe(stored?.externalId);
    expect(sent?.payment).toEqual({
      payment_due_date: 60,
      payment_method_types: ['KARTU_KREDIT_INDONESIA', 'CREDIT_CARD'],
    });
    expect(sent?.order.callback_url).toMatch(
      new RegExp(
        `^https://shop\\.test/api/kki/checkout/payments/${body.id}/return\\?token=[^&]+&display=redirect$`,
      ),
    );
    expect(sent?.order.callback_url_cancel).toContain('result=cancel');
    expect(sent?.additional_info?.override_notification_url).toBe(
      'https://shop.test/api/kki/notifications/cards',
    );
    expect(sent?.customer).toMatchObject({ email: 'sari@example.com', phone: '6281234567890' });
    // The return token is a credential for the return page: never in a log line.
    const token = new URL(sent?.order.callback_url ?? '').searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(JSON.stringify(h.lines)).not.toContain(token);
  });

  it("the browser can narrow the merchant's methods, never widen them", () => {
    expect(narrowCheckoutMethods(undefined, ['kki', 'card'])).toEqual(['kki', 'card']);
    expect(narrowCheckoutMethods(['card'], ['kki', 'card'])).toEqual(['card']);
    expect(narrowCheckoutMethods(['kki', 'card'], ['kki'])).toEqual(['kki']);
    expect(() => narrowCheckoutMethods(['card'], ['kki'])).toThrow(
      expect.objectContaining({ code: 'operation_not_allowed', field: 'methods' }),
    );
  });

  it('sends DOKU a customer id derived from the signed-in customer, never the browser', async () => {
    const a1 = await pending('alice', { customer: { id: 'mallory' }, customerId: 'mallory' });
    const a2 = await pending('alice');
    const b = await pending('bob');
    const id = a1.call.body.customer?.id ?? '';
    expect(id).toBe(await checkoutCustomerIdFor(h.bff.config.doku.secretKey, 'alice'));
    expect(id).toMatch(/^[0-9a-f]{48}$/);
    expect(id).not.toContain('alice');
    expect(JSON.stringify(a1.call.body)).not.toContain('mallory');
    // Stable for one customer (DOKU offers the saved card again), distinct between customers.
    expect(a2.call.body.customer?.id).toBe(id);
    expect(b.call.body.customer?.id).not.toBe(id);
  });

  it('narrows the methods to the merchant list; one open attempt per order; a replay is the same payment', async () => {
    const o = await order();
    const key = newKey();
    const first = await start('alice', { orderId: o.id, methods: ['card'] }, key);
    expect(first.res.status).toBe(201);
    expect(h.created.at(-1)?.body.payment.payment_method_types).toEqual(['CREDIT_CARD']);
    const calls = h.created.length;
    const replay = await start('alice', { orderId: o.id, methods: ['card'] }, key);
    expect(replay.res.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(h.created.length).toBe(calls);
    const second = await start('alice', { orderId: o.id });
    expect(second.res.status).toBe(409);
    expect(second.body).toMatchObject({
      error: { code: 'order_payment_open', details: { paymentId: first.body.id, method: 'checkout' } },
    });
    // Another customer's order is not found; a return URL off the shop's origins is refused.
    expect((await start('bob', { orderId: o.id })).res.status).toBe(404);
    const other = await order();
    const offsite = await start('alice', { orderId: other.id, returnUrl: 'https://evil.test/x' });
    expect(offsite.res.status).toBe(400);
    expect(offsite.body).toMatchObject({ error: { code: 'validation_failed', field: 'returnUrl' } });
    expect(h.created.length).toBe(calls);
  });

  it('the return page asks DOKU first, then sends the customer back to the shop page (token single-use)', async () => {
    const { view, stored, call } = await pending('alice', { returnUrl: 'https://shop.test/orders/1?x=1' });
    // DOKU has not heard of a payment yet: the hint in the URL changes nothing.
    const before = h.statusCalls.count;
    h.orders.set(stored.partnerReferenceNo, {
      status: 'SUCCESS',
      channel: 'KARTU_KREDIT_INDONESIA',
      amount: 150_000,
    });
    const back = await h.host.request(returnPath(call.body.order.callback_url ?? ''));
    expect(back.status).toBe(200);
    expect(h.statusCalls.count).toBe(before + 1);
    const page = await back.text();
    expect(page).toContain('http-equiv="refresh"');
    expect(page).toContain(
      `https://shop.test/orders/1?x=1&amp;kki_payment=${view.id}&amp;kki_status=succeeded`,
    );
    expect(back.headers.get('content-security-policy')).toContain('frame-ancestors https://shop.test');
    const after = (await (await h.call('alice', `/payments/${view.id}`)).json()) as PaymentView;
    expect(after).toMatchObject({ status: 'succeeded', checkoutChannel: 'kki', method: 'checkout' });
    expect((await h.bff.merchant.getOrder(stored.orderId))?.status).toBe('paid');
    // The token works once; without it (and no session) the page answers like an unknown id.
    expect((await h.host.request(returnPath(call.body.order.callback_url ?? ''))).status).toBe(404);
  });

  it('in a popup the return page posts the confirmed status to the opener, on the shop origin only', async () => {
    const { view, call } = await pending('alice', { display: 'popup' });
    expect(call.body.order.callback_url).toContain('display=popup');
    const page = await (await h.host.request(returnPath(call.body.order.callback_url ?? ''))).text();
    expect(page).toContain('"type":"kki-kit:checkout-return"');
    expect(page).toContain(`"paymentId":"${view.id}"`);
    expect(page).toContain('"status":"pending"');
    expect(page).toContain('window.opener');
    expect(page).toContain('["https://shop.test"]');
  });

  it('a notification updates the payment once; a duplicate, a forgery and a wrong amount change nothing', async () => {
    const { view, stored } = await pending('carol');
    const body = checkoutBody(stored.partnerReferenceNo, {
      status: 'SUCCESS',
      channel: 'CREDIT_CARD',
      masked: '411111******1111',
      amount: 150_000,
    });
    const wrongAmount = checkoutBody(stored.partnerReferenceNo, { status: 'SUCCESS', amount: 1_000 });
    const checks = h.statusCalls.count;
    expect((await h.notify(wrongAmount, `req-${view.id}-x`)).status).toBe(200);
    // DOKU's order status was asked at once (it does not know the order yet: nothing changes).
    expect(h.statusCalls.count).toBe(checks + 1);
    expect((await h.bff.store.payments.get(view.id))?.status).toBe('pending');

    // DOKU's saved-card token and the customer's details never reach the inbox.
    const withToken = {
      ...body,
      card: { token: 'TOKEN-SENTINEL-123' },
      customer: { id: 'c', email: 'e@x.id' },
    };
    const first = await h.notify(withToken, `req-${view.id}`);
    expect(first.status).toBe(200);
    const [row] = await h.bff.store.db.query<{ payload: unknown; status: string }>(
      'SELECT payload, status FROM notification_inbox WHERE dedup_key = $1',
      [`req-${view.id}`],
    );
    expect(row?.status).toBe('applied');
    expect(row?.payload).toMatchObject({
      order: { invoice_number: stored.partnerReferenceNo },
      transaction: { status: 'SUCCESS' },
    });
    expect(JSON.stringify(row?.payload)).not.toMatch(/TOKEN-SENTINEL|e@x\.id/);
    const paid = await h.bff.merchant.getPayment(view.id);
    expect(paid).toMatchObject({
      status: 'succeeded',
      checkoutChannel: 'card',
      card: { maskedCpan: '411111******1111', issuer: null, cardId: null },
    });
    const events = (await h.bff.store.payments.events(view.id)).length;
    const again = await h.notify(withToken, `req-${view.id}`);
    expect(await again.json()).toEqual({ status: 'ok', duplicate: true });
    expect((await h.bff.store.payments.events(view.id)).length).toBe(events);
    // A late FAILED never undoes the success.
    await h.notify(
      checkoutBody(stored.partnerReferenceNo, { status: 'FAILED', amount: 150_000 }),
      `req-${view.id}-2`,
    );
    expect((await h.bff.store.payments.get(view.id))?.status).toBe('succeeded');

    const forged = await h.host.request('/api/kki/notifications/cards', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        'Client-Id': h.bff.config.doku.nonSnapClientId,
        'Request-Id': 'forged-1',
        'Request-Timestamp': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        Signature: 'HMACSHA256=AAAA',
      },
    });
    expect(forged.status).toBe(401);
  });

  it('a failed or expired checkout ends with its catalogue error and frees the order', async () => {
    const failed = await pending('dave');
    await h.notify(
      checkoutBody(failed.stored.partnerReferenceNo, { status: 'FAILED', amount: 150_000 }),
      `f-${failed.view.id}`,
    );
    expect(await h.bff.merchant.getPayment(failed.view.id)).toMatchObject({
      status: 'failed',
      nextAction: { type: 'none' },
      error: { code: 'card_declined' },
    });
    const expired = await pending('dave');
    h.orders.set(expired.stored.partnerReferenceNo, { status: 'EXPIRED', amount: 150_000 });
    const polled = (await (
      await h.call('dave', `/payments/${expired.view.id}?refresh=true`)
    ).json()) as PaymentView;
    expect(polled).toMatchObject({ status: 'expired', error: { code: 'payment_expired' } });
    // The order can be paid again.
    expect((await start('dave', { orderId: expired.order.id })).res.status).toBe(201);
  });

  it('a failed checkout the shopper then pays on DOKU’s page, its notification lost, pays the order by reconciliation', async () => {
    const { view, stored, order } = await pending('fay');
    await h.notify(
      checkoutBody(stored.partnerReferenceNo, { status: 'FAILED', amount: 150_000 }),
      `f-${view.id}`,
    );
    const failed = await h.bff.store.payments.get(view.id);
    expect(failed?.status).toBe('failed');
    expect(Date.parse(String(failed?.doku[PAYMENT_RECHECK_UNTIL_FACT]))).toBeGreaterThan(
      checkoutDeadline(h.bff, failed!),
    );
    // DOKU's page let the shopper try again; this time the card went through.
    h.orders.set(stored.partnerReferenceNo, { status: 'SUCCESS', amount: 150_000 });
    await h.bff.store.db.query(
      `UPDATE payments SET updated_at = updated_at - interval '1 hour' WHERE id = $1`,
      [view.id],
    );
    await h.bff.services.reconciliation!.run();
    expect(await h.bff.merchant.getPayment(view.id)).toMatchObject({ status: 'succeeded' });
    expect(await h.bff.merchant.getOrder(order.id)).toMatchObject({ status: 'paid', paidPaymentId: view.id });
  });

  it('a page DOKU still calls pending long past its time is expired by the BFF', async () => {
    const { view, stored } = await pending('erin');
    h.orders.set(stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
    const confirm = h.bff.services.checkout?.confirm;
    if (!confirm) throw new Error('no checkout service');
    // Still within its time: stays pending.
    expect((await confirm(stored)).status).toBe('pending');
    const past = new Date(Date.now() - 6 * 60_000).toISOString();
    const aged = await h.bff.store.payments.update(view.id, {
      nextAction: { type: 'checkout_page', url: 'https://doku.checkout.test/p', expiresAt: past },
    });
    expect(await confirm(aged)).toMatchObject({ status: 'expired' });
    // DOKU's later success still counts: the order, unpaid, keeps it.
    await h.notify(
      checkoutBody(stored.partnerReferenceNo, { status: 'SUCCESS', amount: 150_000 }),
      `late-${view.id}`,
    );
    expect((await h.bff.store.payments.get(view.id))?.status).toBe('succeeded');
    expect((await h.bff.merchant.getOrder(stored.orderId))?.status).toBe('paid');
  });

  it('a success after the customer cancelled is refunded at DOKU automatically', async () => {
    const { view, stored, call } = await pending('frank');
    h.orders.set(stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
    const cancelled = await h.call('frank', `/payments/${view.id}/cancel`, { method: 'POST', key: newKey() });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', nextAction: { type: 'none' } });
    const refundsBefore = h.refunds.length;
    await h.notify(
      checkoutBody(stored.partnerReferenceNo, { status: 'SUCCESS', channel: 'CREDIT_CARD', amount: 150_000 }),
      `after-cancel-${view.id}`,
    );
    expect(h.refunds.slice(refundsBefore)).toEqual([
      { invoice: stored.partnerReferenceNo, originalRequestId: call.requestId, amount: 150_000 },
    ]);
    expect(await h.bff.merchant.getPayment(view.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 150_000,
    });
    expect((await h.bff.merchant.getOrder(stored.orderId))?.status).toBe('open');
  });

  it('cancelling on DOKU page cancels the payment unless DOKU took the money', async () => {
    const { view, stored, call } = await pending('grace');
    h.orders.set(stored.partnerReferenceNo, { status: 'PENDING', amount: 150_000 });
    const back = await h.host.request(returnPath(call.body.order.callback_url_cancel ?? ''));
    expect(await back.text()).toContain('kki_status=cancelled');
    expect((await h.bff.store.payments.get(view.id))?.status).toBe('cancelled');
  });

  it('refunds a checkout payment through the refund API of its channel', async () => {
    const { view, stored, call } = await pending('heidi');
    await h.notify(
      checkoutBody(stored.partnerReferenceNo, {
        status: 'SUCCESS',
        channel: 'KARTU_KREDIT_INDONESIA',
        amount: 150_000,
      }),
      `r-${view.id}`,
    );
    const res = await h.call('heidi', `/payments/${view.id}/refunds`, {
      key: newKey(),
      json: { amount: 50_000, reason: 'ukuran salah' },
      headers: staff,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'succeeded', amount: 50_000, type: 'FULL_REFUND' });
    // CHECKOUT_REFUND_API: the card refund for KKI on DOKU's page too, named by invoice and Request-Id.
    expect(h.refunds.at(-1)).toEqual({
      invoice: stored.partnerReferenceNo,
      originalRequestId: call.requestId,
      amount: 50_000,
    });
    expect(await h.bff.merchant.getPayment(view.id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 50_000,
      refundableAmount: 100_000,
    });
  });

  it('after a crash: an unanswered create retried with its key, and a lost notification settled by reconciliation', async () => {
    const o = await order('ivan');
    const key = newKey();
    h.down.value = true;
    const lost = await start('ivan', { orderId: o.id }, key);
    h.down.value = false;
    expect(lost.res.status).toBeGreaterThanOrEqual(500);
    const [created] = await h.bff.store.payments.list({ orderId: o.id });
    expect(created?.status).toBe('created');
    const retried = await start('ivan', { orderId: o.id }, key);
    expect(retried.res.status).toBe(201);
    expect(retried.body.id).toBe(created?.id);
    expect(h.created.at(-1)?.requestId).toBe(created?.externalId);

    // DOKU took the money, its notification never arrived, the process died: a new instance on the
    // same store settles the payment from DOKU's order status at start-up.
    h.orders.set(created?.partnerReferenceNo ?? '', {
      status: 'SUCCESS',
      channel: 'CREDIT_CARD',
      amount: 150_000,
    });
    const restarted = await createKkiBff({
      environment: 'http://doku.checkout.test',
      publicUrl: 'https://shop.test/api/kki',
      authenticate: () => null,
      store: h.bff.store,
      logger: () => {},
      reconciliation: { pendingAfterMs: 1, intervalMs: 3_600_000 },
      fetch: (input, init) => h.dokuFetch(new Request(input, init)),
    });
    try {
      expect(await restarted.merchant.getPayment(created?.id ?? '')).toMatchObject({
        status: 'succeeded',
        checkoutChannel: 'card',
      });
    } finally {
      await restarted.close();
    }
  }, 60_000);

  it('refuses merchant.chargeSavedCard: a token payment is host-to-host KKI, which Checkout merchants may not call', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'cust-renewal', amount: 30_000 });
    const created = h.created.length;
    await expect(
      h.bff.merchant.chargeSavedCard({
        orderId: order.id,
        cardId: 'card_AnySavedCard01',
        idempotencyKey: `renew-${order.id}`,
      }),
    ).rejects.toMatchObject({ code: 'operation_not_allowed' });
    expect(await h.bff.store.payments.list({ orderId: order.id })).toEqual([]);
    expect(h.created.length).toBe(created);
  });

  it("keeps a customer's DOKU Checkout id when the secret key is rotated (the first one is stored)", async () => {
    const before = (await pending('carol')).call.body.customer?.id;
    expect(before).toBe(await checkoutCustomerIdFor(h.bff.config.doku.secretKey, 'carol'));
    // The same store after the merchant rotated the DOKU secret key.
    const rotated = await startCheckout({ store: h.bff.store, secretKey: 'SK-rotated-0000000000001' });
    try {
      const call = async (customer: string) => {
        const o = await rotated.bff.merchant.createOrder({ customerId: customer, amount: 40_000 });
        const res = await rotated.call(customer, '/checkout/payments', {
          key: newKey(),
          json: { orderId: o.id },
        });
        expect(res.status).toBe(201);
        return rotated.created.at(-1)?.body.customer?.id;
      };
      expect(await call('carol')).toBe(before);
      // A customer new to Checkout gets the id of the new key, kept from then on.
      const dave = await call('dave-after-rotation');
      expect(dave).toBe(
        await checkoutCustomerIdFor(rotated.bff.config.doku.secretKey, 'dave-after-rotation'),
      );
      expect(dave).not.toBe(await checkoutCustomerIdFor(h.bff.config.doku.secretKey, 'dave-after-rotation'));
      expect(await call('dave-after-rotation')).toBe(dave);
    } finally {
      await rotated.close();
    }
  });

  it("settles a notification of another amount with DOKU's order status, held to the payment's amount", async () => {
    // DOKU's status names the payment's amount: its SUCCESS is applied at once.
    const right = await pending('frank');
    h.orders.set(right.stored.partnerReferenceNo, {
      status: 'SUCCESS',
      channel: 'CREDIT_CARD',
      amount: 150_000,
    });
    const odd = checkoutBody(right.stored.partnerReferenceNo, { status: 'SUCCESS', amount: 150 });
    expect((await h.notify(odd, `odd-${right.view.id}`)).status).toBe(200);
    expect((await h.bff.store.payments.get(right.view.id))?.status).toBe('succeeded');
    // DOKU's status names another amount too: nothing is applied, the payment waits.
    const wrong = await pending('grace');
    h.orders.set(wrong.stored.partnerReferenceNo, { status: 'SUCCESS', amount: 1_000 });
    const both = checkoutBody(wrong.stored.partnerReferenceNo, { status: 'SUCCESS', amount: 1_000 });
    expect((await h.notify(both, `both-${wrong.view.id}`)).status).toBe(200);
    expect((await h.bff.store.payments.get(wrong.view.id))?.status).toBe('pending');
    expect(h.lines.some((l) => l.msg === 'checkout payment taken at another amount: held for a person')).toBe(
      true,
    );
  });
});
