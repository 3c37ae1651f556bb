// Findings of the outside test battery (issue 11, items 2, 3, 4 and 7, and the rate-limit bucket):
// one test per finding, each against a real BFF on its in-process sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardsHarness, openCardPage, payPage, startCards } from './cards-setup.js';

const staff = { 'x-test-staff': 'yes' };

async function paidCardPayment(h: CardsHarness, amount: number): Promise<string> {
  const { payment } = await openCardPage(h, amount);
  const paid = await payPage(h, payment.nextAction.url!);
  expect(paid.result).toBe('completed');
  await h.doku.sandbox!.notifier.idle();
  expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
  return payment.id;
}

describe('errors say what happened (item 4)', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('a control character in a refund reason is refused by validation (400) and changes nothing', async () => {
    const id = await paidCardPayment(h, 40_000);
    for (const reason of ['rusak\u0000', 'baris\nforged', 'bel\u0007', 'c1\u0085']) {
      const res = await h.call(`/payments/${id}/refunds`, {
        method: 'POST',
        headers: staff,
        body: JSON.stringify({ reason }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'validation_failed', field: 'reason' });
    }
    await expect(
      h.bff.merchant.refund(id, { reason: 'nul\u0000', idempotencyKey: `nul-${id}` }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
  });

  it('a control character in a card holder name or an order description is refused too', async () => {
    const res = await h.call('/kki/bindings', {
      method: 'POST',
      body: JSON.stringify({ cpan: '9360000201000019', holder: { name: 'Budi\u0000' } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'validation_failed', field: 'name' });
    await expect(
      h.bff.merchant.createOrder({ customerId: 'cust-42', amount: 1000, description: 'a\u001bb' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('a store rejection answers 500 internal_error, never a DOKU error', async () => {
    const id = await paidCardPayment(h, 35_000);
    const refunds = h.bff.store.refunds;
    const reserve = refunds.reserve;
    refunds.reserve = async () => {
      throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
    };
    try {
      const res = await h.call(`/payments/${id}/refunds`, { method: 'POST', headers: staff, body: '{}' });
      expect(res.status).toBe(500);
      expect((await res.json()).error.code).toBe('internal_error');
    } finally {
      refunds.reserve = reserve;
    }
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
  });
});

describe('staff routes cannot probe payment ids (item 7)', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('an unknown payment and an existing one the caller may not refund answer alike', async () => {
    const id = await paidCardPayment(h, 25_000);
    const unknown = 'pay_00000000000000000000';
    for (const [method, body] of [
      ['POST', '{}'],
      ['GET', undefined],
    ] as const) {
      const existing = await h.call(`/payments/${id}/refunds`, { method, ...(body && { body }) });
      const missing = await h.call(`/payments/${unknown}/refunds`, { method, ...(body && { body }) });
      expect(missing.status).toBe(existing.status);
      const [a, b] = [(await existing.json()).error, (await missing.json()).error];
      expect(b.code).toBe(a.code);
      expect(b.message).toBe(a.message);
      expect(a.code).toBe('refund_not_authorized');
    }
    expect(await h.bff.merchant.listRefunds(id)).toEqual([]);
  });
});
