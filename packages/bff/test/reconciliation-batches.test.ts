// Reconciliation walks every open payment and extra charge, not only the oldest batch: those it can
// do nothing about yet (a page never opened, DOKU down for them, a payment not yet refundable) must
// not keep younger ones from being asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationService, type PaymentReconciler } from '../src/services/reconciliation.js';
import type { PaymentRecord } from '../src/store/index.js';
import { type CardsHarness, CUSTOMER, startCards } from './cards-setup.js';

describe('reconciliation batches', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards({ reconciliation: { enabled: false, pendingAfterMs: 1 } });
  }, 60_000);
  afterAll(() => h.close());

  const openPayment = async (serial: number) => {
    const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 10_000 + serial });
    return h.bff.store.payments.create({
      orderId: order.id,
      method: 'card',
      cardPaymentType: 'SALE',
      partnerReferenceNo: `BATCH${Date.now()}${serial}`,
      externalId: `BATCH${Date.now()}${serial}`,
    });
  };

  it('asks about a younger payment behind more than a batch of payments DOKU does not answer about', async () => {
    const unanswered: PaymentRecord[] = [];
    for (let i = 0; i < 101; i++) unanswered.push(await openPayment(i));
    const younger = await openPayment(500);
    const asked: string[] = [];
    const reconciler: PaymentReconciler = {
      method: 'card',
      async settle(payment) {
        asked.push(payment.id);
        if (payment.id !== younger.id) return payment;
        return (await h.bff.store.payments.transition(payment.id, 'failed', { source: 'status_check' }))
          .record;
      },
    };
    const { config, store, log } = h.bff;
    const reconciliation = createReconciliationService({ config, store, log, reconcilers: [reconciler] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const run = await reconciliation.run();
    expect(asked).toContain(younger.id);
    expect(new Set(asked).size).toBe(asked.length);
    expect(run.settled).toBe(1);
    expect((await store.payments.get(younger.id))?.status).toBe('failed');
    // The unanswered ones stay open, touched, to be asked again once they waited pendingAfterMs.
    for (const p of unanswered.slice(0, 3)) {
      const now = await store.payments.get(p.id);
      expect(now?.status).toBe('created');
      expect(now!.updatedAt.getTime()).toBeGreaterThan(p.updatedAt.getTime());
    }
  }, 60_000);

  it('settles a younger extra charge behind more than a batch of ones it cannot refund yet', async () => {
    const { store } = h.bff;
    const extraCharge = async (payment: PaymentRecord) =>
      store.db.query(
        `INSERT INTO extra_charges (payment_id, order_id, reason, status)
         VALUES ($1, $2, 'cancelled_attempt', 'refunding')`,
        [payment.id, payment.orderId],
      );
    // Payments still open at DOKU: nothing to refund yet, so each stays `refunding` as it was.
    for (let i = 0; i < 101; i++) await extraCharge(await openPayment(1_000 + i));
    const younger = await openPayment(2_000);
    await store.payments.transition(younger.id, 'cancelled', { source: 'api' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await extraCharge(younger);
    await h.bff.services.reconciliation!.run();
    expect(await store.extraCharges.get(younger.id)).toMatchObject({ status: 'refunded' });
  }, 60_000);
});
