// After the page: capture of AUTHORIZE (full, partial, auto-release), refunds (VOID before
// settlement, FULL/PARTIAL after, never more than paid), token deletion, order status, control routes.
import { orderStatusPath } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_HOLD_MS, nextSettlementMs } from '../src/cards/index.js';
import { testCard } from '../src/test-values/cards.js';
import { expectError, type Json, pageRequest, SANDBOX_BASE, setupCards } from './cards-support.js';

type Setup = ReturnType<typeof setupCards>;

async function authorized(s: Setup, amount = 90000) {
  const req = pageRequest({ payment: { type: 'AUTHORIZE' } });
  req.order.amount = amount;
  req.order.line_items = [{ name: 'Hotel night', price: amount, quantity: 1 }];
  const page = await s.createPage(req);
  await s.pay(page.ref, { card_number: testCard('master-approve').number });
  const status = await s.status(req.order.invoice_number);
  return { ...page, authorizeId: status.authorize_id as string };
}

async function paid(s: Setup, patch: Parameters<typeof pageRequest>[0] = {}, card = 'visa-approve') {
  const page = await s.createPage(pageRequest(patch));
  await s.pay(page.ref, { card_number: testCard(card).number, tenor: patch.payment?.tenor });
  return page;
}

/** A card refund through the DOKU client (its body, read loosely). */
async function refund(
  s: Setup,
  invoice: string,
  originalRequestId: string,
  amount: number,
  requestId?: string,
): Promise<{ data: Json; replayed: boolean }> {
  const res = await s.client.cardRefund(
    {
      order: { invoice_number: invoice },
      payment: { original_request_id: originalRequestId },
      refund: { amount },
    },
    requestId ? { requestId } : undefined,
  );
  return { data: res.data as Json, replayed: res.replayed };
}

