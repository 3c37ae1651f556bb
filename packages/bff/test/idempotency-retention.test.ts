// Idempotency records past their retention (`idempotencyRetentionMs`): reconciliation deletes the
// ones done with and keeps every key a call may still be running under; a retry after that meets the
// payment or refund its key made (the DOKU ids come from the key), never a second one.
import * as sandboxModule from '@kki-kit/doku-sandbox';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KkiBffConfigError, resolveConfig } from '../src/config.js';
import { optionsFromEnv } from '../src/config-env.js';
import { credentialsOf } from '../src/doku/index.js';
import { MERCHANT_ORDER_SCOPE } from '../src/store/idempotency.js';
import type { Store } from '../src/store/index.js';
import {
  authorizedCardPayment,
  CUSTOMER,
  type CardsHarness,
  ledgerOrders,
  paidKkiPayment,
  startCards,
} from './cards-setup.js';
import { dropSchema, freshSchema, STORE_BACKENDS } from './helpers.js';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

const DAY = 86_400_000;
const SANDBOX = credentialsOf(sandboxModule);

/** Moves a key's record `days` into the past, as if claimed (and completed) then. */
async function age(store: Store, key: string, days: number): Promise<void> {
  const moved = await store.db.query(
    `UPDATE idempotency_records SET created_at = created_at - $2 * interval '1 day',
       completed_at = completed_at - $2 * interval '1 day',
       locked_until = locked_until - $2 * interval '1 day'
     WHERE key = $1 RETURNING key`,
    [key, days],
  );
  expect(moved).toHaveLength(1);
}

const claim = (store: Store, key: string, leaseMs = 15_000, scope = 'retention-test') =>
  store.idempotency.claim({
    scope,
    key,
    requestHash: 'hmac:00',
    externalId: `1${key.length}`.padEnd(27, '0'),
    owner: 'owner-a',
    leaseMs,
  });

describe.each(STORE_BACKENDS)('idempotency sweep on %s', (_name, open) => {
  let store: Store;
  const schema = freshSchema('retention');
  beforeAll(async () => {
    store = await open(schema);
  }, 60_000);
  afterAll(async () => {
    await dropSchema(store, schema);
    await store.close();
  });

  it('deletes records done with before the cut-off, oldest first, at most `limit` at a time', async () => {
    const keys = ['old-done-1', 'old-done-2', 'old-done-3', 'old-orphan', 'old-running', 'new-done'];
    for (const key of keys) expect(await claim(store, key)).not.toBeNull();
    for (const key of ['old-done-1', 'old-done-2', 'old-done-3', 'new-done']) {
      await store.idempotency.complete('retention-test', key, 'owner-a', 201, { key });
    }
    await age(store, 'old-done-1', 10);
    await age(store, 'old-done-2', 9);
    await age(store, 'old-done-3', 8);
    // An owner that died eight days ago: its lease ran out long before the cut-off.
    await age(store, 'old-orphan', 8);
    // Claimed eight days ago and still renewed by a live owner (a lease that has not run out).
    await age(store, 'old-running', 8);
    expect(await store.idempotency.renew('retention-test', 'old-running', 'owner-a', 15_000)).toBe(true);

    const before = new Date(Date.now() - 7 * DAY);
    expect(await store.idempotency.sweep(before, 2)).toBe(2);
    // The two oldest went first.
    expect(await store.idempotency.get('retention-test', 'old-done-1')).toBeNull();
    expect(await store.idempotency.get('retention-test', 'old-done-2')).toBeNull();
    expect(await store.idempotency.get('retention-test', 'old-done-3')).not.toBeNull();
    expect(await store.idempotency.sweep(before, 100)).toBe(2);
    expect(await store.idempotency.sweep(before, 100)).toBe(0);
    const left = await store.db.query(
      `SELECT key FROM idempotency_records WHERE scope = 'retention-test' ORDER BY key`,
    );
    expect(left.map((r) => r.key)).toEqual(['new-done', 'old-running']);
    // A merchant order's key from before migration 15 (its order's id is random, not the key's).
    expect(await claim(store, 'old-order', 15_000, 'merchant.createOrder')).not.toBeNull();
    await store.idempotency.complete('merchant.createOrder', 'old-order', 'owner-a', 201, {});
    await store.db.query(
      `UPDATE idempotency_records SET created_at = m.applied_at - interval '10 days',
         completed_at = m.applied_at - interval '10 days'
       FROM kki_migrations m WHERE m.version = 15 AND key = 'old-order'`,
    );
    expect(await store.idempotency.sweep(before, 100)).toBe(0);
    expect(await store.idempotency.get('merchant.createOrder', 'old-order')).not.toBeNull();
    // The live owner still holds its key and completes it.
    await store.idempotency.complete('retention-test', 'old-running', 'owner-a', 200, { ok: true });
    expect((await store.idempotency.get('retention-test', 'old-running'))?.state).toBe('completed');
  });
});

