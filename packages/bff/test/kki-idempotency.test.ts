// Idempotency of the KKI payment route against the in-process sandbox: a double submit and a replay
// make one DOKU payment, key reuse with another body is refused (422), and two BFF instances on one
// database racing one key make ONE DOKU payment (PostgreSQL when TEST_DATABASE_URL is set, otherwise
// two instances sharing one PGlite store).
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KkiBff } from '../src/app.js';
import {
  type KkiHarness,
  MOUNT,
  newKey,
  newOtt,
  ORIGIN,
  startKki,
  startTwoBffs,
  type TwoBffs,
} from './kki-setup.js';

describe('KKI payment idempotency', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  const paymentsAtDoku = (reference: string | undefined) =>
    h.ledger().payments.filter((p) => p.partnerReferenceNo === reference);

  it('a double submit and a later replay answer with one payment and make one DOKU call', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'ida', amount: 120_000 });
    const key = newKey();
    const json = {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 21), ott: newOtt() },
    };
    const [a, b] = await Promise.all([
      h.call('ida', '/kki/payments', { method: 'POST', key, json }),
      h.call('ida', '/kki/payments', { method: 'POST', key, json }),
    ]);
    const bodies = [await a.json(), await b.json()];
    // One ran; the other either replayed it or was told it is still in progress.
    const done = bodies.filter((x) => x.id);
    expect(done.length).toBeGreaterThanOrEqual(1);
    const replay = await h.call('ida', '/kki/payments', { method: 'POST', key, json });
    const again = await replay.json();
    expect(again.id).toBe(done[0].id);
    const payment = await h.bff.store.payments.get(again.id);
    expect(paymentsAtDoku(payment?.partnerReferenceNo)).toHaveLength(1);
    expect(await h.bff.store.payments.list({ orderId: order.id })).toHaveLength(1);
  });

  it('a retry that takes the key over after the paying instance died gets its payment, not already_paid', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'kai', amount: 80_000 });
    const key = newKey();
    const json = {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 24), ott: newOtt() },
    };
    const first = await (await h.call('kai', '/kki/payments', { method: 'POST', key, json })).json();
    const payment = await h.bff.store.payments.get(first.id);
    expect((await h.control(`/kki/payments/${payment?.partnerReferenceNo}/approve`, {})).status).toBe(200);
    await h.idle();
    expect((await h.bff.store.orders.get(order.id))?.status).toBe('paid');
    // The instance died before it stored its answer: the key is free again, as after its lease ran out.
    await h.bff.store.db.query('DELETE FROM idempotency_records WHERE key = $1', [key]);
    const retry = await h.call('kai', '/kki/payments', { method: 'POST', key, json });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toMatchObject({ id: first.id, status: 'succeeded' });
    expect(paymentsAtDoku(payment?.partnerReferenceNo)).toHaveLength(1);
    // Any other call for the paid order is refused.
    const other = await h.call('kai', '/kki/payments', { method: 'POST', key: newKey(), json });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('already_paid');
  });

  it('the same key with another body is refused with 422 and changes nothing', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'jo', amount: 90_000 });
    const key = newKey();
    const submit = (serial: number) =>
      h.call('jo', '/kki/payments', {
        method: 'POST',
        key,
        json: {
          orderId: order.id,
          source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt() },
        },
      });
    expect((await submit(22)).status).toBe(201);
    const before = h.ledger().payments.length;
    const other = await submit(23);
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('idempotency_key_reused');
    expect(h.ledger().payments.length).toBe(before);
  });
});

describe('two BFF instances on one database racing one key', () => {
  let two: TwoBffs;
  let bffs: KkiBff[] = [];
  let sandboxHost: KkiHarness;

  beforeAll(async () => {
    two = await startTwoBffs('kki_race');
    ({ bffs, sandboxHost } = two);
  }, 60_000);
  afterAll(() => two?.close());

  it('makes ONE DOKU payment', async () => {
    const order = await bffs[0]?.merchant.createOrder({ customerId: 'kim', amount: 333_000 });
    const key = newKey();
    const json = {
      orderId: order?.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 24), ott: newOtt() },
    };
    const hosts = bffs.map((bff) => {
      const host = new Hono();
      host.route(MOUNT, bff.app);
      return host;
    });
    const answers = await Promise.all(
      hosts.flatMap((host) =>
        [1, 2, 3].map(() =>
          host.request(`${MOUNT}/kki/payments`, {
            method: 'POST',
            body: JSON.stringify(json),
            headers: {
              'x-test-customer': 'kim',
              origin: ORIGIN,
              'x-kki-request': '1',
              'content-type': 'application/json',
              'idempotency-key': key,
            },
          }),
        ),
      ),
    );
    const ok = answers.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const ids = new Set(await Promise.all(ok.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const atDoku = sandboxHost.ledger().payments.filter((p) => p.amount === 333_000);
    expect(atDoku).toHaveLength(1);
  });
});
