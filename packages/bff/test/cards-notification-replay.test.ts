// Cards notifications stored but never applied (the process died between storing one and applying
// it): the next reconciliation run settles the payment each names from DOKU's order status, long
// before that payment's own check is due, and marks the row applied. The sandbox runs on its own port
// and cannot reach the shop, so the stored row is all the BFF has heard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDS, pageRequestId } from './cards-setup.js';
import { type SandboxServerHarness, startOnSandboxServer } from './sandbox-server-setup.js';

describe('stored Cards notifications a crash left unapplied', () => {
  let h: SandboxServerHarness;
  // An open payment's own check is an hour away; runs come only when the test calls them.
  beforeAll(async () => {
    h = await startOnSandboxServer({ pendingAfterMs: 3_600_000 });
  }, 60_000);
  afterAll(() => h?.close());

  const inboxRow = async (id: number) =>
    (
      await h.bff.store.db.query<{ status: string; subject_id: string | null }>(
        'SELECT status, subject_id FROM notification_inbox WHERE id = $1',
        [id],
      )
    )[0];

  /** A card payment the customer paid on DOKU's page; the BFF has not heard of it. */
  async function paidCardPayment(customer: string, amount: number) {
    const order = await h.bff.merchant.createOrder({
      customerId: customer,
      amount,
      metadata: { email: `${customer}@example.com` },
    });
    const res = await h.call(customer, '/cards/payments', { orderId: order.id });
    expect(res.status).toBe(201);
    const { id, nextAction } = (await res.json()) as { id: string; nextAction: { url: string } };
    const paid = await h.control(`/cards/pages/${pageRequestId(nextAction.url)}/pay`, {
      card_number: CARDS.approved,
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(((await paid.json()) as { result: string }).result).toBe('completed');
    const payment = await h.bff.store.payments.get(id);
    expect(payment?.status).toBe('pending');
    return { order, id, ref: payment?.partnerReferenceNo ?? '' };
  }

  /** The row a notification handler stores before it applies (as `inboxCopy` keeps it). */
  const storeUnapplied = async (requestId: string, invoice: string, amount: number) =>
    (
      await h.bff.store.inbox.record('non_snap', requestId, {
        order: { invoice_number: invoice, amount },
        transaction: { status: 'SUCCESS' },
      })
    ).record.id;

  it('settles the payment a stored notification names from DOKU’s order status, and marks it applied', async () => {
    const { order, id, ref } = await paidCardPayment('sari', 81_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 81_000);
    // One naming no payment of the shop is set aside, not asked about.
    const strayId = await storeUnapplied(`stray-${id}`, 'INV-NOT-OURS-1', 81_000);

    await h.run();
    expect((await h.bff.store.payments.get(id))?.status).toBe('succeeded');
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('paid');
    expect(await inboxRow(rowId)).toEqual({ status: 'applied', subject_id: id });
    expect((await inboxRow(strayId))?.status).toBe('ignored');
    expect(await h.bff.store.inbox.listReceived('non_snap')).toEqual([]);
  });

  it('keeps a stored notification while DOKU cannot be asked, and applies it on a later run', async () => {
    const { id, ref } = await paidCardPayment('tono', 82_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 82_000);
    await h.control('/faults', { rules: [{ endpoint: 'cards.orderStatus', kind: 'error5xx', times: 100 }] });
    try {
      await h.run();
      expect((await h.bff.store.payments.get(id))?.status).toBe('pending');
      expect((await inboxRow(rowId))?.status).toBe('received');
    } finally {
      await h.control('/faults');
    }
    await h.run();
    expect((await h.bff.store.payments.get(id))?.status).toBe('succeeded');
    expect(await inboxRow(rowId)).toEqual({ status: 'applied', subject_id: id });
  });

  it('sets aside a stored notification DOKU has given no answer about for a day', async () => {
    const { id, ref } = await paidCardPayment('umar', 83_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 83_000);
    await h.bff.store.db.query(
      `UPDATE notification_inbox SET received_at = now() - interval '25 hours' WHERE id = $1`,
      [rowId],
    );
    await h.control('/faults', { rules: [{ endpoint: 'cards.orderStatus', kind: 'error5xx', times: 100 }] });
    try {
      await h.run();
    } finally {
      await h.control('/faults');
    }
    expect(await inboxRow(rowId)).toEqual({ status: 'failed', subject_id: id });
    // The payment is not given up on: it is still open for reconciliation's own check.
    expect((await h.bff.store.payments.get(id))?.status).toBe('pending');
  });

  it('applies a new stored notification behind a hundred older ones DOKU gives no answer about', async () => {
    // A payment DOKU never heard of (its page call never reached DOKU): its order status is a 404.
    const order = await h.bff.merchant.createOrder({ customerId: 'vina', amount: 84_000 });
    const unknown = await h.bff.store.payments.create({
      orderId: order.id,
      method: 'card',
      cardPaymentType: 'SALE',
      partnerReferenceNo: `INV-UNKNOWN-${Date.now()}`,
      externalId: `INV-UNKNOWN-${Date.now()}`,
    });
    const stuck: number[] = [];
    for (let i = 0; i < 100; i++) {
      stuck.push(await storeUnapplied(`stuck-${i}-${unknown.id}`, unknown.partnerReferenceNo, 84_000));
    }
    await h.run();
    expect((await inboxRow(stuck[0]!))?.status).toBe('received');
    const { id, ref } = await paidCardPayment('wati', 85_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 85_000);
    await h.run();
    expect(await inboxRow(rowId)).toEqual({ status: 'applied', subject_id: id });
    expect((await h.bff.store.payments.get(id))?.status).toBe('succeeded');
  }, 60_000);
});
