// Refunds that must end right when DOKU or the BFF does not: an extra charge's automatic refund that
// could not cover everything (a staff refund was pending), refunds of a card payment captured in
// part, and refunds DOKU left pending (a 202, an unknown outcome never retried, a crash) that
// reconciliation settles under their own ids.
import { createKkiError } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KkiBffOptions } from '../src/config.js';
import type { RefundRecord } from '../src/store/index.js';
import {
  CUSTOMER,
  type CardsHarness,
  kkiAttempt,
  openCardPage,
  paidKkiPayment,
  payPage,
  startCards,
} from './cards-setup.js';
import { freshSchema } from './helpers.js';

// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
const pgUrl = process.env.TEST_DATABASE_URL;
const BACKENDS: [string, () => Partial<KkiBffOptions>][] = [
  ['pglite', () => ({})],
  ...(pgUrl
    ? ([['postgres', () => ({ store: { databaseUrl: pgUrl, schema: freshSchema('rr') } })]] as [
        string,
        () => Partial<KkiBffOptions>,
      ][])
    : []),
];

const staff = { 'x-test-staff': 'yes' };

/** The sandbox's KKI ledger entry of a payment (DOKU's truth). */
interface LedgerPayment {
  partnerReferenceNo: string;
  refundedAmount: number;
  refunds: { partnerRefundNo: string; status: string; amount: number }[];
}

async function ledgerOf(h: CardsHarness, ref: string): Promise<LedgerPayment | undefined> {
  const ledger = (await (await h.control('/ledger')).json()) as { payments: LedgerPayment[] };
  return ledger.payments.find((p) => p.partnerReferenceNo === ref);
}

/** Approves a KKI payment in the sandbox's issuer app and waits for its notification. */
async function approve(h: CardsHarness, ref: string): Promise<void> {
  expect((await h.control(`/kki/payments/${ref}/approve`, {})).status).toBe(200);
  await h.doku.sandbox!.notifier.idle();
}

const clearFaults = (h: CardsHarness) =>
  h.doku.sandbox!.app.request('/__sandbox/faults', { method: 'DELETE' });

describe.each(BACKENDS)('extra charges refunded in full only (%s)', (_name, backend) => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards(backend());
  }, 60_000);
  afterAll(() => h.close());

  it('an extra charge stays refunding while a staff refund is pending, and is refunded in full once that one fails', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount: 100_000 });
    const late = await kkiAttempt(h, order.id);
    // The BFF gave up on the first attempt; the order is paid by a second one.
    await h.bff.store.payments.transition(late.id, 'expired', { source: 'reconciliation' });
    const kept = await kkiAttempt(h, order.id);
    await approve(h, kept.ref);
    expect((await h.bff.store.orders.get(order.id))?.paidPaymentId).toBe(kept.id);
    // DOKU approves the first attempt late; the BFF records the success (an extra charge) and stops
    // before its automatic refund runs.
    const recorded = await h.bff.store.payments.transition(late.id, 'succeeded', {
      source: 'reconciliation',
    });
    expect(recorded.extraCharge?.status).toBe('refunding');
    await approve(h, late.ref);
    expect(await h.bff.merchant.listRefunds(late.id)).toEqual([]);

    // Staff refund 30 000 of it; DOKU's answer is lost (5xx), so the amount is reserved as pending.
    await h.control('/faults', { rules: [{ endpoint: 'kki.refund', kind: 'error5xx', times: 10 }] });
    const staffRefund = await h.call(`/payments/${late.id}/refunds`, {
      method: 'POST',
      key: `r4-staff-${late.id}`,
      headers: staff,
      body: JSON.stringify({ amount: 30_000 }),
    });
    expect(staffRefund.status).not.toBe(201);
    await clearFaults(h);
    const [pending] = await h.bff.merchant.listRefunds(late.id);
    expect(pending).toMatchObject({ amount: 30_000, status: 'pending' });

    // The automatic refund covers what is left (70 000): the extra charge is not refunded yet.
    await h.bff.services.reconciliation!.run();
    expect(await h.bff.merchant.getPayment(late.id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 70_000,
    });
    expect((await h.bff.store.extraCharges.get(late.id))?.status).toBe('refunding');

    // DOKU refuses the staff refund: the next pass refunds the 30 000 still taken.
    await h.bff.store.refunds.settle(pending!.id, {
      status: 'failed',
      error: createKkiError('refund_failed'),
    });
    await h.bff.services.reconciliation!.run();
    expect(await h.bff.merchant.getPayment(late.id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 100_000,
    });
    expect((await h.bff.store.extraCharges.get(late.id))?.status).toBe('refunded');
    expect((await ledgerOf(h, late.ref))?.refundedAmount).toBe(100_000);
    expect((await ledgerOf(h, kept.ref))?.refundedAmount).toBe(0);
  });
});

