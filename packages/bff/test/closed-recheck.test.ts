// Payments the BFF closed itself while DOKU could still take money on them: a KKI payment cancelled
// while the issuer app was open, a card page a new attempt superseded. DOKU takes the money after
// all and its notification never arrives (the sandbox runs on its own port and cannot reach the
// shop): reconciliation asks DOKU again, records the extra charge and refunds it.
import { kkiTestCpan, type SandboxServer, startSandboxServer } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { PAYMENT_RECHECK_UNTIL_FACT } from '../src/store/index.js';
import { CARDS, pageRequestId } from './cards-setup.js';
import { MOUNT, newKey, newOtt, ORIGIN } from './kki-setup.js';

describe('closed payments DOKU takes money on later, their notification lost', () => {
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
      // Asked about as soon as a run comes; runs only when the test calls them.
      reconciliation: { pendingAfterMs: 1, intervalMs: 3_600_000 },
    });
    host.route(MOUNT, bff.app);
  }, 60_000);
  afterAll(async () => {
    await bff?.close();
    await server?.close();
  });

  const call = (customer: string, path: string, body?: unknown) =>
    host.request(`${ORIGIN}${MOUNT}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body !== undefined && { body: JSON.stringify(body) }),
      headers: {
        'x-test-customer': customer,
        origin: ORIGIN,
        'x-kki-request': '1',
        'content-type': 'application/json',
        ...(body !== undefined && { 'idempotency-key': newKey() }),
      },
    });
  const control = (path: string, body: unknown) =>
    fetch(`${server.url}/__sandbox${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const run = async () => {
    await new Promise((r) => setTimeout(r, 5));
    await bff.services.reconciliation?.run();
  };

  it('a KKI payment cancelled in the shop, then confirmed in the issuer app, is refunded', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'ani', amount: 71_000 });
    const res = await call('ani', '/kki/payments', {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 61), ott: newOtt() },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await call('ani', `/payments/${id}/cancel`, {})).status).toBe(200);
    const cancelled = await bff.store.payments.get(id);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.doku[PAYMENT_RECHECK_UNTIL_FACT]).toEqual(expect.any(String));
    // The customer confirms in the issuer app after all; DOKU's notification never arrives.
    expect(server.sandbox.kki.approve(cancelled?.partnerReferenceNo ?? '')).toBe('succeeded');
    await run();
    expect((await bff.store.payments.get(id))?.status).toBe('refunded');
    expect(await bff.store.extraCharges.get(id)).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunded',
    });
    expect((await bff.merchant.getOrder(order.id))?.status).toBe('open');
    const atDoku = server.sandbox
      .ledger()
      .payments.find((p) => p.partnerReferenceNo === cancelled?.partnerReferenceNo);
    expect(atDoku?.refundedAmount).toBe(71_000);
  });

  it('the shop page a customer comes back to after confirming a cancelled KKI payment asks DOKU at once', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'citra', amount: 73_000 });
    const res = await call('citra', '/kki/payments', {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 62), ott: newOtt() },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await call('citra', `/payments/${id}/cancel`, {})).status).toBe(200);
    const ref = (await bff.store.payments.get(id))?.partnerReferenceNo ?? '';
    expect(server.sandbox.kki.approve(ref)).toBe('succeeded');
    // The customer spent half a minute in the issuer app (a refresh asks DOKU at most every 15 s,
    // and the cancel had just asked).
    await bff.store.payments.update(id, { lastCheckedAt: new Date(Date.now() - 30_000) });
    // Read without a refresh: the stored word. With one (what the kit sends), DOKU's, before any
    // reconciliation pass: the charge is an extra charge, refunded.
    const stored = (await (await call('citra', `/payments/${id}`)).json()) as { status: string };
    expect(stored.status).toBe('cancelled');
    const read = await call('citra', `/payments/${id}?refresh=true`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { status: string }).status).toBe('refunded');
    expect(await bff.store.extraCharges.get(id)).toMatchObject({ reason: 'cancelled_attempt' });
  });

  it('a card page a new attempt superseded, then paid in an old tab, is refunded; the new page stays open', async () => {
    const order = await bff.merchant.createOrder({
      customerId: 'bayu',
      amount: 72_000,
      metadata: { email: 'bayu@example.com' },
    });
    const first = await call('bayu', '/cards/payments', { orderId: order.id });
    expect(first.status).toBe(201);
    const old = (await first.json()) as { id: string; nextAction: { url: string } };
    const second = await call('bayu', '/cards/payments', { orderId: order.id });
    expect(second.status).toBe(201);
    const fresh = (await second.json()) as { id: string };
    expect((await bff.store.payments.get(old.id))?.status).toBe('cancelled');
    const paid = await control(`/cards/pages/${pageRequestId(old.nextAction.url)}/pay`, {
      card_number: CARDS.approved,
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(((await paid.json()) as { result: string }).result).toBe('completed');
    await run();
    expect((await bff.store.payments.get(old.id))?.status).toBe('refunded');
    expect(await bff.store.extraCharges.get(old.id)).toMatchObject({ reason: 'cancelled_attempt' });
    expect((await bff.store.payments.get(fresh.id))?.status).toBe('pending');
    expect((await bff.merchant.getOrder(order.id))?.status).toBe('open');
  });
});