describe('idempotency retention through reconciliation', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  it('a KKI payment retried after its record was deleted answers the same payment, one at DOKU', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'rina', amount: 90_000 });
    const key = newKey();
    const json = {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 31), ott: newOtt() },
    };
    const first = await h.call('rina', '/kki/payments', { method: 'POST', key, json });
    expect(first.status).toBe(201);
    const paid = await first.json();

    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    const records = await h.bff.store.db.query('SELECT key FROM idempotency_records WHERE key = $1', [key]);
    expect(records).toHaveLength(0);

    const retry = await h.call('rina', '/kki/payments', { method: 'POST', key, json });
    expect(retry.status).toBeLessThan(300);
    expect((await retry.json()).id).toBe(paid.id);
    const payment = await h.bff.store.payments.get(paid.id);
    expect(
      h.ledger().payments.filter((p) => p.partnerReferenceNo === payment?.partnerReferenceNo),
    ).toHaveLength(1);
    expect(await h.bff.store.payments.list({ orderId: order.id })).toHaveLength(1);
    expect(h.lines.some((l) => l.msg === 'idempotency records past retention deleted')).toBe(true);
  });

  it('keeps records inside the retention', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'sari', amount: 50_000 });
    const key = newKey();
    const json = {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 32), ott: newOtt() },
    };
    expect((await h.call('sari', '/kki/payments', { method: 'POST', key, json })).status).toBe(201);
    await age(h.bff.store, key, 6);
    await h.bff.services.reconciliation?.run();
    const records = await h.bff.store.db.query('SELECT state FROM idempotency_records WHERE key = $1', [key]);
    expect(records).toEqual([{ state: 'completed' }]);
  });
});