describe.each(BACKENDS)('refunds of a card payment captured in part (%s)', (_name, backend) => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards(backend());
  }, 60_000);
  afterAll(() => h.close());

  /** An AUTHORIZE of `amount` captured for `captured`, settled at DOKU (refunds allowed). */
  async function capturedInPart(amount: number, captured: number): Promise<string> {
    const { payment } = await openCardPage(h, amount, { paymentType: 'AUTHORIZE' });
    const paid = await payPage(h, payment.nextAction.url!);
    await h.host.request(paid.redirectUrl!);
    const id = payment.id;
    const capture = await h.bff.merchant.capture(id, { amount: captured, idempotencyKey: `cap-${id}` });
    expect(capture.status).toBe('succeeded');
    const record = await h.bff.store.payments.get(id);
    expect((await h.control(`/cards/orders/${record!.partnerReferenceNo}/settle`, {})).status).toBe(200);
    return id;
  }

  const cardsLedger = async (id: string) => {
    const ref = (await h.bff.store.payments.get(id))!.partnerReferenceNo;
    const ledger = (await (await h.control('/ledger')).json()) as {
      cards: { orders: { invoiceNumber: string; refundedAmount: number }[] };
    };
    return ledger.cards.orders.find((o) => o.invoiceNumber === ref);
  };

  it('a full refund of what was captured ends the payment refunded, with nothing left to refund', async () => {
    const id = await capturedInPart(100_000, 60_000);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'succeeded',
      refundableAmount: 60_000,
    });
    // Merchant code's event says the same: what was captured is what can be refunded.
    const captured = (await h.bff.events.list({ limit: 1000 })).events.find(
      (e) => e.type === 'payment.captured' && e.data.id === id,
    );
    expect(captured?.data).toMatchObject({ amount: 100_000, refundableAmount: 60_000 });
    expect(JSON.stringify(captured)).not.toMatch(/"doku"/);
    const before = await h.bff.store.events.list(null, 10_000);
    const refund = await h.bff.merchant.refund(id, { idempotencyKey: `all-${id}` });
    expect(refund).toMatchObject({ amount: 60_000, status: 'succeeded' });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 60_000,
      refundableAmount: 0,
    });
    const after = await h.bff.store.events.list(before.at(-1)?.cursor ?? null, 10_000);
    const mine = after.filter((e) => e.subject.kind === 'refund' && e.subject.record.paymentId === id);
    expect(mine.map((e) => e.type)).toEqual(['refund.succeeded']);
    await expect(
      h.bff.merchant.refund(id, { amount: 1, idempotencyKey: `more-${id}` }),
    ).rejects.toMatchObject({
      code: 'payment_not_refundable',
    });
    expect((await cardsLedger(id))?.refundedAmount).toBe(60_000);
  });

  it('two racing refunds never add up to more than was captured: the BFF refuses one before DOKU', async () => {
    const id = await capturedInPart(100_000, 60_000);
    const results = await Promise.allSettled([
      h.bff.merchant.refund(id, { amount: 40_000, idempotencyKey: `race-a-${id}` }),
      h.bff.merchant.refund(id, { amount: 40_000, idempotencyKey: `race-b-${id}` }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'refund_exceeds_remaining' });
    // Refused by the store's rule: nothing reached DOKU, so no failed refund is recorded.
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['succeeded']);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 40_000,
      refundableAmount: 20_000,
    });
    // The store's own rule, under the payment's lock, whatever the caller checked before.
    await expect(
      Promise.all([
        h.bff.store.refunds.reserve({
          paymentId: id,
          amount: 15_000,
          partnerRefundNo: `s1-${id}`,
          externalId: `s1-${id}`,
        }),
        h.bff.store.refunds.reserve({
          paymentId: id,
          amount: 15_000,
          partnerRefundNo: `s2-${id}`,
          externalId: `s2-${id}`,
        }),
      ]),
    ).rejects.toMatchObject({ code: 'refund_exceeds_remaining' });
  });
});

