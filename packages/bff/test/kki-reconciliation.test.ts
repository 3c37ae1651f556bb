// Crash and recovery: a BFF leaves KKI payments open (confirmations it never heard of, calls whose
// answer was lost, calls DOKU never got) and stops without finishing; a new BFF on the same PGlite
// data directory reconciles at start-up, and every payment ends as the sandbox ledger shows (one DOKU
// never saw, once its call can no longer be on the way).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaymentStatus } from '@kki-kit/contract';
import { kkiTestCpan, type SandboxServer, startSandboxServer } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { DEFAULT_OTT_LIFETIME_MS } from '../src/kki-payments/service.js';
import type { KkiBffOptions } from '../src/config.js';
import { MOUNT, newKey, newOtt, ORIGIN } from './kki-setup.js';

const LEDGER_TO_BFF: Record<string, PaymentStatus> = {
  SUCCESS: 'succeeded',
  FAILED: 'failed',
  PENDING: 'pending',
  PAYING: 'pending',
};

describe('reconciliation after a crash', () => {
  let server: SandboxServer;
  let dataDir: string;
  const open: KkiBff[] = [];

  beforeAll(async () => {
    // DOKU outlives the BFF: the sandbox runs on its own port, and sends no notifications.
    server = await startSandboxServer({ control: true });
    dataDir = await mkdtemp(join(tmpdir(), 'kki-crash-'));
  }, 60_000);
  afterAll(async () => {
    for (const bff of open) await bff.close().catch(() => {});
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const options = (extra: Partial<KkiBffOptions>): KkiBffOptions => ({
    environment: server.url,
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    store: { dataDir },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    logger: () => {},
    rateLimits: { payment: { max: 1000, windowMs: 60_000 } },
    ...extra,
  });

  const faults = (rules: unknown[]) =>
    fetch(`${server.url}/__sandbox/faults`, {
      method: 'PUT',
      body: JSON.stringify(rules),
      headers: { 'content-type': 'application/json' },
    });

  it('brings every payment to the state the sandbox ledger shows', async () => {
    const first = await createKkiBff(options({ reconciliation: { enabled: false } }));
    open.push(first);
    const host = new Hono();
    host.route(MOUNT, first.app);
    const pay = async (serial: number) => {
      const order = await first.merchant.createOrder({ customerId: 'rey', amount: 60_000 + serial });
      const res = await host.request(`${MOUNT}/kki/payments`, {
        method: 'POST',
        body: JSON.stringify({
          orderId: order.id,
          source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt() },
        }),
        headers: {
          'x-test-customer': 'rey',
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          'idempotency-key': newKey(),
        },
      });
      const [payment] = await first.store.payments.list({ orderId: order.id });
      if (!payment) throw new Error('no payment stored');
      return { res, payment };
    };

    const approved = await pay(51);
    const declined = await pay(52);
    const waiting = await pay(53);
    await faults([{ endpoint: 'kki.payment', kind: 'drop', phase: 'after', times: 3 }]);
    const answerLost = await pay(54);
    await faults([{ endpoint: 'kki.payment', kind: 'drop', phase: 'before', times: 3 }]);
    const neverArrived = await pay(55);
    await faults([]);
    expect(answerLost.res.status).toBeGreaterThanOrEqual(500);
    expect(answerLost.payment.status).toBe('created');
    expect(neverArrived.payment.status).toBe('created');

    const sandbox = server.sandbox;
    expect(sandbox.kki.approve(approved.payment.partnerReferenceNo)).toBe('succeeded');
    expect(sandbox.kki.decline(declined.payment.partnerReferenceNo)).toBe('failed');
    expect(sandbox.kki.approve(answerLost.payment.partnerReferenceNo)).toBe('succeeded');

    // The crash: the BFF stops without hearing any of it.
    await first.close();
    open.length = 0;
    await new Promise((r) => setTimeout(r, 20));

    const second = await createKkiBff(
      options({ reconciliation: { pendingAfterMs: 1, intervalMs: 3_600_000 } }),
    );
    open.push(second);
    const ledger = sandbox.ledger().payments;
    const all = [approved, declined, waiting, answerLost, neverArrived];
    for (const { payment } of all) {
      const now = await second.store.payments.get(payment.id);
      const atDoku = ledger.find((p) => p.partnerReferenceNo === payment.partnerReferenceNo);
      // A payment DOKU has not seen stays open while its call could still be on the way (until the
      // OTT it carries runs out): DOKU not knowing it yet is no proof.
      const expected = atDoku ? LEDGER_TO_BFF[atDoku.status] : 'created';
      expect({ id: payment.id, status: now?.status }).toEqual({ id: payment.id, status: expected });
    }
    expect((await second.store.payments.get(approved.payment.id))?.status).toBe('succeeded');
    expect((await second.store.payments.get(declined.payment.id))?.error?.code).toBe('do_not_honor');
    expect((await second.store.orders.get(answerLost.payment.orderId))?.status).toBe('paid');

    // Once that OTT has run out, a payment DOKU never saw cannot be charged any more: it is failed,
    // and its order can be paid again.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + DEFAULT_OTT_LIFETIME_MS + 60_000);
      await second.services.reconciliation?.run();
    } finally {
      vi.useRealTimers();
    }
    expect((await second.store.payments.get(neverArrived.payment.id))?.status).toBe('failed');
    expect(await second.store.payments.findOpenForOrder(neverArrived.payment.orderId)).toBeNull();
  }, 60_000);

  it('applies a notification stored before a crash but never applied', async () => {
    const bff = await createKkiBff(
      options({ store: undefined, environment: 'offline', reconciliation: { enabled: false } }),
    );
    open.push(bff);
    const order = await bff.merchant.createOrder({ customerId: 'tia', amount: 61_000 });
    const payment = await bff.store.payments.create({
      orderId: order.id,
      method: 'kki',
      kkiKind: 'single',
      partnerReferenceNo: '123456789012345678901234567',
      externalId: '123456789012345678901234567',
    });
    await bff.store.payments.transition(payment.id, 'pending', { source: 'doku_response' });
    const { record } = await bff.store.inbox.record('snap', 'delivery-1', {
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      originalReferenceNo: 'REF0001',
      amount: { value: '61000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(record.status).toBe('received');
    await bff.services.reconciliation?.run();
    expect((await bff.store.payments.get(payment.id))?.status).toBe('succeeded');
    expect(await bff.store.inbox.listReceived('snap')).toHaveLength(0);
  });

  it('sets aside a stored SNAP notification that has failed to apply for a day', async () => {
    const bff = await createKkiBff(
      options({ store: undefined, environment: 'offline', reconciliation: { enabled: false } }),
    );
    open.push(bff);
    const { record } = await bff.store.inbox.record('snap', 'delivery-stuck', {
      originalPartnerReferenceNo: '223456789012345678901234567',
      originalReferenceNo: 'REF0002',
      amount: { value: '62000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    const statusOf = async () =>
      (
        await bff.store.db.query<{ status: string }>('SELECT status FROM notification_inbox WHERE id = $1', [
          record.id,
        ])
      )[0]?.status;
    // The store fails every time this row is applied.
    const payments = bff.store.payments;
    const find = payments.findByPartnerReference;
    payments.findByPartnerReference = async () => {
      throw new Error('store unavailable');
    };
    try {
      await bff.services.reconciliation?.run();
      expect(await statusOf()).toBe('received');
      await bff.store.db.query(
        `UPDATE notification_inbox SET received_at = now() - interval '25 hours' WHERE id = $1`,
        [record.id],
      );
      await bff.services.reconciliation?.run();
    } finally {
      payments.findByPartnerReference = find;
    }
    expect(await statusOf()).toBe('failed');
    expect(await bff.store.inbox.listReceived('snap')).toHaveLength(0);
  });

  it('replays a stored SNAP notification behind a hundred unapplied rows of another source', async () => {
    const bff = await createKkiBff(
      options({ store: undefined, environment: 'offline', reconciliation: { enabled: false } }),
    );
    open.push(bff);
    // Older Cards notifications left unapplied (the SNAP replay does not take them).
    for (let i = 0; i < 100; i++) {
      await bff.store.inbox.record('non_snap', `stuck-${i}`, { order: { invoice_number: `INV${i}` } });
    }
    const order = await bff.merchant.createOrder({ customerId: 'uma', amount: 62_000 });
    const payment = await bff.store.payments.create({
      orderId: order.id,
      method: 'kki',
      kkiKind: 'single',
      partnerReferenceNo: '223456789012345678901234567',
      externalId: '223456789012345678901234567',
    });
    await bff.store.payments.transition(payment.id, 'pending', { source: 'doku_response' });
    await bff.store.inbox.record('snap', 'delivery-2', {
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      originalReferenceNo: 'REF0002',
      amount: { value: '62000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    await bff.services.reconciliation?.run();
    expect((await bff.store.payments.get(payment.id))?.status).toBe('succeeded');
    expect(await bff.store.inbox.listReceived('snap')).toHaveLength(0);
  });
});
