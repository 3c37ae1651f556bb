import { KKI_ERROR_CATALOGUE, kkiFlowCopy } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardsHarness, paidKkiPayment, startCards } from './cards-setup.js';

const staff = { 'x-test-staff': 'yes' };

describe('KKI refunds', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  const refund = (id: string, body: unknown, key: string, headers: Record<string, string> = staff) =>
    h.call(`/payments/${id}/refunds`, { method: 'POST', key, headers, body: JSON.stringify(body) });

  it('partial, then the rest: KKI_PARTIAL_REFUND then KKI_FULL_REFUND; the payment ends refunded', async () => {
    const id = (await paidKkiPayment(h, 100_000)).id;
    const part = await refund(id, { amount: 40_000, reason: 'one item returned' }, `kki-p-${id}`);
    expect(part.status).toBe(201);
    expect(await part.json()).toMatchObject({
      amount: 40_000,
      status: 'succeeded',
      type: 'KKI_PARTIAL_REFUND',
    });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 40_000,
      refundableAmount: 60_000,
    });
    const over = await refund(id, { amount: 60_001 }, `kki-o-${id}`);
    expect((await over.json()).error.code).toBe('refund_exceeds_remaining');
    const rest = await refund(id, {}, `kki-r-${id}`);
    expect(await rest.json()).toMatchObject({ amount: 60_000, status: 'succeeded', type: 'KKI_FULL_REFUND' });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'refunded', refundableAmount: 0 });
    // DOKU agrees: two refunds adding up to the payment.
    const ledger = (await (await h.control('/ledger')).json()) as { refunds: { amount: unknown }[] };
    expect(ledger.refunds.length).toBeGreaterThanOrEqual(2);
  });

  it('a full refund in one go through the merchant API, idempotent by its key', async () => {
    const id = (await paidKkiPayment(h, 55_000)).id;
    const first = await h.bff.merchant.refund(id, { idempotencyKey: `merchant-${id}` });
    expect(first).toMatchObject({ amount: 55_000, type: 'KKI_FULL_REFUND', status: 'succeeded' });
    expect(await h.bff.merchant.refund(id, { idempotencyKey: `merchant-${id}` })).toEqual(first);
    await expect(
      h.bff.merchant.refund(id, { amount: 1, idempotencyKey: `merchant-2-${id}` }),
    ).rejects.toMatchObject({
      code: 'payment_not_refundable',
    });
    expect(await h.bff.merchant.listRefunds(id)).toHaveLength(1);
  });

  it('DOKU refusing the refund records it failed and leaves the payment as it was', async () => {
    // The sandbox's refund-failure card (case 05): paying works, refunding is declined.
    const id = (await paidKkiPayment(h, 30_000, '9360000249999058')).id;
    const res = await refund(id, {}, `kki-f-${id}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    // Worded for the staff member refunding, not with the shopper's "try another card".
    const { error } = (await res.json()) as { error: { code: 'do_not_honor'; message: string } };
    expect(error.code).toBe('do_not_honor');
    expect(error.message).toBe(kkiFlowCopy('refund', 'do_not_honor')?.id);
    expect(error.message).not.toBe(KKI_ERROR_CATALOGUE.do_not_honor.copy.id);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['failed']);
    // The failed refund in the list reads the same for staff.
    const list = (await (await h.call(`/payments/${id}/refunds`, { headers: staff })).json()) as {
      refunds: { error: { message: string } | null }[];
    };
    expect(list.refunds[0]?.error?.message).toBe(kkiFlowCopy('refund', 'do_not_honor')?.id);
  });

  it('refused without the staff decision of authorizeRefund', async () => {
    const id = (await paidKkiPayment(h, 20_000)).id;
    const res = await refund(id, {}, `kki-x-${id}`, {});
    expect(res.status).toBe(403);
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
  });
});