describe.each(BACKENDS)('refunds left pending are settled by reconciliation (%s)', (_name, backend) => {
  let h: CardsHarness;
  beforeAll(async () => {
    // Every pending refund is old enough for the reconciliation pass that follows.
    h = await startCards({ ...backend(), reconciliation: { enabled: false, pendingAfterMs: 1 } });
  }, 60_000);
  afterAll(() => h.close());

  const staffRefund = (id: string, body: unknown, key: string) =>
    h.call(`/payments/${id}/refunds`, { method: 'POST', key, headers: staff, body: JSON.stringify(body) });

  /** The refund events of payment `id` written from `cursor` on. */
  /**
   * The refund events of payment `id` from `cursor` on, once the feed shows `expected`: the feed shows
   * an event only after every transaction that began before its own has ended, and on PostgreSQL
   * other suites' transactions run beside these.
   */
  async function refundEventsSettle(id: string, cursor: string | null, expected: string[]): Promise<void> {
    await vi.waitFor(async () => expect(await refundEvents(id, cursor)).toEqual(expected), {
      timeout: 10_000,
      interval: 50,
    });
  }

  async function refundEvents(id: string, cursor: string | null): Promise<string[]> {
    const events = await h.bff.store.events.list(cursor, 10_000);
    return events
      .filter((e) => e.subject.kind === 'refund' && e.subject.record.paymentId === id)
      .map((e) => e.type);
  }
  const lastCursor = async () => (await h.bff.store.events.list(null, 100_000)).at(-1)?.cursor ?? null;

  it('a refund DOKU answered 202 and then completed is settled succeeded, once at DOKU', async () => {
    const { id, ref } = await paidKkiPayment(h, 100_000);
    await h.control('/faults', { rules: [{ endpoint: 'kki.refund', kind: 'inProgress202', times: 1 }] });
    const first = await staffRefund(id, {}, `r1-202-${id}`);
    expect(((await first.json()) as { status: string }).status).toBe('pending');
    expect((await ledgerOf(h, ref))?.refundedAmount).toBe(100_000);
    const cursor = await lastCursor();

    await h.bff.services.reconciliation!.run();
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'refunded',
      refundedAmount: 100_000,
    });
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['succeeded']);
    await refundEventsSettle(id, cursor, ['refund.succeeded']);
    // The replay was DOKU's first refund answered again, never a second one.
    expect((await ledgerOf(h, ref))?.refunds.map((r) => r.status)).toEqual(['SUCCESS']);
    // Settled: the next pass has nothing to do for it.
    await h.bff.services.reconciliation!.run();
    await refundEventsSettle(id, cursor, ['refund.succeeded']);
  });

  it('an unknown outcome nobody retried stays pending while DOKU is down, then is made once and frees the rest', async () => {
    const { id, ref } = await paidKkiPayment(h, 90_000);
    await h.control('/faults', { rules: [{ endpoint: 'kki.refund', kind: 'error5xx', times: 100 }] });
    const lost = await staffRefund(id, { amount: 40_000 }, `r1-5xx-${id}`);
    expect(lost.status).not.toBe(201);
    // DOKU's 500 with case 00 is its own failure: staff read "try again", not "check the settings".
    const { error } = (await lost.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('doku_server_error');
    expect(error.message).toMatch(/DOKU server error|kesalahan server DOKU/);
    expect(error.message).not.toMatch(/setup|settings|pengaturan/i);
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['pending']);
    // The reservation blocks more than the 50 000 left.
    expect((await staffRefund(id, { amount: 60_000 }, `r1-more-${id}`)).status).toBe(422);

    // DOKU still down: the refund stays pending for the next pass.
    await h.bff.services.reconciliation!.run();
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['pending']);
    await clearFaults(h);

    await h.bff.services.reconciliation!.run();
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 40_000,
      refundableAmount: 50_000,
    });
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['succeeded']);
    expect((await ledgerOf(h, ref))?.refunds.map((r) => [r.status, r.amount])).toEqual([['SUCCESS', 40_000]]);
    // The rest can now be refunded.
    expect((await staffRefund(id, {}, `r1-rest-${id}`)).status).toBe(201);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'refunded', refundedAmount: 90_000 });
  });

  it('a refund reserved by a process that died before calling DOKU is made by reconciliation, once', async () => {
    const { id, ref } = await paidKkiPayment(h, 70_000);
    const partnerRefundNo = `3${String(Date.now()).padStart(26, '0')}`;
    const { refund } = await h.bff.store.refunds.reserve({
      paymentId: id,
      amount: 70_000,
      partnerRefundNo,
      externalId: partnerRefundNo,
    });
    // Older than `pendingAfterMs` (1 ms): a pass in the same millisecond would not see it yet.
    await new Promise((r) => setTimeout(r, 5));
    await h.bff.services.reconciliation!.run();
    expect(await h.bff.store.refunds.get(refund.id)).toMatchObject({ status: 'succeeded' });
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({ status: 'refunded', refundedAmount: 70_000 });
    const atDoku = await ledgerOf(h, ref);
    expect(atDoku?.refunds.map((r) => [r.partnerRefundNo, r.status])).toEqual([[partnerRefundNo, 'SUCCESS']]);
  });

  it('a pending refund DOKU refuses when asked again is settled failed and releases its amount', async () => {
    // The sandbox's refund-failure card: paying works, every refund is declined.
    const { id } = await paidKkiPayment(h, 50_000, '9360000249999058');
    await h.control('/faults', { rules: [{ endpoint: 'kki.refund', kind: 'error5xx', times: 100 }] });
    expect((await staffRefund(id, {}, `r1-refused-${id}`)).status).not.toBe(201);
    await clearFaults(h);
    const cursor = await lastCursor();
    await h.bff.services.reconciliation!.run();
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['failed']);
    await refundEventsSettle(id, cursor, ['refund.failed']);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'succeeded',
      refundedAmount: 0,
      refundableAmount: 50_000,
    });
  });

  it('a card refund whose outcome was lost is settled from DOKU under its Request-Id', async () => {
    const { payment } = await openCardPage(h, 80_000);
    const paid = await payPage(h, payment.nextAction.url!);
    await h.host.request(paid.redirectUrl!);
    const id = payment.id;
    const invoice = (await h.bff.store.payments.get(id))!.partnerReferenceNo;
    expect((await h.control(`/cards/orders/${invoice}/settle`, {})).status).toBe(200);
    // DOKU refunds, but its answer never arrives.
    await h.control('/faults', {
      rules: [{ endpoint: 'cards.cardRefund', kind: 'drop', phase: 'after', times: 3 }],
    });
    expect((await staffRefund(id, { amount: 30_000 }, `r1-card-${id}`)).status).not.toBe(201);
    await clearFaults(h);
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['pending']);
    await h.bff.services.reconciliation!.run();
    expect((await h.bff.merchant.listRefunds(id)).map((r) => r.status)).toEqual(['succeeded']);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 30_000,
    });
    const ledger = (await (await h.control('/ledger')).json()) as {
      cards: { orders: { invoiceNumber: string; refundedAmount: number }[] };
    };
    expect(ledger.cards.orders.find((o) => o.invoiceNumber === invoice)?.refundedAmount).toBe(30_000);
  });

  it('lists pending refunds older than the threshold, oldest first, page by page', async () => {
    const { id } = await paidKkiPayment(h, 90_000);
    const reserved: RefundRecord[] = [];
    for (const i of [1, 2, 3]) {
      const no = `4${String(Date.now()).padStart(25, '0')}${i}`;
      reserved.push(
        (
          await h.bff.store.refunds.reserve({
            paymentId: id,
            amount: 10_000,
            partnerRefundNo: no,
            externalId: no,
          })
        ).refund,
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const mine = (list: { id: string; paymentId: string }[]) =>
      list.filter((r) => r.paymentId === id).map((r) => r.id);
    const later = new Date(Date.now() + 1_000);
    const first = await h.bff.store.refunds.listPending(later, 2);
    expect(first).toHaveLength(2);
    const rest = await h.bff.store.refunds.listPending(later, 100, first.at(-1));
    expect(mine([...first, ...rest])).toEqual(reserved.map((r) => r.id));
    expect(rest.map((r) => r.id)).not.toContain(first[0]!.id);
    // Younger than the threshold: not yet.
    expect(mine(await h.bff.store.refunds.listPending(reserved[0]!.createdAt, 100))).toEqual([]);
    for (const r of reserved) {
      await h.bff.store.refunds.settle(r.id, { status: 'failed', error: createKkiError('refund_failed') });
    }
    expect(mine(await h.bff.store.refunds.listPending(later, 100))).toEqual([]);
  });
});
