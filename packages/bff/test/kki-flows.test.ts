// Every KKI flow end to end through the BFF's HTTP routes and its in-process sandbox.
import type { PaymentView } from '@kki-kit/contract';
import { KKI_TEST_OTP, kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

/** Creates an order for `customer` and pays it from `source` through the BFF. */
async function payOrder(h: KkiHarness, customer: string, source: unknown, amount = 150_000) {
  const order = await h.bff.merchant.createOrder({ customerId: customer, amount });
  const res = await h.call(customer, '/kki/payments', {
    method: 'POST',
    key: newKey(),
    json: { orderId: order.id, source },
  });
  return { order, res, body: (await res.json()) as PaymentView };
}

describe('KKI flows', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  const pay = (customer: string, source: unknown, amount?: number) => payOrder(h, customer, source, amount);

  async function approve(paymentId: string) {
    const payment = await h.bff.store.payments.get(paymentId);
    const res = await h.control(`/kki/payments/${payment?.partnerReferenceNo}/approve`, {});
    expect(res.status).toBe(200);
    await h.idle();
  }

  it('pays with a card and OTT: pending with the issuer-app page, then succeeded by notification', async () => {
    const { order, res, body } = await pay('alice', {
      type: 'card',
      cpan: kkiTestCpan('bri'),
      ott: newOtt(),
    });
    expect(res.status).toBe(201);
    expect(body.status).toBe('pending');
    const action = body.nextAction;
    if (action.type !== 'issuer_app') throw new Error(`unexpected next action ${action.type}`);
    expect(action.url).toMatch(/^https:\/\/shop\.test\/api\/kki\/__doku\//);
    expect(action.issuer).toBe('bri');
    expect(Date.parse(action.expiresAt ?? '')).toBeGreaterThan(Date.now());
    // The issuer-app page is reachable through the BFF's origin.
    const page = await h.host.request(new URL(action.url).pathname);
    expect(page.status).toBe(200);

    await approve(body.id);
    const after = await (await h.call('alice', `/payments/${body.id}`)).json();
    expect(after).toMatchObject({ status: 'succeeded', nextAction: { type: 'none' } });
    expect((await h.bff.store.orders.get(order.id))?.status).toBe('paid');
  });

  it('pays and saves the card: the saved card appears once DOKU issues the token', async () => {
    const { body } = await pay('bob', {
      type: 'card',
      cpan: kkiTestCpan('mandiri', undefined, 2),
      ott: newOtt(),
      saveCard: true,
    });
    expect(body.status).toBe('pending');
    expect((await (await h.call('bob', '/kki/cards')).json()).cards).toHaveLength(0);
    await approve(body.id);
    const cards = (await (await h.call('bob', '/kki/cards')).json()).cards as {
      id: string;
      issuer: string;
    }[];
    expect(cards).toHaveLength(1);
    expect(cards[0]?.issuer).toBe('mandiri');

    // Pay again with the saved card.
    const second = await pay('bob', { type: 'saved_card', cardId: cards[0]?.id });
    expect(second.res.status).toBe(201);
    expect(second.body.status).toBe('pending');
    await approve(second.body.id);
    expect((await (await h.call('bob', `/payments/${second.body.id}`)).json()).status).toBe('succeeded');

    // Customer A cannot use or remove customer B's card.
    const stolen = await pay('mallory', { type: 'saved_card', cardId: cards[0]?.id });
    expect(stolen.res.status).toBe(404);
    expect(stolen.body.error?.code).toBe('card_not_found');
    const remove = await h.call('mallory', `/kki/cards/${cards[0]?.id}`, { method: 'DELETE', key: newKey() });
    expect(remove.status).toBe(404);
    expect((await h.bff.store.savedCards.get(cards[0]?.id ?? ''))?.status).toBe('active');

    // The owner removes it: DOKU's unbinding is PENDING, then its notification removes the card
    // (found through the removal's DOKU id: a card saved by bind-and-pay has no binding here).
    const own = await h.call('bob', `/kki/cards/${cards[0]?.id}`, { method: 'DELETE', key: newKey() });
    expect(await own.json()).toMatchObject({ removed: false, card: { status: 'removing' } });
    await h.control('/clock/advance', { seconds: 10 });
    await h.idle();
    expect((await h.bff.store.savedCards.get(cards[0]?.id ?? ''))?.status).toBe('removed');
  });

  it('a decline in the issuer app fails the payment with do_not_honor', async () => {
    const { body } = await pay('carol', { type: 'card', cpan: kkiTestCpan('bjb'), ott: newOtt() });
    const payment = await h.bff.store.payments.get(body.id);
    await h.control(`/kki/payments/${payment?.partnerReferenceNo}/decline`, {});
    await h.idle();
    const after = await (await h.call('carol', `/payments/${body.id}`)).json();
    expect(after.status).toBe('failed');
    expect(after.error.code).toBe('do_not_honor');
  });

  it('status refresh settles a payment whose notification never came', async () => {
    const { body } = await pay('dave', { type: 'card', cpan: kkiTestCpan('dki'), ott: newOtt() });
    const payment = await h.bff.store.payments.get(body.id);
    // Approve inside the sandbox without letting its notification reach the BFF.
    const sandbox = h.sandbox;
    const url = sandbox.config.snapNotificationUrl;
    sandbox.config.snapNotificationUrl = null;
    try {
      expect(sandbox.kki.approve(payment?.partnerReferenceNo ?? '')).toBe('succeeded');
    } finally {
      sandbox.config.snapNotificationUrl = url;
    }
    expect((await h.bff.store.payments.get(body.id))?.status).toBe('pending');
    const stored = await h.bff.store.payments.get(body.id);
    if (!stored) throw new Error('payment missing');
    const refreshed = await h.bff.services.kkiPayments?.refresh(stored);
    expect(refreshed?.status).toBe('succeeded');
  });

  it('cancel closes an unconfirmed payment', async () => {
    const { body } = await pay('erin', { type: 'card', cpan: kkiTestCpan('bpd_bali'), ott: newOtt() });
    const res = await h.call('erin', `/payments/${body.id}/cancel`, { method: 'POST', key: newKey() });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('cancelled');
  });

  it('ignores an amount sent by the browser: DOKU is asked for the order amount', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'frank', amount: 275_000 });
    const res = await h.call('frank', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: {
        orderId: order.id,
        amount: 1,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 7), ott: newOtt() },
      },
    });
    const body = await res.json();
    const payment = await h.bff.store.payments.get(body.id);
    const row = h.ledger().payments.find((p) => p.partnerReferenceNo === payment?.partnerReferenceNo);
    expect(row?.amount).toBe(275_000);
    expect(body.amount).toBe(275_000);
  });

  it('binds a card with the OTP typed in the component (H2H), wrong OTP first', async () => {
    const res = await h.call('gina', '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('bri', undefined, 11), mode: 'otp' },
    });
    expect(res.status).toBe(201);
    const binding = await res.json();
    expect(binding).toMatchObject({ status: 'pending', nextAction: { type: 'otp_input', attemptsLeft: 3 } });
    const wrong = await h.call('gina', `/kki/bindings/${binding.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: '000000' },
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect((await wrong.json()).error.code).toBe('invalid_otp');
    const ok = await h.call('gina', `/kki/bindings/${binding.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: KKI_TEST_OTP.correct },
    });
    const done = await ok.json();
    expect(done.status).toBe('active');
    const cards = (await (await h.call('gina', '/kki/cards')).json()).cards;
    expect(cards.map((c: { id: string }) => c.id)).toEqual([done.cardId]);
  });

  it('a binding whose answer was lost, sent again with its key, resumes the binding DOKU started', async () => {
    const key = newKey();
    const start = () =>
      h.call('gilang', '/kki/bindings', {
        method: 'POST',
        key,
        json: { cpan: kkiTestCpan('bri', undefined, 18), mode: 'otp' },
      });
    await h.control('/faults', {
      rules: [{ endpoint: 'kki.bind', kind: 'drop', phase: 'after', times: 10 }],
    });
    expect((await start()).status).toBeGreaterThanOrEqual(500);
    await h.sandbox.app.request('/__sandbox/faults', { method: 'DELETE' });
    // The same request again: DOKU sees the same body under the same id, a replay, not a conflict.
    const again = await start();
    if (h.sandbox.config.minimal) {
      // DOKU's documented 409 carries no original, and a binding has no status call to ask: the
      // replay cannot be resumed, and the customer starts again (SANDBOX_MINIMAL=1).
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe('duplicate_request');
      return;
    }
    // Where DOKU includes the original (REPLAY_ORIGINAL_RESPONSE_FIELD), the binding goes on.
    expect(again.status).toBe(201);
    const binding = await again.json();
    expect(binding).toMatchObject({ status: 'pending', nextAction: { type: 'otp_input' } });
    const done = await h.call('gilang', `/kki/bindings/${binding.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: KKI_TEST_OTP.correct },
    });
    expect((await done.json()).status).toBe('active');
  });

  it('counts two wrong OTPs sent at once as two of the three attempts; the third fails the binding', async () => {
    const res = await h.call('gita', '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('bri', undefined, 19), mode: 'otp' },
    });
    const { id } = (await res.json()) as { id: string };
    const wrong = () =>
      h.call('gita', `/kki/bindings/${id}/otp`, { method: 'POST', key: newKey(), json: { otp: '000000' } });
    await Promise.all([wrong(), wrong()]);
    const after = await (await h.call('gita', `/kki/bindings/${id}`)).json();
    expect(after).toMatchObject({ status: 'pending', nextAction: { type: 'otp_input', attemptsLeft: 1 } });
    expect((await h.bff.store.bindings.get(id))?.otpAttempts).toBe(2);
    await wrong();
    expect((await (await h.call('gita', `/kki/bindings/${id}`)).json()).status).toBe('failed');
  });

  it("binds a card on DOKU's hosted OTP page (DH): completed by the notification; unbinding PENDING then removed", async () => {
    const res = await h.call('hana', '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('mandiri', undefined, 12) },
    });
    const binding = await res.json();
    expect(binding.nextAction.type).toBe('otp_redirect');
    const url = new URL(binding.nextAction.url);
    expect(url.origin).toBe('https://shop.test');
    const form = await h.host.request(url.pathname + url.search, {
      method: 'POST',
      body: new URLSearchParams({ otp: KKI_TEST_OTP.correct, action: 'verify' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBeLessThan(400);
    await h.idle();
    const after = await (await h.call('hana', `/kki/bindings/${binding.id}`)).json();
    expect(after.status).toBe('active');

    const removal = await h.call('hana', `/kki/cards/${after.cardId}`, { method: 'DELETE', key: newKey() });
    const removed = await removal.json();
    expect(removed.removed).toBe(false);
    expect(removed.card.status).toBe('removing');
    await h.control('/clock/advance', { seconds: 10 });
    await h.idle();
    expect((await h.bff.store.savedCards.get(after.cardId))?.status).toBe('removed');
    expect((await (await h.call('hana', '/kki/cards')).json()).cards).toHaveLength(0);
  });
});

describe('KKI payment expiry', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    // A short OTT lifetime, so the window closes without moving the sandbox clock far from ours.
    h = await startKki({ offlineSandbox: { control: true, ottTtlSeconds: 2 } });
  }, 60_000);
  afterAll(() => h.close());

  it('a payment left unconfirmed past the OTT lifetime fails with case 12 (OTT expired or not permitted)', async () => {
    const { body } = await payOrder(h, 'eve', {
      type: 'card',
      cpan: kkiTestCpan('bri', undefined, 8),
      ott: newOtt(),
    });
    expect(body.status).toBe('pending');
    if (body.nextAction.type !== 'issuer_app') throw new Error('expected the issuer app');
    // The window the customer is shown is the OTT's.
    expect(Date.parse(body.nextAction.expiresAt ?? '') - Date.parse(body.createdAt)).toBeLessThanOrEqual(
      2_500,
    );
    await h.control('/clock/advance', { seconds: 3 });
    await h.idle();
    const after = await (await h.call('eve', `/payments/${body.id}`)).json();
    expect(after).toMatchObject({
      status: 'failed',
      error: { code: 'ott_expired_or_not_permitted' },
      nextAction: { type: 'none' },
    });
  });
});