describe('a refund retried after its record was deleted', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('answers the refund its key made and refunds nothing more', async () => {
    const { id } = await paidKkiPayment(h, 100_000);
    const key = `retention-refund-${id}`;
    const first = await h.bff.merchant.refund(id, { amount: 30_000, idempotencyKey: key });
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    expect(
      await h.bff.store.db.query('SELECT key FROM idempotency_records WHERE key = $1', [key]),
    ).toHaveLength(0);

    const again = await h.bff.merchant.refund(id, { amount: 30_000, idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(await h.bff.merchant.getPayment(id)).toMatchObject({
      refundedAmount: 30_000,
      refundableAmount: 70_000,
    });
    expect(await h.bff.store.refunds.listByPayment(id)).toHaveLength(1);
  });

  it('a merchant order retried after its record was deleted is the same order; another order under the key is refused', async () => {
    // A store migrated long ago: keys of orders made since migration 15 age out like any other.
    await h.bff.store.db.query(
      `UPDATE kki_migrations SET applied_at = applied_at - interval '1 year' WHERE version = 15`,
    );
    const key = `retention-order-${Date.now()}`;
    const input = { customerId: 'cust-42', amount: 10_000, metadata: { shopOrder: 'SO-77' } };
    const first = await h.bff.merchant.createOrder(input, { idempotencyKey: key });
    expect((await h.bff.merchant.createOrder(input, { idempotencyKey: key })).id).toBe(first.id);
    // The scope the sweep's rule for orders made before migration 15 names.
    expect(await h.bff.store.db.query('SELECT scope FROM idempotency_records WHERE key = $1', [key])).toEqual(
      [{ scope: MERCHANT_ORDER_SCOPE }],
    );
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    expect(
      await h.bff.store.db.query('SELECT key FROM idempotency_records WHERE key = $1', [key]),
    ).toHaveLength(0);

    const later = await h.bff.merchant.createOrder(input, { idempotencyKey: key });
    expect(later).toMatchObject({ id: first.id, amount: 10_000, status: 'open' });
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    await expect(
      h.bff.merchant.createOrder({ ...input, amount: 12_000 }, { idempotencyKey: key }),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    const orders = await h.bff.store.db.query('SELECT id, amount::int AS amount FROM orders WHERE id = $1', [
      first.id,
    ]);
    expect(orders).toEqual([{ id: first.id, amount: 10_000 }]);
  });

  it('a card page key used again for another order past its retention is refused, nothing asked of DOKU', async () => {
    const key = `retention-card-${Date.now()}`;
    const open = async (customerOrder: string) =>
      h.call('/cards/payments', { method: 'POST', key, body: JSON.stringify({ orderId: customerOrder }) });
    const a = await h.bff.merchant.createOrder({
      customerId: CUSTOMER,
      amount: 20_000,
      metadata: { email: 'a@b.id' },
    });
    const first = await open(a.id);
    expect(first.status).toBe(201);
    const paymentA = (await first.json()) as { id: string };
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    const pages = (await ledgerOrders(h)).length;

    const b = await h.bff.merchant.createOrder({
      customerId: CUSTOMER,
      amount: 30_000,
      metadata: { email: 'a@b.id' },
    });
    const again = await open(b.id);
    expect(again.status).toBe(422);
    expect((await again.json()).error.code).toBe('idempotency_key_reused');
    expect((await ledgerOrders(h)).length).toBe(pages);
    expect(await h.bff.store.payments.list({ orderId: b.id })).toHaveLength(0);
    // The same key for its own order still answers its payment as it stands.
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    const own = await open(a.id);
    expect(own.status).toBeLessThan(300);
    expect(((await own.json()) as { id: string }).id).toBe(paymentA.id);
  });

  it('a capture key used again for another payment past its retention captures that payment at DOKU', async () => {
    const first = await authorizedCardPayment(h, 40_000);
    const second = await authorizedCardPayment(h, 60_000);
    const key = `retention-capture-${Date.now()}`;
    await expect(h.bff.merchant.capture(first, { idempotencyKey: key })).resolves.toMatchObject({
      status: 'succeeded',
    });
    await age(h.bff.store, key, 8);
    await h.bff.services.reconciliation?.run();
    await expect(h.bff.merchant.capture(second, { idempotencyKey: key })).resolves.toMatchObject({
      id: second,
      status: 'succeeded',
    });
    for (const id of [first, second]) {
      const ref = (await h.bff.store.payments.get(id))?.partnerReferenceNo;
      expect((await ledgerOrders(h)).find((o) => o.invoiceNumber === ref)?.authorization?.status).toBe(
        'CAPTURED',
      );
    }
  });

  it("a capture stored under the key's own id (before Request-Ids named the payment) answers its key", async () => {
    const id = await authorizedCardPayment(h, 45_000);
    const key = `retention-legacy-capture-${Date.now()}`;
    await h.bff.merchant.capture(id, { idempotencyKey: key });
    const [record] = await h.bff.store.db.query(
      'SELECT external_id FROM idempotency_records WHERE key = $1',
      [key],
    );
    await h.bff.store.payments.update(id, { doku: { captureRequestId: String(record?.external_id) } });
    await h.bff.store.db.query('DELETE FROM idempotency_records WHERE key = $1', [key]);
    await expect(h.bff.merchant.capture(id, { idempotencyKey: key })).resolves.toMatchObject({
      id,
      status: 'succeeded',
    });
    await expect(h.bff.merchant.capture(id, { idempotencyKey: `${key}-other` })).rejects.toMatchObject({
      code: 'operation_not_allowed',
    });
  });

  it('orders under different keys get different ids, and an order made without a key a random one', async () => {
    const input = { customerId: 'cust-42', amount: 5_000 };
    const a = await h.bff.merchant.createOrder(input, { idempotencyKey: `order-a-${Date.now()}` });
    const b = await h.bff.merchant.createOrder(input, { idempotencyKey: `order-b-${Date.now()}` });
    const c = await h.bff.merchant.createOrder(input);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    for (const order of [a, b, c]) expect(order.id).toMatch(/^ord_[A-Za-z0-9]{24}$/);
  });
});

describe('idempotencyRetentionMs', () => {
  const base = { publicUrl: 'https://shop.test/api/kki', authenticate: () => null };

  it('defaults to seven days and refuses less than a day', () => {
    expect(resolveConfig(base, SANDBOX).idempotencyRetentionMs).toBe(7 * DAY);
    expect(resolveConfig({ ...base, idempotencyRetentionMs: 2 * DAY }, SANDBOX).idempotencyRetentionMs).toBe(
      2 * DAY,
    );
    expect(() => resolveConfig({ ...base, idempotencyRetentionMs: 3_600_000 }, SANDBOX)).toThrow(
      KkiBffConfigError,
    );
    expect(() => resolveConfig({ ...base, idempotencyRetentionMs: 3_600_000 }, SANDBOX)).toThrow(
      /idempotencyRetentionMs must be at least 86400000/,
    );
  });

  it('is read from KKI_IDEMPOTENCY_RETENTION_MS', () => {
    expect(optionsFromEnv({ KKI_IDEMPOTENCY_RETENTION_MS: '172800000' }, {}).idempotencyRetentionMs).toBe(
      2 * DAY,
    );
  });
});
