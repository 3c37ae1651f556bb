import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_SENT_AT_FACT, MIGRATIONS, migrate, StoreRuleError, type Store } from '../src/store/index.js';
import { freshSchema, STORE_BACKENDS } from './helpers.js';

describe.each(STORE_BACKENDS)('store on %s', (_name, open) => {
  let store: Store;
  const schema = freshSchema('store');
  // PGlite's own start-up takes seconds, more on a loaded machine.
  beforeAll(async () => {
    store = await open(schema);
  }, 60_000);
  afterAll(async () => {
    if (store.kind === 'postgres') await store.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  });

  const newOrder = (customerId = 'cust-a', amount = 150_000) =>
    store.orders.create({ customerId, amount, lineItems: [{ name: 'Kopi', price: amount, quantity: 1 }] });
  let refSeq = 0;
  const ref = () => `${Date.now()}${++refSeq}`;

  it('records the migrations once; running them again applies nothing', async () => {
    const rows = await store.db.query<{ version: number }>(
      'SELECT version FROM kki_migrations ORDER BY version',
    );
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(store.db)).toEqual([]);
    expect(await Promise.all([migrate(store.db), migrate(store.db)])).toEqual([[], []]);
  });

  it('creates all the tables', async () => {
    for (const table of [
      'orders',
      'payments',
      'payment_events',
      'bindings',
      'saved_cards',
      'refunds',
      'idempotency_records',
      'notification_inbox',
      'rate_limits',
      'extra_charges',
    ]) {
      expect(await store.db.query(`SELECT count(*) AS n FROM ${table}`)).toHaveLength(1);
    }
  });

  it('scopes orders to their customer', async () => {
    const order = await newOrder('cust-a');
    expect(order.id).toMatch(/^ord_[A-Za-z0-9]{24}$/);
    expect(order.amount).toBe(150_000);
    expect((await store.orders.getForCustomer(order.id, 'cust-a'))?.id).toBe(order.id);
    expect(await store.orders.getForCustomer(order.id, 'cust-b')).toBeNull();
    expect(await store.orders.get('ord_doesnotexist')).toBeNull();
  });

  it("takes a payment's amount from its order and scopes it to the order's customer", async () => {
    const order = await newOrder('cust-a', 99_000);
    const p = await store.payments.create({
      orderId: order.id,
      method: 'kki',
      kkiKind: 'single',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    expect(p.amount).toBe(99_000);
    expect(p.status).toBe('created');
    expect(p.customerId).toBe('cust-a');
    expect(await store.payments.getForCustomer(p.id, 'cust-b')).toBeNull();
    expect((await store.payments.events(p.id)).map((e) => e.toStatus)).toEqual(['created']);
  });

  it('never lets a late pending overwrite a final state, and records the history in order', async () => {
    const order = await newOrder();
    const p = await store.payments.create({
      orderId: order.id,
      method: 'kki',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    expect((await store.payments.transition(p.id, 'pending', { source: 'doku_response' })).applied).toBe(
      true,
    );
    const ok = await store.payments.transition(p.id, 'succeeded', {
      source: 'notification',
      detail: { latestTransactionStatus: '00' },
    });
    expect(ok.applied).toBe(true);
    const late = await store.payments.transition(p.id, 'pending', { source: 'notification' });
    expect(late.applied).toBe(false);
    expect(late.record.status).toBe('succeeded');
    expect((await store.payments.transition(p.id, 'failed', { source: 'status_check' })).applied).toBe(false);
    const events = await store.payments.events(p.id);
    expect(events.map((e) => [e.version, e.fromStatus, e.toStatus])).toEqual([
      [0, null, 'created'],
      [1, 'created', 'pending'],
      [2, 'pending', 'succeeded'],
    ]);
    expect(events[2]?.detail).toEqual({ latestTransactionStatus: '00' });
    const paid = await store.orders.get(order.id);
    expect(paid?.status).toBe('paid');
    expect(paid?.paidPaymentId).toBe(p.id);
    await expect(
      store.payments.create({
        orderId: order.id,
        method: 'kki',
        partnerReferenceNo: ref(),
        externalId: ref(),
      }),
    ).rejects.toMatchObject({ code: 'already_paid' });
  });

  it("with a customer, refuses another customer's order as not found and reuses a retry's payment", async () => {
    const order = await newOrder('cust-a', 42_000);
    const input = (customerId: string, partnerReferenceNo: string) => ({
      orderId: order.id,
      customerId,
      method: 'kki' as const,
      partnerReferenceNo,
      externalId: partnerReferenceNo,
    });
    const theirs = ref();
    await expect(store.payments.createOrReuse(input('cust-b', theirs))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await store.payments.findByPartnerReference(theirs)).toBeNull();

    const mine = ref();
    const first = await store.payments.createOrReuse(input('cust-a', mine));
    expect(first).toMatchObject({ reused: false, orderPaid: false, payment: { amount: 42_000 } });
    // The same reference asked by another customer is not theirs to see.
    await expect(store.payments.createOrReuse(input('cust-b', mine))).rejects.toMatchObject({
      code: 'not_found',
    });
    await store.payments.transition(first.payment.id, 'pending', { source: 'doku_response' });
    const paid = await store.payments.transition(first.payment.id, 'succeeded', { source: 'notification' });
    expect(paid.applied).toBe(true);
    // A retry of the call that paid the order gets its payment, and knows the order is paid.
    const retry = await store.payments.createOrReuse(input('cust-a', mine));
    expect(retry).toMatchObject({ reused: true, orderPaid: true, payment: { id: first.payment.id } });
    // Any other call on the paid order is refused.
    await expect(store.payments.createOrReuse(input('cust-a', ref()))).rejects.toMatchObject({
      code: 'already_paid',
    });
  });

  it('keeps one open attempt per order, even when attempts race', async () => {
    const order = await newOrder();
    const attempt = () =>
      store.payments.create({
        orderId: order.id,
        method: 'kki',
        partnerReferenceNo: ref(),
        externalId: ref(),
      });
    const results = await Promise.allSettled(Array.from({ length: 6 }, attempt));
    const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(made).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toMatchObject({
          code: 'order_payment_open',
          details: { paymentId: made[0]?.id, method: 'kki' },
        });
      }
    }
    // A closed attempt frees the order for the next one.
    await store.payments.transition(made[0]!.id, 'cancelled', { source: 'api' });
    await expect(attempt()).resolves.toMatchObject({ status: 'created' });
  });

  it('records a success the order does not keep as an extra charge (cancelled, or order paid)', async () => {
    const order = await newOrder();
    const create = () =>
      store.payments.create({
        orderId: order.id,
        method: 'kki',
        partnerReferenceNo: ref(),
        externalId: ref(),
      });
    const cancelled = await create();
    await store.payments.transition(cancelled.id, 'cancelled', { source: 'api' });
    const kept = await create();
    const late = await store.payments.transition(cancelled.id, 'succeeded', { source: 'notification' });
    expect(late.applied).toBe(true);
    expect(late.extraCharge).toMatchObject({
      reason: 'cancelled_attempt',
      status: 'refunding',
      keptPaymentId: null,
    });
    expect((await store.orders.get(order.id))?.status).toBe('open');
    const paid = await store.payments.transition(kept.id, 'succeeded', { source: 'notification' });
    expect(paid.extraCharge).toBeUndefined();
    expect((await store.orders.get(order.id))?.paidPaymentId).toBe(kept.id);
    expect(await store.extraCharges.listRefunding()).toEqual([
      expect.objectContaining({ paymentId: cancelled.id, orderId: order.id }),
    ]);
    const events = await store.payments.events(cancelled.id);
    expect(events.at(-1)?.detail).toMatchObject({ extraCharge: 'cancelled_attempt' });
    await store.extraCharges.note(cancelled.id, { lastError: 'doku_unavailable' });
    expect(await store.extraCharges.finish(cancelled.id, 'refunded')).toMatchObject({ status: 'refunded' });
    expect(await store.extraCharges.listRefunding()).toEqual([]);
  });

  it('reopens a released extra charge when DOKU takes the money after all; a voided one stays closed', async () => {
    const order = await newOrder();
    const create = () =>
      store.payments.create({
        orderId: order.id,
        method: 'card',
        partnerReferenceNo: ref(),
        externalId: ref(),
      });
    const extra = await create();
    await store.payments.transition(extra.id, 'cancelled', { source: 'api' });
    const kept = await create();
    await store.payments.transition(kept.id, 'succeeded', { source: 'notification' });
    expect(
      (await store.payments.transition(extra.id, 'authorized', { source: 'notification' })).extraCharge,
    ).toMatchObject({ status: 'refunding' });
    // DOKU released the authorization: nothing taken, the extra charge closes.
    await store.payments.transition(extra.id, 'expired', { source: 'status_check' });
    expect(await store.extraCharges.finish(extra.id, 'released')).toMatchObject({ status: 'released' });
    // Then DOKU reports it captured: the money is taken, so the extra charge is open again.
    const late = await store.payments.transition(extra.id, 'succeeded', { source: 'notification' });
    expect(late.applied).toBe(true);
    expect(late.extraCharge).toMatchObject({ paymentId: extra.id, status: 'refunding' });
    expect(await store.extraCharges.listRefunding()).toEqual([
      expect.objectContaining({ paymentId: extra.id }),
    ]);
    expect((await store.orders.get(order.id))?.paidPaymentId).toBe(kept.id);

    // A voided extra charge (cancelled, closed as refunded) ignores DOKU's older word.
    await store.extraCharges.finish(extra.id, 'refunded');
    const other = await newOrder();
    const voided = await store.payments.create({
      orderId: other.id,
      method: 'card',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.payments.transition(voided.id, 'cancelled', { source: 'api' });
    await store.payments.transition(voided.id, 'authorized', { source: 'notification' });
    await store.payments.transition(voided.id, 'cancelled', { source: 'doku_response' });
    await store.extraCharges.finish(voided.id, 'refunded');
    const stale = await store.payments.transition(voided.id, 'authorized', { source: 'notification' });
    expect(stale.applied).toBe(false);
    expect(stale.record.status).toBe('cancelled');
  });

  it('applies concurrent racing transitions exactly once', async () => {
    const order = await newOrder();
    const p = await store.payments.create({
      orderId: order.id,
      method: 'kki',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.payments.transition(p.id, 'pending', { source: 'doku_response' });
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () =>
        store.payments.transition(p.id, 'succeeded', { source: 'notification' }),
      ),
      ...Array.from({ length: 5 }, () =>
        store.payments.transition(p.id, 'expired', { source: 'reconciliation' }),
      ),
    ]);
    // DOKU's success applies exactly once whichever lock comes first: before the expiry (which then
    // finds a closed payment), or after it (a DOKU-confirmed success reopens an expired payment). The
    // expiry applies at most once; money DOKU took is never left looking expired.
    const succeeded = results.slice(0, 5).filter((r) => r.applied);
    const expired = results.slice(5).filter((r) => r.applied);
    expect(succeeded).toHaveLength(1);
    expect(expired.length).toBeLessThanOrEqual(1);
    const final = await store.payments.get(p.id);
    expect(final?.status).toBe('succeeded');
    expect(await store.payments.events(p.id)).toHaveLength(3 + expired.length);
  });

  it('lets DOKU-confirmed success reopen an expired payment, but not a customer action', async () => {
    const order = await newOrder();
    const p = await store.payments.create({
      orderId: order.id,
      method: 'kki',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.payments.transition(p.id, 'expired', { source: 'reconciliation' });
    expect((await store.payments.transition(p.id, 'succeeded', { source: 'api' })).applied).toBe(false);
    expect((await store.payments.transition(p.id, 'succeeded', { source: 'notification' })).applied).toBe(
      true,
    );
  });

  it('closes an attempt the kit gives up on only while it is open: an authorization recorded meanwhile stays', async () => {
    const order = await newOrder();
    const p = await store.payments.create({
      orderId: order.id,
      method: 'card',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    // The customer's cancel read the payment open; DOKU's AUTHORIZE notification landed first.
    await store.payments.transition(p.id, 'authorized', { source: 'notification' });
    for (const to of ['cancelled', 'expired'] as const) {
      const closed = await store.payments.transition(p.id, to, {
        source: to === 'cancelled' ? 'api' : 'status_check',
        expected: 'pending',
        onlyWhileOpen: true,
      });
      expect(closed.applied, to).toBe(false);
      expect(closed.record.status, to).toBe('authorized');
    }
    expect(await store.orders.get(order.id)).toMatchObject({ status: 'paid', paidPaymentId: p.id });
    // Without the guard the same close would end the hold and reopen the order (a void's path).
    const open = await store.payments.create({
      orderId: (await newOrder()).id,
      method: 'card',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    const cancelled = await store.payments.transition(open.id, 'cancelled', {
      source: 'api',
      onlyWhileOpen: true,
    });
    expect(cancelled.record.status).toBe('cancelled');
  });

  it('patches fields without touching the state, and lists open payments for reconciliation', async () => {
    const order = await newOrder();
    const p = await store.payments.create({
      orderId: order.id,
      method: 'card',
      cardPaymentType: 'SALE',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.payments.transition(p.id, 'pending', { source: 'doku_response' });
    const updated = await store.payments.update(p.id, {
      dokuReferenceNo: 'DOKU-REF-1',
      nextAction: { type: 'card_page', url: 'https://sandbox.test/page', expiresAt: null },
      doku: { approvalCode: '123' },
    });
    expect(updated.status).toBe('pending');
    expect(updated.version).toBe(1);
    expect(updated.nextAction.type).toBe('card_page');
    expect((await store.payments.update(p.id, { doku: { rrn: 'x' } })).doku).toEqual({
      approvalCode: '123',
      rrn: 'x',
    });
    expect((await store.payments.findByDokuReference('DOKU-REF-1'))?.id).toBe(p.id);
    const open = await store.payments.listOpen(new Date(Date.now() + 60_000));
    expect(open.map((x) => x.id)).toContain(p.id);
    expect(await store.payments.listOpen(new Date(Date.now() - 60_000))).not.toContainEqual(
      expect.objectContaining({ id: p.id }),
    );
  });

  it('lists authorizations a capture was sent for, within the window and once they waited', async () => {
    const authorization = async (sentAt: string | null) => {
      const p = await store.payments.create({
        orderId: (await newOrder()).id,
        method: 'card',
        cardPaymentType: 'AUTHORIZE',
        partnerReferenceNo: ref(),
        externalId: ref(),
      });
      await store.payments.transition(p.id, 'authorized', { source: 'notification' });
      await store.payments.update(p.id, { doku: { [CAPTURE_SENT_AT_FACT]: sentAt } });
      return p.id;
    };
    const now = Date.now();
    const recent = await authorization(new Date(now - 60_000).toISOString());
    const old = await authorization(new Date(now - 2 * 86_400_000).toISOString());
    const cleared = await authorization(null);
    const listed = async (before: number) =>
      (
        await store.payments.listCaptureSent({
          method: 'card',
          sentAfter: new Date(now - 86_400_000),
          before: new Date(before),
          limit: 1_000,
        })
      ).map((p) => p.id);
    const waited = await listed(now + 60_000);
    expect(waited).toContain(recent);
    expect(waited).not.toContain(old);
    expect(waited).not.toContain(cleared);
    expect(await listed(now - 60_000)).not.toContain(recent);
    // Captured: no longer an authorization to ask about.
    await store.payments.transition(recent, 'succeeded', { source: 'status_check' });
    expect(await listed(now + 60_000)).not.toContain(recent);
  });

  it('refuses refunds above what is left, counting pending ones, and moves the payment state', async () => {
    const order = await newOrder('cust-a', 100_000);
    const p = await store.payments.create({
      orderId: order.id,
      method: 'kki',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await expect(
      store.refunds.reserve({ paymentId: p.id, amount: 1, partnerRefundNo: ref(), externalId: ref() }),
    ).rejects.toMatchObject({ code: 'payment_not_refundable' });
    await store.payments.transition(p.id, 'succeeded', { source: 'doku_response' });
    const a = await store.refunds.reserve({
      paymentId: p.id,
      amount: 60_000,
      partnerRefundNo: ref(),
      externalId: ref(),
    });
    await expect(
      store.refunds.reserve({ paymentId: p.id, amount: 40_001, partnerRefundNo: ref(), externalId: ref() }),
    ).rejects.toBeInstanceOf(StoreRuleError);
    expect(await store.refunds.remaining(p.id)).toBe(40_000);
    const settled = await store.refunds.settle(a.refund.id, {
      status: 'succeeded',
      type: 'KKI_PARTIAL_REFUND',
    });
    expect(settled.payment.status).toBe('partially_refunded');
    expect(settled.payment.refundedAmount).toBe(60_000);
    // Settling twice changes nothing.
    expect((await store.refunds.settle(a.refund.id, { status: 'failed' })).refund.status).toBe('succeeded');
    const rest = await store.refunds.reserve({
      paymentId: p.id,
      amount: null,
      partnerRefundNo: ref(),
      externalId: ref(),
    });
    expect(rest.refund.amount).toBe(40_000);
    expect((await store.refunds.settle(rest.refund.id, { status: 'succeeded' })).payment.status).toBe(
      'refunded',
    );
    expect(await store.refunds.remaining(p.id)).toBe(0);
    expect((await store.refunds.listByPayment(p.id)).map((r) => r.amount)).toEqual([60_000, 40_000]);
  });

  it('lets only one of many concurrent refunds through when together they exceed the amount', async () => {
    const order = await newOrder('cust-a', 100_000);
    const p = await store.payments.create({
      orderId: order.id,
      method: 'card',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.payments.transition(p.id, 'succeeded', { source: 'doku_response' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        store.refunds.reserve({ paymentId: p.id, amount: 70_000, partnerRefundNo: ref(), externalId: ref() }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('seals saved-card tokens, finds them by token, and scopes them to their customer', async () => {
    const token = 'BANKCARDTOKEN-SENTINEL-1234567890';
    const card = await store.savedCards.create({
      customerId: 'cust-a',
      method: 'kki',
      token,
      maskedCpan: '936000******0019',
      issuer: 'bri',
      issuerName: 'BRI',
    });
    expect(card.id).toMatch(/^card_/);
    const raw = await store.db.query('SELECT * FROM saved_cards WHERE id = $1', [card.id]);
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(await store.savedCards.revealToken(card.id)).toBe(token);
    expect((await store.savedCards.findByToken(token))?.id).toBe(card.id);
    expect(
      (
        await store.savedCards.create({
          customerId: 'cust-a',
          method: 'kki',
          token,
          maskedCpan: '936000******0019',
          issuer: 'bri',
          issuerName: 'BRI',
        })
      ).id,
    ).toBe(card.id);
    await expect(
      store.savedCards.create({
        customerId: 'cust-b',
        method: 'kki',
        token,
        maskedCpan: '936000******0019',
        issuer: 'bri',
        issuerName: 'BRI',
      }),
    ).rejects.toMatchObject({ code: 'card_already_bound' });
    expect(await store.savedCards.getForCustomer(card.id, 'cust-b')).toBeNull();
    expect((await store.savedCards.listForCustomer('cust-b')).map((c) => c.id)).not.toContain(card.id);
    expect((await store.savedCards.setStatus(card.id, 'removing')).status).toBe('removing');
    expect((await store.savedCards.listForCustomer('cust-a')).map((c) => c.id)).toContain(card.id);
    expect((await store.savedCards.setStatus(card.id, 'removed')).status).toBe('removed');
    expect((await store.savedCards.setStatus(card.id, 'active')).status).toBe('removed');
    expect((await store.savedCards.listForCustomer('cust-a')).map((c) => c.id)).not.toContain(card.id);
  });

  it('keeps a binding final once it left pending, and seals its auth code', async () => {
    const b = await store.bindings.create({
      customerId: 'cust-a',
      mode: 'otp',
      maskedCpan: '936000******0019',
      issuer: 'bri',
      partnerReferenceNo: ref(),
      externalId: ref(),
    });
    await store.bindings.update(b.id, { authCode: 'AUTHCODE-SENTINEL-99', dokuReferenceNo: 'BREF-1' });
    const raw = await store.db.query('SELECT * FROM bindings WHERE id = $1', [b.id]);
    expect(JSON.stringify(raw)).not.toContain('AUTHCODE-SENTINEL-99');
    expect(await store.bindings.revealAuthCode(b.id)).toBe('AUTHCODE-SENTINEL-99');
    expect((await store.bindings.update(b.id, { status: 'active' })).applied).toBe(true);
    const late = await store.bindings.update(b.id, { status: 'failed' });
    expect(late.applied).toBe(false);
    expect(late.record.status).toBe('active');
    expect(await store.bindings.getForCustomer(b.id, 'cust-b')).toBeNull();
    expect((await store.bindings.findByDokuReference('BREF-1'))?.id).toBe(b.id);
  });

  it('counts attempts per bucket and subject in a fixed window, atomically under concurrency', async () => {
    const subject = `cust-${ref()}`;
    expect(await store.rateLimits.hit('payment', subject, 60_000)).toBe(1);
    expect(await store.rateLimits.hit('payment', subject, 60_000)).toBe(2);
    // Another bucket and another customer count on their own.
    expect(await store.rateLimits.hit('otp', subject, 60_000)).toBe(1);
    expect(await store.rateLimits.hit('payment', `${subject}-b`, 60_000)).toBe(1);
    const counts = await Promise.all(
      Array.from({ length: 10 }, () => store.rateLimits.hit('payment', subject, 60_000)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // After the window, the count starts again.
    const short = `cust-${ref()}`;
    expect(await store.rateLimits.hit('payment', short, 150)).toBe(1);
    expect(await store.rateLimits.hit('payment', short, 150)).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.rateLimits.hit('payment', short, 150)).toBe(1);
  });

  it('de-duplicates notifications in the inbox', async () => {
    const first = await store.inbox.record('snap', 'ext-1', { a: 1 });
    const again = await store.inbox.record('snap', 'ext-1', { a: 1 });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.record.id).toBe(first.record.id);
    const other = await store.inbox.record('non_snap', 'ext-1', {});
    expect(other.duplicate).toBe(false);
    // Listed per source: a replay of one source never meets the other's rows.
    expect((await store.inbox.listReceived('snap')).map((r) => r.id)).toContain(first.record.id);
    expect((await store.inbox.listReceived('snap')).map((r) => r.id)).not.toContain(other.record.id);
    expect((await store.inbox.listReceived('non_snap')).map((r) => r.id)).toEqual([other.record.id]);
    await store.inbox.finish(first.record.id, 'applied', 'pay_x');
    expect((await store.inbox.listReceived('snap')).map((r) => r.id)).not.toContain(first.record.id);
    // A settled row stays settled: a late 'failed' from another applier does not undo it.
    await store.inbox.finish(first.record.id, 'failed', null, 'late');
    const [settled] = await store.db.query<{ status: string }>(
      'SELECT status FROM notification_inbox WHERE id = $1',
      [first.record.id],
    );
    expect(settled?.status).toBe('applied');
  });

  it('replays notifications never tried before those whose applying failed, and keeps secrets sealed', async () => {
    const failing = await store.inbox.record('snap', `fail-${Date.now()}`, { n: 1 }, 'SECRET-TOKEN-1');
    await store.inbox.noteFailure(failing.record.id, 'Error');
    const fresh = await store.inbox.record('snap', `fresh-${Date.now()}`, { n: 2 });
    const ids = (await store.inbox.listReceived('snap')).map((r) => r.id);
    expect(ids.indexOf(fresh.record.id)).toBeLessThan(ids.indexOf(failing.record.id));
    // Still received, its secret sealed in the row and opened only on request.
    const [row] = await store.db.query<{ status: string; sealed: string }>(
      'SELECT status, sealed FROM notification_inbox WHERE id = $1',
      [failing.record.id],
    );
    expect(row?.status).toBe('received');
    expect(row?.sealed).not.toContain('SECRET-TOKEN-1');
    expect(await store.inbox.secretOf(failing.record.id)).toBe('SECRET-TOKEN-1');
    await store.inbox.finish(failing.record.id, 'applied');
    expect(await store.inbox.secretOf(failing.record.id)).toBeNull();
  });
});
