import { type DokuClient, DokuError } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KkiHttpError } from '../src/errors.js';
import { createRefundService } from '../src/refunds/service.js';
import { type CardsHarness, openCardPage, payPage, startCards } from './cards-setup.js';

const staff = { 'x-test-staff': 'yes' };

async function paidCardPayment(h: CardsHarness, amount: number, body: Record<string, unknown> = {}) {
  const { payment } = await openCardPage(h, amount, body);
  const paid = await payPage(h, payment.nextAction.url!);
  expect(paid.result).toBe('completed');
  await h.host.request(paid.redirectUrl!);
  return payment.id;
}

async function settle(h: CardsHarness, paymentId: string) {
  const record = await h.bff.store.payments.get(paymentId);
  const res = await h.control(`/cards/orders/${record!.partnerReferenceNo}/settle`, {});
  expect(res.status).toBe(200);
}

describe('Cards capture and refunds', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('AUTHORIZE holds the money until the merchant captures it in full (once per key)', async () => {
    const id = await paidCardPayment(h, 120_000, { paymentType: 'AUTHORIZE' });
    expect((await h.bff.merchant.getPayment(id))?.status).toBe('authorized');
    const first = await h.bff.merchant.capture(id, { idempotencyKey: `capture-${id}` });
    expect(first.status).toBe('succeeded');
    const again = await h.bff.merchant.capture(id, { idempotencyKey: `capture-${id}` });
    expect(again).toEqual(first);
    // A second capture with another key is refused: the payment is no longer authorized.
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `capture-2-${id}` })).rejects.toMatchObject({
      code: 'operation_not_allowed',
    });
  });

  it('AUTHORIZE captured in part: refunds are capped by the captured amount', async () => {
    const id = await paidCardPayment(h, 100_000, { paymentType: 'AUTHORIZE' });
    const captured = await h.bff.merchant.capture(id, { amount: 60_000, idempotencyKey: `cap-part-${id}` });
    expect(captured.status).toBe('succeeded');
    await settle(h, id);
    await expect(
      h.bff.merchant.refund(id, { amount: 70_000, idempotencyKey: `ref-over-${id}` }),
    ).rejects.toMatchObject({ code: 'refund_exceeds_remaining' });
    const full = await h.bff.merchant.refund(id, { idempotencyKey: `ref-all-${id}` });
    expect(full).toMatchObject({ amount: 60_000, status: 'succeeded', type: 'FULL_REFUND' });
  });

  it('capture of a SALE, or with a bad amount, is refused and changes nothing', async () => {
    const id = await paidCardPayment(h, 30_000);
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `cap-sale-${id}` })).rejects.toBeInstanceOf(
      KkiHttpError,
    );
    await expect(
      h.bff.merchant.capture(id, { amount: -5, idempotencyKey: `cap-neg-${id}` }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await h.bff.merchant.getPayment(id))?.status).toBe('succeeded');
  });

  it('before settlement a full refund is a VOID; a partial one is refused by DOKU and recorded failed', async () => {
    const id = await paidCardPayment(h, 80_000);
    const partial = await h.call(`/payments/${id}/refunds`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ amount: 10_000 }),
    });
    expect(partial.status).toBeGreaterThanOrEqual(400);
    expect((await partial.json()).error.code).toBe('refund_failed');
    const voided = await h.call(`/payments/${id}/refunds`, { method: 'POST', headers: staff, body: '{}' });
    expect(voided.status).toBe(201);
    expect(await voided.json()).toMatchObject({ amount: 80_000, type: 'VOID', status: 'succeeded' });
    const view = await h.bff.merchant.getPayment(id);
    expect(view).toMatchObject({ status: 'refunded', refundedAmount: 80_000, refundableAmount: 0 });
    const history = await h.bff.merchant.listRefunds(id);
    expect(history.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });

  it('after settlement: partial then full refunds, never above what is left', async () => {
    const id = await paidCardPayment(h, 100_000);
    await settle(h, id);
    const refund = (amount: number | undefined, key: string) =>
      h.call(`/payments/${id}/refunds`, {
        method: 'POST',
        key,
        headers: staff,
        body: JSON.stringify(amount === undefined ? {} : { amount }),
      });
    const part = await refund(30_000, `p1-${id}`);
    expect(part.status).toBe(201);
    expect(await part.json()).toMatchObject({ amount: 30_000, type: 'PARTIAL_REFUND', status: 'succeeded' });
    // Same key, same body: the first answer, no second refund.
    expect(await (await refund(30_000, `p1-${id}`)).json()).toMatchObject({ amount: 30_000 });
    const over = await refund(80_000, `p2-${id}`);
    expect(over.status).toBe(422);
    expect((await over.json()).error.code).toBe('refund_exceeds_remaining');
    const rest = await refund(undefined, `p3-${id}`);
    expect(await rest.json()).toMatchObject({ amount: 70_000, status: 'succeeded' });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 100_000,
    });
    expect((await h.bff.merchant.listRefunds(id)).length).toBe(2);
  });

  it('an INSTALLMENT refund after settlement is processed manually', async () => {
    const { payment } = await openCardPage(h, 600_000, {
      paymentType: 'INSTALLMENT',
      installment: { acquirer: 'BNI', tenor: 3 },
    });
    const paid = await payPage(h, payment.nextAction.url!, '4111111111111111', { tenor: 3 });
    expect(paid.result).toBe('completed');
    await h.host.request(paid.redirectUrl!);
    await settle(h, payment.id);
    const refund = await h.bff.merchant.refund(payment.id, {
      amount: 100_000,
      idempotencyKey: `inst-${payment.id}`,
    });
    expect(refund).toMatchObject({ type: 'MANUAL_PARTIAL_REFUND', status: 'succeeded' });
  });

  it('a refund without the authorizeRefund hook saying yes is refused and changes nothing', async () => {
    const id = await paidCardPayment(h, 50_000);
    const res = await h.call(`/payments/${id}/refunds`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('refund_not_authorized');
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);

    const noHook = await startCards({ authorizeRefund: undefined });
    try {
      const other = await paidCardPayment(noHook, 50_000);
      const refused = await noHook.call(`/payments/${other}/refunds`, {
        method: 'POST',
        headers: staff,
        body: '{}',
      });
      expect((await refused.json()).error.code).toBe('refund_not_authorized');
      expect(await noHook.bff.merchant.getPayment(other)).toMatchObject({
        status: 'succeeded',
        refundedAmount: 0,
      });
    } finally {
      await noHook.close();
    }
  });

  it('an unpaid card payment cannot be refunded', async () => {
    const { payment } = await openCardPage(h, 20_000);
    await expect(
      h.bff.merchant.refund(payment.id, { idempotencyKey: `unpaid-${payment.id}` }),
    ).rejects.toMatchObject({
      code: 'payment_not_refundable',
    });
  });
});

