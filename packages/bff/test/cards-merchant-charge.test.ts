// merchant.chargeSavedCard: a subscription renewal on a saved KKI card, with no customer step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, type CardsHarness, startCards } from './cards-setup.js';

describe('merchant.chargeSavedCard (KKI payment without authentication)', () => {
  let h: CardsHarness;
  let cardId: string;
  beforeAll(async () => {
    h = await startCards();
    // The customer pays once and saves the card (bind-and-pay), confirming in the issuer app.
    const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 25_000 });
    const res = await h.call('/kki/payments', {
      method: 'POST',
      body: JSON.stringify({
        orderId: order.id,
        source: { type: 'card', cpan: '9360000800000015', ott: '512345', saveCard: true },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const record = await h.bff.store.payments.get(id);
    await h.control(`/kki/payments/${record!.partnerReferenceNo}/approve`, {});
    await h.doku.sandbox!.notifier.idle();
    const cards = await h.bff.store.savedCards.listForCustomer(CUSTOMER);
    expect(cards).toHaveLength(1);
    cardId = cards[0]!.id;
  }, 60_000);
  afterAll(() => h.close());

  it('charges the saved card at once, once per key', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 25_000 });
    const key = `renewal-${order.id}`;
    const first = await h.bff.merchant.chargeSavedCard({ orderId: order.id, cardId, idempotencyKey: key });
    expect(first).toMatchObject({ status: 'succeeded', kkiKind: 'no_auth', amount: 25_000 });
    expect(first.nextAction).toEqual({ type: 'none' });
    const again = await h.bff.merchant.chargeSavedCard({ orderId: order.id, cardId, idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await h.bff.merchant.listPayments({ orderId: order.id })).toHaveLength(1);
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('paid');
    // The instance died before it stored its answer: a retry that takes the key over gets the
    // payment it made, not already_paid.
    await h.bff.store.db.query('DELETE FROM idempotency_records WHERE key = $1', [key]);
    const retried = await h.bff.merchant.chargeSavedCard({ orderId: order.id, cardId, idempotencyKey: key });
    expect(retried).toMatchObject({ id: first.id, status: 'succeeded', kkiKind: 'no_auth', amount: 25_000 });
    expect(await h.bff.merchant.listPayments({ orderId: order.id })).toHaveLength(1);
    // Another key on the paid order is refused; no second charge.
    await expect(
      h.bff.merchant.chargeSavedCard({ orderId: order.id, cardId, idempotencyKey: `${key}-2` }),
    ).rejects.toMatchObject({ code: 'already_paid' });
  });

  it("refuses another customer's card, an unknown card and bad input, charging nothing", async () => {
    const other = await h.bff.merchant.createOrder({ customerId: 'someone-else', amount: 10_000 });
    await expect(
      h.bff.merchant.chargeSavedCard({ orderId: other.id, cardId, idempotencyKey: `steal-${other.id}` }),
    ).rejects.toMatchObject({ code: 'card_not_found' });
    const mine = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 10_000 });
    await expect(
      h.bff.merchant.chargeSavedCard({
        orderId: mine.id,
        cardId: 'card_unknown0000',
        idempotencyKey: `unk-${mine.id}`,
      }),
    ).rejects.toMatchObject({ code: 'card_not_found' });
    // Not a card id at all: refused by the contract's schema before anything is looked up.
    await expect(
      h.bff.merchant.chargeSavedCard({ orderId: mine.id, cardId: 'x', idempotencyKey: `bad-${mine.id}` }),
    ).rejects.toMatchObject({ code: 'validation_failed', field: 'cardId' });
    await expect(
      h.bff.merchant.chargeSavedCard({ orderId: mine.id, cardId, idempotencyKey: 'short' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await h.bff.merchant.listPayments({ orderId: other.id })).toEqual([]);
    expect(await h.bff.merchant.listPayments({ orderId: mine.id })).toEqual([]);
  });

  it('checks a saved card the same way in the browser route and the merchant API (a DOKU Cards card is no KKI source)', async () => {
    const cardsCard = await h.bff.store.savedCards.create({
      customerId: CUSTOMER,
      method: 'card',
      token: 'CARDS-TOKEN-NOT-KKI',
      maskedCpan: '411111******1111',
      issuer: null,
      issuerName: null,
    });
    const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 10_000 });
    const res = await h.call('/kki/payments', {
      method: 'POST',
      body: JSON.stringify({ orderId: order.id, source: { type: 'saved_card', cardId: cardsCard.id } }),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string; field?: string } }).error).toMatchObject({
      code: 'card_not_found',
      field: 'cardId',
    });
    await expect(
      h.bff.merchant.chargeSavedCard({
        orderId: order.id,
        cardId: cardsCard.id,
        idempotencyKey: `cards-card-${order.id}`,
      }),
    ).rejects.toMatchObject({ code: 'card_not_found', field: 'cardId' });
    expect(await h.bff.merchant.listPayments({ orderId: order.id })).toEqual([]);
  });
});
