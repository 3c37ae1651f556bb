// Cards notifications stored but never applied (the process died between storing one and applying
// it): the next reconciliation run settles the payment each names from DOKU's order status, long
// before that payment's own check is due, and marks the row applied. The sandbox runs on its own port
// and cannot reach the shop, so the stored row is all the BFF has heard.
import { type SandboxServer, startSandboxServer } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { CARDS, pageRequestId } from './cards-setup.js';
import { MOUNT, newKey, ORIGIN } from './kki-setup.js';

describe('stored Cards notifications a crash left unapplied', () => {
  let server: SandboxServer;
  let bff: KkiBff;
  const host = new Hono();

  beforeAll(async () => {
    server = await startSandboxServer({ control: true });
    bff = await createKkiBff({
      environment: server.url,
      publicUrl: `${ORIGIN}${MOUNT}`,
      kki: { integration: 'h2h', pciDss: true },
      authenticate: (c) => c.req.header('x-test-customer') ?? null,
      logger: () => {},
      // An open payment's own check is an hour away; runs come only when the test calls them.
      reconciliation: { pendingAfterMs: 3_600_000, intervalMs: 3_600_000 },
    });
    host.route(MOUNT, bff.app);
  }, 60_000);
  afterAll(async () => {
    await bff?.close();
    await server?.close();
  });

  const control = (path: string, body?: unknown) =>
    fetch(`${server.url}/__sandbox${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const run = () => bff.services.reconciliation?.run();
  const inboxRow = async (id: number) =>
    (
      await bff.store.db.query<{ status: string; subject_id: string | null }>(
        'SELECT status, subject_id FROM notification_inbox WHERE id = $1',
        [id],
      )
    )[0];

  /** A card payment the customer paid on DOKU's page; the BFF has not heard of it. */
  async function paidCardPayment(customer: string, amount: number) {
    const order = await bff.merchant.createOrder({
      customerId: customer,
      amount,
      metadata: { email: `${customer}@example.com` },
    });
    const res = await host.request(`${ORIGIN}${MOUNT}/cards/payments`, {
      method: 'POST',
      body: JSON.stringify({ orderId: order.id }),
      headers: {
        'x-test-customer': customer,
        origin: ORIGIN,
        'x-kki-request': '1',
        'content-type': 'application/json',
        'idempotency-key': newKey(),
      },
    });
    expect(res.status).toBe(201);
    const { id, nextAction } = (await res.json()) as { id: string; nextAction: { url: string } };
    const paid = await control(`/cards/pages/${pageRequestId(nextAction.url)}/pay`, {
      card_number: CARDS.approved,
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(((await paid.json()) as { result: string }).result).toBe('completed');
    const payment = await bff.store.payments.get(id);
    expect(payment?.status).toBe('pending');
    return { order, id, ref: payment?.partnerReferenceNo ?? '' };
  }

  /** The row a notification handler stores before it applies (as `inboxCopy` keeps it). */
  const storeUnapplied = async (requestId: string, invoice: string, amount: number) =>
    (
      await bff.store.inbox.record('non_snap', requestId, {
        order: { invoice_number: invoice, amount },
        transaction: { status: 'SUCCESS' },
      })
    ).record.id;

  it('settles the payment a stored notification names from DOKU’s order status, and marks it applied', async () => {
    const { order, id, ref } = await paidCardPayment('sari', 81_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 81_000);
    // One naming no payment of the shop is set aside, not asked about.
    const strayId = await storeUnapplied(`stray-${id}`, 'INV-NOT-OURS-1', 81_000);

    await run();
    expect((await bff.store.payments.get(id))?.status).toBe('succeeded');
    expect((await bff.merchant.getOrder(order.id))?.status).toBe('paid');
    expect(await inboxRow(rowId)).toEqual({ status: 'applied', subject_id: id });
    expect((await inboxRow(strayId))?.status).toBe('ignored');
    expect(await bff.store.inbox.listReceived('non_snap')).toEqual([]);
  });

  it('keeps a stored notification while DOKU cannot be asked, and applies it on a later run', async () => {
    const { id, ref } = await paidCardPayment('tono', 82_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 82_000);
    await control('/faults', { rules: [{ endpoint: 'cards.orderStatus', kind: 'error5xx', times: 100 }] });
    try {
      await run();
      expect((await bff.store.payments.get(id))?.status).toBe('pending');
      expect((await inboxRow(rowId))?.status).toBe('received');
    } finally {
      await control('/faults');
    }
    await run();
    expect((await bff.store.payments.get(id))?.status).toBe('succeeded');
    expect(await inboxRow(rowId)).toEqual({ status: 'applied', subject_id: id });
  });

  it('sets aside a stored notification DOKU has given no answer about for a day', async () => {
    const { id, ref } = await paidCardPayment('umar', 83_000);
    const rowId = await storeUnapplied(`crash-${id}`, ref, 83_000);
    await bff.store.db.query(
      `UPDATE notification_inbox SET received_at = now() - interval '25 hours' WHERE id = $1`,
      [rowId],
    );
    await control('/faults', { rules: [{ endpoint: 'cards.orderStatus', kind: 'error5xx', times: 100 }] });
    try {
      await run();
    } finally {
      await control('/faults');
    }
    expect(await inboxRow(rowId)).toEqual({ status: 'failed', subject_id: id });
    // The payment is not given up on: it is still open for reconciliation's own check.
    expect((await bff.store.payments.get(id))?.status).toBe('pending');
  });
});