describe('a card refund whose replayed original was still in progress', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  /** The refund service over a DOKU whose refund answer replays a PENDING original. */
  function serviceOver(history: { request_id: string; status: string; type: string }[] | 'down') {
    const real = h.bff.doku.client;
    let statusAsks = 0;
    const client: DokuClient = {
      ...real,
      cardRefund: async (input, options) => ({
        source: 'response',
        data: { order: input.order, refund: { amount: input.refund.amount, status: 'PENDING' } },
        httpStatus: 200,
        replayed: true,
        requestId: options?.requestId ?? '',
        attempts: 1,
      }),
      orderStatus: async (invoiceNumber) => {
        statusAsks++;
        if (history === 'down')
          throw new DokuError({
            kind: 'unavailable',
            reason: 'http',
            endpoint: 'orderStatus',
            retryable: true,
            attempts: 1,
          });
        return {
          source: 'response',
          data: {
            order: { invoice_number: invoiceNumber },
            transaction: { status: 'SUCCESS' },
            refund_history: history,
          },
          httpStatus: 200,
          replayed: false,
          requestId: 'status',
          attempts: 1,
        } as Awaited<ReturnType<DokuClient['orderStatus']>>;
      },
    };
    const { config, store, log } = h.bff;
    return { service: createRefundService({ config, store, log }, client), asks: () => statusAsks };
  }

  const ctxOf = (externalId: string) => ({
    key: `k-${externalId}`,
    externalId,
    dokuId: () => Promise.reject(new Error('no further id')),
  });

  it('is settled from the order status when DOKU has it ended, and stays pending while it cannot tell', async () => {
    const id = await paidCardPayment(h, 50_000);
    await settle(h, id);
    const payment = await h.bff.store.payments.get(id);
    if (!payment) throw new Error('payment missing');

    const down = serviceOver('down');
    const waiting = await down.service.refund(
      payment,
      { amount: 10_000 },
      ctxOf('900000000000000000000000001'),
    );
    expect(down.asks()).toBe(1);
    expect(waiting.status).toBe('pending');

    const done = serviceOver([
      { request_id: '900000000000000000000000001', status: 'SUCCESS', type: 'REFUND' },
    ]);
    const settled = await done.service.refund(payment, {}, ctxOf('900000000000000000000000001'));
    expect(settled).toMatchObject({ status: 'succeeded', amount: 10_000 });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ refundedAmount: 10_000 });

    const failed = serviceOver([
      { request_id: '900000000000000000000000002', status: 'FAILED', type: 'REFUND' },
    ]);
    await expect(
      failed.service.refund(payment, { amount: 5_000 }, ctxOf('900000000000000000000000002')),
    ).rejects.toMatchObject({ code: 'refund_failed' });
    // Failed releases its amount: nothing more was counted as given back.
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ refundedAmount: 10_000 });
  });
});