async function settle(s: Setup) {
  const res = await s.sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/settle`, { method: 'POST' });
  return (await res.json()) as Json;
}

describe('capture', () => {
  it('an AUTHORIZE payment holds the amount and notifies with its authorize_id', async () => {
    const s = setupCards();
    const { authorizeId, req } = await authorized(s);
    expect(authorizeId).toMatch(/^\d{14}$/);
    const status = await s.status(req.order.invoice_number);
    expect(status.transaction).toMatchObject({ type: 'AUTHORIZE', status: 'SUCCESS' });
    expect(status.authorization).toMatchObject({
      status: 'AUTHORIZED',
      amount: 90000,
      captured_amount: null,
    });
    expect(status.settlement).toBeUndefined();
    await s.notifier.idle();
    const note = JSON.parse(s.merchant.notifications[0]!.body);
    expect(note).toMatchObject({
      transaction: { type: 'AUTHORIZE', status: 'SUCCESS' },
      authorize_id: authorizeId,
    });
  });

  it('captures in full without capture_amount, answering like DOKU', async () => {
    const s = setupCards();
    const { authorizeId, req } = await authorized(s);
    const res = await s.client.capture({ payment: { authorize_id: authorizeId } }, { requestId: 'cap-1' });
    expect(res.data).toMatchObject({
      order: { invoice_number: req.order.invoice_number, amount: 90000 },
      customer: { id: 'CUST-0001' },
      payment: {
        type: 'CAPTURE',
        request_id: 'cap-1',
        authorize_id: authorizeId,
        status: 'SUCCESS',
        response_code: '00',
      },
      card: { masked: '557338******1002', brand: 'MASTER', type: 'CREDIT', issuer: 'Bank Mandiri' },
    });
    expect(res.data.payment.identifier?.map((i) => i.name)).toEqual(['Acquirer', 'MID', 'TID']);
    const status = await s.status(req.order.invoice_number);
    expect(status.authorization).toMatchObject({ status: 'CAPTURED', captured_amount: 90000 });
    expect(status.settlement.status).toBe('UNSETTLED');
    await s.notifier.idle();
    expect(JSON.parse(s.merchant.notifications[1]!.body).transaction).toMatchObject({
      type: 'CAPTURE',
      amount: 90000,
    });
  });

  it('captures part of the amount once; more than authorized or a second capture is refused', async () => {
    const s = setupCards();
    const { authorizeId, req } = await authorized(s);
    await expectError(
      await s.signed('POST', '/credit-card/capture', {
        payment: { authorize_id: authorizeId, capture_amount: 90001 },
      }),
      400,
      'INVALID_PARAMETER',
    );
    const res = await s.client.capture({ payment: { authorize_id: authorizeId, capture_amount: 60000 } });
    expect(res.data.order.amount).toBe(60000);
    expect((await s.status(req.order.invoice_number)).authorization.captured_amount).toBe(60000);
    const again = await expectError(
      await s.signed('POST', '/credit-card/capture', { payment: { authorize_id: authorizeId } }),
      400,
      'INVALID_TRANSACTION_STATUS',
    );
    expect(again.errors.message).toBe('Authorization is CAPTURED');
  });

  it('an unknown authorize_id is not found', async () => {
    const s = setupCards();
    await expectError(
      await s.signed('POST', '/credit-card/capture', { payment: { authorize_id: '99999999999999' } }),
      404,
      'NOT_FOUND',
    );
  });

  it('releases the authorization after 7 days on the sandbox clock', async () => {
    const s = setupCards();
    const { authorizeId, req } = await authorized(s);
    s.clock.advance(AUTHORIZATION_HOLD_MS - 60_000);
    expect((await s.status(req.order.invoice_number)).authorization.status).toBe('AUTHORIZED');
    s.clock.advance(60_000);
    await s.clock.settled();
    const status = await s.status(req.order.invoice_number);
    expect(status.transaction.status).toBe('EXPIRED');
    expect(status.authorization.status).toBe('RELEASED');
    await expectError(
      await s.signed('POST', '/credit-card/capture', { payment: { authorize_id: authorizeId } }),
      400,
      'INVALID_TRANSACTION_STATUS',
    );
  });

  it('a SALE has no authorization to capture', async () => {
    const s = setupCards();
    await paid(s);
    await expectError(
      await s.signed('POST', '/credit-card/capture', { payment: { authorize_id: '12312391719112' } }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('refunds', () => {
  it('settles at the next 23:00 WIB', () => {
    // 2026-01-01T10:00Z = 17:00 WIB -> 23:00 WIB the same day = 16:00Z.
    expect(new Date(nextSettlementMs(Date.parse('2026-01-01T10:00:00Z'), 23)).toISOString()).toBe(
      '2026-01-01T16:00:00.000Z',
    );
    // 17:00Z = 00:00 WIB the next day -> 23:00 WIB that day.
    expect(new Date(nextSettlementMs(Date.parse('2026-01-01T17:00:00Z'), 23)).toISOString()).toBe(
      '2026-01-02T16:00:00.000Z',
    );
    expect(new Date(nextSettlementMs(Date.parse('2026-01-01T16:00:00Z'), 23)).toISOString()).toBe(
      '2026-01-02T16:00:00.000Z',
    );
  });

  it('before settlement: VOID of the full amount only', async () => {
    const s = setupCards();
    const { req, requestId } = await paid(s);
    const invoice = req.order.invoice_number;
    const partial = await refund(s, invoice, requestId, 10000);
    expect(partial.data.refund).toMatchObject({ type: 'VOID', status: 'FAILED', amount: 10000 });
    const full = await refund(s, invoice, requestId, 90000);
    expect(full.data).toMatchObject({
      order: { invoice_number: invoice },
      payment: { original_request_id: requestId },
      refund: { type: 'VOID', status: 'SUCCESS', amount: 90000, message: 'Approved' },
    });
    expect(full.data.refund.approval_code).toMatch(/^\d{6}$/);
    const again = await refund(s, invoice, requestId, 90000);
    expect(again.data.refund.status).toBe('FAILED');
    const status = await s.status(invoice);
    expect(status.refunded_amount).toBe(90000);
    expect(status.refund_history.map((r: Json) => [r.type, r.status])).toEqual([
      ['VOID', 'FAILED'],
      ['VOID', 'SUCCESS'],
      ['VOID', 'FAILED'],
    ]);
    // A voided sale never settles.
    expect(status.settlement).toBeUndefined();
  });

  it('after settlement (advance the clock past 23:00 WIB): PARTIAL then the rest, never more than paid', async () => {
    const s = setupCards();
    const { req, requestId } = await paid(s);
    const invoice = req.order.invoice_number;
    s.clock.advance(25 * 60 * 60_000);
    expect((await s.status(invoice)).settlement.status).toBe('SETTLED');
    const p1 = await refund(s, invoice, requestId, 30000);
    expect(p1.data.refund).toMatchObject({ type: 'PARTIAL_REFUND', status: 'SUCCESS' });
    const over = await refund(s, invoice, requestId, 60001);
    expect(over.data.refund).toMatchObject({
      type: 'PARTIAL_REFUND',
      status: 'FAILED',
      message: 'Refund Amount Exceeds Remaining Amount',
    });
    const fullAfterPartial = await refund(s, invoice, requestId, 90000);
    expect(fullAfterPartial.data.refund.status).toBe('FAILED');
    const p2 = await refund(s, invoice, requestId, 60000);
    expect(p2.data.refund).toMatchObject({ type: 'PARTIAL_REFUND', status: 'SUCCESS' });
    const more = await refund(s, invoice, requestId, 1);
    expect(more.data.refund).toMatchObject({
      status: 'FAILED',
      message: 'Transaction Already Fully Refunded',
    });
    expect((await s.status(invoice)).refunded_amount).toBe(90000);
  });

  it('after settlement: FULL_REFUND for the whole amount', async () => {
    const s = setupCards();
    const { req, requestId } = await paid(s);
    expect((await settle(s)).settled).toEqual([req.order.invoice_number]);
    const full = await refund(s, req.order.invoice_number, requestId, 90000);
    expect(full.data.refund).toMatchObject({ type: 'FULL_REFUND', status: 'SUCCESS' });
  });

  it('the refundable amount is what was charged: promo price, or the captured part', async () => {
    const s = setupCards();
    const promo = await paid(s, {
      override_configuration: { promo: [{ bin: '411111', discount_amount: 20000 }] },
    });
    await settle(s);
    const over = await refund(s, promo.req.order.invoice_number, promo.requestId, 90000);
    expect(over.data.refund.status).toBe('FAILED');
    const full = await refund(s, promo.req.order.invoice_number, promo.requestId, 70000);
    expect(full.data.refund).toMatchObject({ type: 'FULL_REFUND', status: 'SUCCESS' });

    const auth = await authorized(s);
    await s.client.capture({ payment: { authorize_id: auth.authorizeId, capture_amount: 50000 } });
    const voidCaptured = await refund(s, auth.req.order.invoice_number, auth.requestId, 50000);
    expect(voidCaptured.data.refund).toMatchObject({ type: 'VOID', status: 'SUCCESS' });
  });

  it('an uncaptured authorization can be voided in full', async () => {
    const s = setupCards();
    const { req, requestId, authorizeId } = await authorized(s);
    const res = await refund(s, req.order.invoice_number, requestId, 90000);
    expect(res.data.refund).toMatchObject({ type: 'VOID', status: 'SUCCESS' });
    expect((await s.status(req.order.invoice_number)).authorization.status).toBe('VOIDED');
    await expectError(
      await s.signed('POST', '/credit-card/capture', { payment: { authorize_id: authorizeId } }),
      400,
      'INVALID_TRANSACTION_STATUS',
    );
  });

  it('installment refunds after settlement are manual', async () => {
    const s = setupCards();
    const amount = 1_000_000;
    const { req, requestId } = await paid(
      s,
      {
        order: {
          ...pageRequest().order,
          amount,
          line_items: [{ name: 'Laptop', price: amount, quantity: 1 }],
        },
        payment: { type: 'INSTALLMENT', acquirer: 'BNI', tenor: 6 },
      },
      'visa-approve',
    );
    await settle(s);
    const part = await refund(s, req.order.invoice_number, requestId, 100000);
    expect(part.data.refund).toMatchObject({ type: 'MANUAL_PARTIAL_REFUND', status: 'SUCCESS' });
  });

  it('a refund must name the payment: invoice and original Request-Id', async () => {
    const s = setupCards();
    const { req } = await paid(s);
    const path = '/cancellation/credit-card/refund';
    await expectError(
      await s.signed('POST', path, {
        order: { invoice_number: req.order.invoice_number },
        payment: { original_request_id: 'not-the-request-id' },
        refund: { amount: 90000 },
      }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await s.signed('POST', path, {
        order: { invoice_number: 'INV-NOPE' },
        payment: { original_request_id: 'x' },
        refund: { amount: 1 },
      }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await s.signed('POST', path, {
        order: { invoice_number: req.order.invoice_number },
        refund: { amount: 1 },
      }),
      400,
      'INVALID_PARAMETER',
    );
  });

  it('a failed payment cannot be refunded', async () => {
    const s = setupCards();
    const { req, requestId } = await paid(s, {}, 'visa-do-not-honor');
    await expectError(
      await s.signed('POST', '/cancellation/credit-card/refund', {
        order: { invoice_number: req.order.invoice_number },
        payment: { original_request_id: requestId },
        refund: { amount: 90000 },
      }),
      400,
      'INVALID_TRANSACTION_STATUS',
    );
  });

  it('a refund retried with the same Request-Id is not applied twice', async () => {
    const s = setupCards();
    const { req, requestId } = await paid(s);
    await settle(s);
    const first = await refund(s, req.order.invoice_number, requestId, 10000, 'refund-1');
    const again = await refund(s, req.order.invoice_number, requestId, 10000, 'refund-1');
    expect(again.replayed).toBe(true);
    expect(again.data.refund).toEqual(first.data.refund);
    expect((await s.status(req.order.invoice_number)).refunded_amount).toBe(10000);
  });
});

describe('delete tokenization', () => {
  it('deletes a saved card once; unknown or foreign tokens fail', async () => {
    const s = setupCards();
    const { req } = await paid(s, { card: { save: true } });
    const token = (await s.status(req.order.invoice_number)).card.token as string;
    const foreign = await s.client.deleteTokenization({ token_id: token, customer_id: 'SOMEONE-ELSE' });
    expect(foreign.data.status).toBe('DELETE FAILED');
    const ok = await s.client.deleteTokenization({ token_id: token, customer_id: 'CUST-0001' });
    expect(ok.data.status).toBe('DELETE SUCCESS');
    const twice = await s.client.deleteTokenization({ token_id: token });
    expect(twice.data.status).toBe('DELETE FAILED');
    expect(s.cards.ledger().savedCards).toHaveLength(0);
    // A deleted token can no longer pre-fill a page.
    const res = await s.signed('POST', '/credit-card/v1/payment-page', pageRequest({ card: { token } }));
    expect((await expectError(res, 400, 'INVALID_PARAMETER')).errors.message).toBe('Invalid Card Token');
  });

  it('token_id is mandatory', async () => {
    const s = setupCards();
    await expectError(
      await s.signed('POST', '/credit-card/delete-tokenization', { customer_id: 'C' }),
      400,
      'INVALID_PARAMETER',
    );
  });
});

describe('order status', () => {
  it('reads PENDING for an open page and 404 for an unknown invoice', async () => {
    const s = setupCards();
    const { req, requestId } = await s.createPage();
    const status = await s.status(req.order.invoice_number);
    expect(status).toMatchObject({
      order: { invoice_number: req.order.invoice_number, amount: 90000 },
      customer: { id: 'CUST-0001', name: 'Jotaro Kujo', email: 'jotaro@example.com' },
      transaction: { type: 'SALE', status: 'PENDING', original_request_id: requestId },
      service: { id: 'CREDIT_CARD' },
      channel: { id: 'CREDIT_CARD' },
      refund_history: [],
    });
    await expectError(await s.signed('GET', orderStatusPath('INV-UNKNOWN')), 404, 'NOT_FOUND');
  });

  it('handles invoice numbers that need URL encoding', async () => {
    const s = setupCards();
    const req = pageRequest();
    req.order.invoice_number = `INV/${Date.now()} #1`;
    await s.createPage(req);
    expect((await s.status(req.order.invoice_number)).order.invoice_number).toBe(req.order.invoice_number);
  });
});

