// Payments the BFF closed itself while DOKU could still take money on them: a KKI payment cancelled
// while the issuer app was open, a card page a new attempt superseded. DOKU takes the money after
// all and its notification never arrives (the sandbox runs on its own port and cannot reach the
// shop): reconciliation asks DOKU again, records the extra charge and refunds it.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_RECHECK_UNTIL_FACT } from '../src/store/index.js';
import { CARDS, pageRequestId } from './cards-setup.js';
import { newOtt } from './kki-setup.js';
import { type SandboxServerHarness, startOnSandboxServer } from './sandbox-server-setup.js';

describe('closed payments DOKU takes money on later, their notification lost', () => {
  let h: SandboxServerHarness;
  // Asked about as soon as a run comes; runs only when the test calls them.
  beforeAll(async () => {
    h = await startOnSandboxServer({ pendingAfterMs: 1 });
  }, 60_000);
  afterAll(() => h?.close());

  it('a KKI payment cancelled in the shop, then confirmed in the issuer app, is refunded', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'ani', amount: 71_000 });
    const res = await h.call('ani', '/kki/payments', {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 61), ott: newOtt() },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await h.call('ani', `/payments/${id}/cancel`, {})).status).toBe(200);
    const cancelled = await h.bff.store.payments.get(id);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.doku[PAYMENT_RECHECK_UNTIL_FACT]).toEqual(expect.any(String));
    // The customer confirms in the issuer app after all; DOKU's notification never arrives.
    expect(h.server.sandbox.kki.approve(cancelled?.partnerReferenceNo ?? '')).toBe('succeeded');
    await h.run();
    expect((await h.bff.store.payments.get(id))?.status).toBe('refunded');
    expect(await h.bff.store.extraCharges.get(id)).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunded',
    });
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('open');
    const atDoku = h.server.sandbox
      .ledger()
      .payments.find((p) => p.partnerReferenceNo === cancelled?.partnerReferenceNo);
    expect(atDoku?.refundedAmount).toBe(71_000);
  });

  it('the shop page a customer comes back to after confirming a cancelled KKI payment asks DOKU at once', async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'citra', amount: 73_000 });
    const res = await h.call('citra', '/kki/payments', {
      orderId: order.id,
      source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 62), ott: newOtt() },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await h.call('citra', `/payments/${id}/cancel`, {})).status).toBe(200);
    const ref = (await h.bff.store.payments.get(id))?.partnerReferenceNo ?? '';
    expect(h.server.sandbox.kki.approve(ref)).toBe('succeeded');
    // The customer spent half a minute in the issuer app (a refresh asks DOKU at most every 15 s,
    // and the cancel had just asked).
    await h.bff.store.payments.update(id, { lastCheckedAt: new Date(Date.now() - 30_000) });
    // Read without a refresh: the stored word. With one (what the kit sends), DOKU's, before any
    // reconciliation pass: the charge is an extra charge, refunded.
    const stored = (await (await h.call('citra', `/payments/${id}`)).json()) as { status: string };
    expect(stored.status).toBe('cancelled');
    const read = await h.call('citra', `/payments/${id}?refresh=true`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { status: string }).status).toBe('refunded');
    expect(await h.bff.store.extraCharges.get(id)).toMatchObject({ reason: 'cancelled_attempt' });
  });

  it('a card page a new attempt superseded, then paid in an old tab, is refunded; the new page stays open', async () => {
    const order = await h.bff.merchant.createOrder({
      customerId: 'bayu',
      amount: 72_000,
      metadata: { email: 'bayu@example.com' },
    });
    const first = await h.call('bayu', '/cards/payments', { orderId: order.id });
    expect(first.status).toBe(201);
    const old = (await first.json()) as { id: string; nextAction: { url: string } };
    const second = await h.call('bayu', '/cards/payments', { orderId: order.id });
    expect(second.status).toBe(201);
    const fresh = (await second.json()) as { id: string };
    expect((await h.bff.store.payments.get(old.id))?.status).toBe('cancelled');
    const paid = await h.control(`/cards/pages/${pageRequestId(old.nextAction.url)}/pay`, {
      card_number: CARDS.approved,
      expiry: '12/39',
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(((await paid.json()) as { result: string }).result).toBe('completed');
    await h.run();
    expect((await h.bff.store.payments.get(old.id))?.status).toBe('refunded');
    expect(await h.bff.store.extraCharges.get(old.id)).toMatchObject({ reason: 'cancelled_attempt' });
    expect((await h.bff.store.payments.get(fresh.id))?.status).toBe('pending');
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('open');
  });
});
