// Events for merchant code from real flows against the sandbox: every listed type is written with
// its change, `onEvent` receives them in order per payment, and no card data is in them.
import { type KkiEvent, kkiEventSchema, type PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardsHarness, openCardPage, payPage, startCards } from './cards-setup.js';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

const staff = { 'x-test-staff': 'yes' };

/** Events of `subjectId` (a payment's events and its refunds', or a card's) as received, in order. */
const about = (received: KkiEvent[], id: string) =>
  received.filter((e) => e.data.id === id || ('paymentId' in e.data && e.data.paymentId === id));

describe('events from KKI flows (pending, succeeded, failed, cancelled, card saved and removed)', () => {
  let h: KkiHarness;
  const received: KkiEvent[] = [];
  const cpans: string[] = [];
  beforeAll(async () => {
    h = await startKki({ onEvent: (e) => void received.push(e), events: { pollIntervalMs: 0 } });
  }, 60_000);
  afterAll(() => h.close());

  async function pay(customer: string, source: { cpan: string; ott: string; saveCard?: boolean }) {
    cpans.push(source.cpan);
    const order = await h.bff.merchant.createOrder({ customerId: customer, amount: 90_000 });
    const res = await h.call(customer, '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id, source: { type: 'card', ...source } },
    });
    expect(res.status).toBe(201);
    return { order, view: (await res.json()) as PaymentView };
  }
  const reference = async (id: string) => (await h.bff.store.payments.get(id))?.partnerReferenceNo;

  it('a paid KKI payment that saves the card: pending, succeeded, card.saved; then card.removed', async () => {
    const { order, view } = await pay('ev-bob', {
      cpan: kkiTestCpan('mandiri', undefined, 31),
      ott: newOtt(),
      saveCard: true,
    });
    expect((await h.control(`/kki/payments/${await reference(view.id)}/approve`, {})).status).toBe(200);
    await h.idle();
    await h.bff.events.dispatch();
    const mine = about(received, view.id);
    expect(mine.map((e) => e.type)).toEqual(['payment.pending', 'payment.succeeded']);
    expect(mine[1]).toMatchObject({ customerId: 'ev-bob', orderId: order.id, data: { status: 'succeeded' } });
    // The view as it stood at each change: the pending event still reads pending.
    expect(mine[0]?.data).toMatchObject({ status: 'pending' });
    const saved = received.find((e) => e.type === 'card.saved' && e.customerId === 'ev-bob');
    expect(saved).toMatchObject({ orderId: null, data: { status: 'active' } });

    const cardId = saved?.data.id ?? '';
    const removal = await h.call('ev-bob', `/kki/cards/${cardId}`, { method: 'DELETE', key: newKey() });
    expect(removal.status).toBe(200);
    await h.control('/clock/advance', { seconds: 10 });
    await h.idle();
    await h.bff.events.dispatch();
    expect(about(received, cardId).map((e) => e.type)).toEqual(['card.saved', 'card.removed']);
    expect(about(received, cardId)[1]?.data).toMatchObject({ status: 'removed' });
  });

  it('a decline fails the payment; a cancel cancels it', async () => {
    const declined = await pay('ev-carol', { cpan: kkiTestCpan('bjb', undefined, 32), ott: newOtt() });
    await h.control(`/kki/payments/${await reference(declined.view.id)}/decline`, {});
    await h.idle();
    const cancelled = await pay('ev-erin', { cpan: kkiTestCpan('bpd_bali', undefined, 33), ott: newOtt() });
    const res = await h.call('ev-erin', `/payments/${cancelled.view.id}/cancel`, {
      method: 'POST',
      key: newKey(),
    });
    expect(res.status).toBe(200);
    await h.bff.events.dispatch();
    expect(about(received, declined.view.id).map((e) => e.type)).toEqual([
      'payment.pending',
      'payment.failed',
    ]);
    expect(about(received, declined.view.id)[1]?.data).toMatchObject({ error: { code: 'do_not_honor' } });
    expect(about(received, cancelled.view.id).map((e) => e.type)).toEqual([
      'payment.pending',
      'payment.cancelled',
    ]);
  });

  it('a cancelled attempt DOKU approves late is payment.extra_charge, refunded; never payment.succeeded', async () => {
    const { order, view } = await pay('ev-fay', { cpan: kkiTestCpan('bri', undefined, 34), ott: newOtt() });
    const cancel = await h.call('ev-fay', `/payments/${view.id}/cancel`, { method: 'POST', key: newKey() });
    expect(cancel.status).toBe(200);
    // The issuer app was still open: the customer confirms there after all.
    expect((await h.control(`/kki/payments/${await reference(view.id)}/approve`, {})).status).toBe(200);
    await h.idle();
    await h.bff.events.dispatch();
    expect((await h.bff.store.payments.get(view.id))?.status).toBe('refunded');
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('open');
    // A handler that fulfils on payment.succeeded must not ship this order.
    const mine = about(received, view.id);
    expect(mine.map((e) => e.type)).toEqual([
      'payment.pending',
      'payment.cancelled',
      'payment.extra_charge',
      'refund.succeeded',
    ]);
    expect(mine[2]).toMatchObject({ orderId: order.id, data: { status: 'succeeded' } });
  });

  it('the feed reads the same events by cursor, each valid by the contract and free of card data', async () => {
    await h.bff.events.dispatch();
    const all: KkiEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await h.bff.events.list({ ...(after !== undefined && { after }), limit: 2 });
      if (page.events.length === 0) {
        expect(page.next).toBe(after);
        break;
      }
      all.push(...page.events);
      after = page.next;
    }
    // The feed is in commit order; onEvent only keeps order within a payment (streams run side by side).
    expect(all.map((e) => e.id).sort()).toEqual(received.map((e) => e.id).sort());
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const event of all) expect(kkiEventSchema.safeParse(event).success).toBe(true);
    const text = JSON.stringify(all);
    for (const cpan of cpans) expect(text).not.toContain(cpan);
    expect(text).not.toMatch(/token_ciphertext|token_hash|bankCardToken/);
    await expect(h.bff.events.list({ after: 'x; DROP' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // The outbox's rows hold neither DOKU's raw facts nor sealed tokens.
    const rows = await h.bff.store.db.query<{ snapshot: unknown }>('SELECT snapshot FROM events');
    expect(JSON.stringify(rows)).not.toMatch(/"doku"|token_ciphertext|token_hash/);
  });
});

