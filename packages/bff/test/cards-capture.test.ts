// Capturing a card AUTHORIZE: a retry with the key of a capture DOKU made answers that capture, an
// authorization the order does not keep is never captured (it is being voided), a capture is held to
// what DOKU holds, a capture DOKU leaves pending is not stored as the key's answer, and an
// authorization DOKU releases after its hold frees the order.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CAPTURE_SENT_AT_FACT } from '../src/store/index.js';
import {
  authorizedCardPayment,
  CUSTOMER,
  type CardsHarness,
  ledgerOrders as ledgerOf,
  payPage,
  startCards,
} from './cards-setup.js';

describe('card captures', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards({ dokuRetries: 0 });
  }, 60_000);
  afterAll(() => h.close());

  const clearFaults = () => h.doku.sandbox!.app.request('/__sandbox/faults', { method: 'DELETE' });
  const ledgerOrders = () => ledgerOf(h);
  const authorized = (amount: number, cardOptions?: Parameters<typeof authorizedCardPayment>[2]) =>
    authorizedCardPayment(h, amount, cardOptions);

  it('a retry with the key of a capture DOKU made, its answer lost, answers that capture', async () => {
    const id = await authorized(100_000);
    await h.control('/faults', {
      rules: [{ endpoint: 'cards.capture', kind: 'drop', phase: 'after', times: 10 }],
    });
    const key = `capture-${id}`;
    await expect(h.bff.merchant.capture(id, { idempotencyKey: key })).rejects.toMatchObject({
      outcomeUnknown: true,
    });
    await clearFaults();
    // DOKU's CAPTURE notification settles the payment before the retry.
    await h.doku.sandbox!.notifier.idle();
    expect((await h.bff.store.payments.get(id))?.status).toBe('succeeded');
    await expect(h.bff.merchant.capture(id, { idempotencyKey: key })).resolves.toMatchObject({
      id,
      status: 'succeeded',
    });
    // Another key is refused: the authorization is captured already.
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `other-${id}` })).rejects.toMatchObject({
      code: 'operation_not_allowed',
    });
    const ref = (await h.bff.store.payments.get(id))?.partnerReferenceNo;
    expect((await ledgerOrders()).find((o) => o.invoiceNumber === ref)?.authorization?.status).toBe(
      'CAPTURED',
    );
  });

  it('a capture DOKU made whose answer and notification were both lost, never retried, is found by reconciliation', async () => {
    const id = await authorized(100_000);
    await h.control('/faults', {
      rules: [
        { endpoint: 'cards.capture', kind: 'drop', phase: 'after', times: 10 },
        { endpoint: 'notifications', kind: 'lose', times: 1 },
      ],
    });
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `lost-${id}` })).rejects.toMatchObject({
      outcomeUnknown: true,
    });
    await clearFaults();
    await h.doku.sandbox!.notifier.idle();
    const ref = (await h.bff.store.payments.get(id))?.partnerReferenceNo;
    expect((await ledgerOrders()).find((o) => o.invoiceNumber === ref)?.authorization?.status).toBe(
      'CAPTURED',
    );
    // The merchant never retries; the store still says authorized, so a refund is refused.
    const sent = await h.bff.store.payments.get(id);
    expect(sent).toMatchObject({
      status: 'authorized',
      doku: { [CAPTURE_SENT_AT_FACT]: expect.any(String) },
    });
    await expect(h.bff.merchant.refund(id, { idempotencyKey: `early-${id}` })).rejects.toMatchObject({
      code: 'payment_not_refundable',
    });
    // A run soon after the capture leaves it be; once it has waited pendingAfterMs, DOKU is asked.
    await h.bff.services.reconciliation?.run();
    expect((await h.bff.store.payments.get(id))?.status).toBe('authorized');
    await h.bff.store.db.query(
      `UPDATE payments SET updated_at = updated_at - interval '1 hour' WHERE id = $1`,
      [id],
    );
    await h.bff.services.reconciliation?.run();
    expect(await h.bff.store.payments.get(id)).toMatchObject({ status: 'succeeded' });
    await expect(h.bff.merchant.refund(id, { idempotencyKey: `late-${id}` })).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('a capture DOKU refuses leaves no mark for reconciliation to ask about', async () => {
    const id = await authorized(100_000);
    await expect(
      h.bff.merchant.capture(id, { idempotencyKey: `over-${id}`, amount: 100_001 }),
    ).rejects.toMatchObject({ code: 'invalid_amount' });
    expect((await h.bff.store.payments.get(id))?.doku).not.toHaveProperty(CAPTURE_SENT_AT_FACT);
    await h.control('/faults', { rules: [{ endpoint: 'cards.capture', kind: 'error5xx', times: 1 }] });
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `down-${id}` })).rejects.toMatchObject({
      outcomeUnknown: true,
    });
    // An unknown outcome keeps the mark: DOKU may have taken it.
    expect((await h.bff.store.payments.get(id))?.doku[CAPTURE_SENT_AT_FACT]).toEqual(expect.any(String));
    await clearFaults();
  });

  it('never captures an authorization the order does not keep, which is being voided', async () => {
    const order = await h.bff.merchant.createOrder({
      customerId: CUSTOMER,
      amount: 150_000,
      metadata: { email: 'budi@example.com' },
    });
    const page = async (paymentType: string) => {
      const res = await h.call('/cards/payments', {
        method: 'POST',
        body: JSON.stringify({ orderId: order.id, paymentType }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; nextAction: { url: string } };
    };
    // An AUTHORIZE page replaced by a SALE page, which pays the order; the old page is paid late
    // while DOKU cannot void it yet.
    const a = await page('AUTHORIZE');
    const b = await page('SALE');
    expect((await payPage(h, b.nextAction.url)).result).toBe('completed');
    await h.doku.sandbox!.notifier.idle();
    await h.control('/faults', { rules: [{ endpoint: 'cards.cardRefund', kind: 'error5xx', times: 100 }] });
    expect((await payPage(h, a.nextAction.url)).result).toBe('completed');
    await h.doku.sandbox!.notifier.idle();
    await clearFaults();
    expect(await h.bff.store.extraCharges.get(a.id)).toMatchObject({ status: 'refunding' });

    await expect(h.bff.merchant.capture(a.id, { idempotencyKey: `capture-${a.id}` })).rejects.toMatchObject({
      code: 'operation_not_allowed',
    });
    const refs = (await h.bff.store.payments.list({ orderId: order.id })).map((p) => p.partnerReferenceNo);
    const taken = (await ledgerOrders()).filter(
      (o) =>
        refs.includes(o.invoiceNumber) && o.status === 'SUCCESS' && o.authorization?.status !== 'AUTHORIZED',
    );
    expect(taken).toHaveLength(1);
  });

  it('holds a capture to what DOKU holds after a promo, refusing more as invalid_amount', async () => {
    const id = await authorized(100_000, { promos: [{ bin: '411111', discountAmount: 10_000 }] });
    await expect(
      h.bff.merchant.capture(id, { amount: 95_000, idempotencyKey: `over-${id}` }),
    ).rejects.toMatchObject({ code: 'invalid_amount' });
    await expect(
      h.bff.merchant.capture(id, { amount: 90_000, idempotencyKey: `held-${id}` }),
    ).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('a capture DOKU answers PENDING is in progress, and the retry with its key answers DOKU’s outcome', async () => {
    const id = await authorized(70_000);
    const client = h.bff.doku.client;
    const real = client.capture.bind(client);
    // DOKU has taken the capture but says it is still pending (the sandbox never answers so).
    const spy = vi.spyOn(client, 'capture').mockImplementationOnce(async (input, options) => {
      const answer = await real(input, options);
      return { ...answer, data: { ...answer.data, payment: { ...answer.data.payment, status: 'PENDING' } } };
    });
    try {
      const key = `pending-${id}`;
      await expect(h.bff.merchant.capture(id, { idempotencyKey: key })).rejects.toMatchObject({
        code: 'payment_in_progress',
        outcomeUnknown: true,
      });
      await h.doku.sandbox!.notifier.idle();
      await expect(h.bff.merchant.capture(id, { idempotencyKey: key })).resolves.toMatchObject({
        status: 'succeeded',
      });
    } finally {
      spy.mockRestore();
    }
  });

  // Last in the file: it moves the sandbox's clock eight days on.
  it('an authorization DOKU released after its hold expires, freeing its order: by reconciliation, or a capture DOKU refuses', async () => {
    const byReconciliation = await authorized(60_000);
    const byCapture = await authorized(61_000);
    const orderOf = async (id: string) =>
      h.bff.merchant.getOrder((await h.bff.store.payments.get(id))?.orderId ?? '');
    expect((await orderOf(byReconciliation))?.status).toBe('paid');
    // Past the hold, at DOKU and for the BFF: never captured, DOKU let the authorizations go.
    await h.control('/clock/advance', { ms: 8 * 24 * 60 * 60_000 });
    await expect(
      h.bff.merchant.capture(byCapture, { idempotencyKey: `late-${byCapture}` }),
    ).rejects.toMatchObject({ code: 'invalid_transaction_status' });
    expect((await h.bff.store.payments.get(byCapture))?.status).toBe('expired');
    expect(await orderOf(byCapture)).toMatchObject({ status: 'open', paidPaymentId: null });

    await h.bff.store.db.query(
      `UPDATE payments SET created_at = created_at - interval '7 days 12 hours',
         updated_at = updated_at - interval '7 days 12 hours' WHERE id = $1`,
      [byReconciliation],
    );
    await h.bff.services.reconciliation?.run();
    expect((await h.bff.store.payments.get(byReconciliation))?.status).toBe('expired');
    expect(await orderOf(byReconciliation)).toMatchObject({ status: 'open', paidPaymentId: null });
  });
});