describe('control routes', () => {
  it('lists the test cards and changes the settlement hour', async () => {
    const s = setupCards();
    const cards = (await (await s.sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/test-cards`)).json()) as Json;
    expect(cards.cards.map((c: Json) => c.brand)).toEqual(
      expect.arrayContaining(['VISA', 'MASTER', 'JCB', 'AMEX']),
    );
    expect(cards.threeDs.otp).toBe('123456');
    const bad = await s.sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/settlement`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hourWib: 24 }),
    });
    expect(bad.status).toBe(400);
    const put = await s.sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/settlement`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hourWib: 2 }),
    });
    expect(await put.json()).toEqual({ hourWib: 2 });
    const { req } = await paid(s);
    const settleAt = Date.parse((await s.status(req.order.invoice_number)).settlement.date);
    expect(new Date(settleAt + 7 * 3600_000).getUTCHours()).toBe(2);
  });

  it('settles one order by invoice number', async () => {
    const s = setupCards();
    const { req } = await paid(s);
    const url = `${SANDBOX_BASE}/__sandbox/cards/orders/${encodeURIComponent(req.order.invoice_number)}/settle`;
    const res = await s.sandboxFetch(url, { method: 'POST' });
    expect(await res.json()).toEqual({ settled: [req.order.invoice_number] });
    expect((await s.status(req.order.invoice_number)).settlement.status).toBe('SETTLED');
    expect(
      (await s.sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/orders/NOPE/settle`, { method: 'POST' })).status,
    ).toBe(404);
  });

  it('the ledger shows orders with masked cards only, and reset() forgets everything', async () => {
    const s = setupCards();
    await paid(s, { card: { save: true } });
    const ledger = s.cards.ledger();
    expect(ledger.orders[0]).toMatchObject({ status: 'SUCCESS', card: { masked: '411111******1111' } });
    expect(JSON.stringify(ledger)).not.toContain('4111111111111111');
    s.cards.reset();
    expect(s.cards.ledger()).toMatchObject({ pages: [], orders: [], savedCards: [] });
  });
});