describe('events from Cards flows (authorized, captured, succeeded, refunds)', () => {
  let h: CardsHarness;
  const received: KkiEvent[] = [];
  beforeAll(async () => {
    h = await startCards({ onEvent: (e) => void received.push(e), events: { pollIntervalMs: 0 } });
  }, 60_000);
  afterAll(() => h.close());

  async function paid(amount: number, body: Record<string, unknown> = {}) {
    const { payment } = await openCardPage(h, amount, body);
    const result = await payPage(h, payment.nextAction.url!);
    expect(result.result).toBe('completed');
    await h.host.request(result.redirectUrl!);
    return payment.id;
  }

  it('AUTHORIZE then capture: pending, authorized, captured', async () => {
    const id = await paid(120_000, { paymentType: 'AUTHORIZE' });
    await h.bff.merchant.capture(id, { idempotencyKey: `ev-capture-${id}` });
    await h.bff.events.dispatch();
    expect(about(received, id).map((e) => e.type)).toEqual([
      'payment.pending',
      'payment.authorized',
      'payment.captured',
    ]);
  });

  it('a SALE refunded: a refused partial refund is refund.failed, the void refund.succeeded, after payment.succeeded', async () => {
    const id = await paid(80_000);
    const partial = await h.call(`/payments/${id}/refunds`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ amount: 10_000 }),
    });
    expect(partial.status).toBeGreaterThanOrEqual(400);
    const voided = await h.call(`/payments/${id}/refunds`, { method: 'POST', headers: staff, body: '{}' });
    expect(voided.status).toBe(201);
    await h.bff.events.dispatch();
    const mine = about(received, id);
    expect(mine.map((e) => e.type)).toEqual([
      'payment.pending',
      'payment.succeeded',
      'refund.failed',
      'refund.succeeded',
    ]);
    expect(mine[3]).toMatchObject({ data: { paymentId: id, amount: 80_000, status: 'succeeded' } });
  });
});

describe('events from DOKU Checkout (expired)', () => {
  let h: KkiHarness;
  const received: KkiEvent[] = [];
  beforeAll(async () => {
    h = await startKki({
      kki: { integration: 'checkout' },
      onEvent: (e) => void received.push(e),
      events: { pollIntervalMs: 0 },
    });
  }, 60_000);
  afterAll(() => h.close());

  it('an expired checkout page is payment.expired', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'ev-dave', amount: 50_000 });
    const res = await h.call('ev-dave', '/checkout/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id },
    });
    expect(res.status).toBe(201);
    const view = (await res.json()) as PaymentView;
    const invoice = (await h.bff.store.payments.get(view.id))?.partnerReferenceNo;
    expect((await h.control(`/checkout/${invoice}/expire`, {})).status).toBe(200);
    await h.call('ev-dave', `/payments/${view.id}?refresh=true`);
    await h.bff.events.dispatch();
    expect(about(received, view.id).map((e) => e.type)).toEqual(['payment.pending', 'payment.expired']);
  });
});
