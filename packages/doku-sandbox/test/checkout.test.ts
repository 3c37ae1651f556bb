// DOKU Checkout in the sandbox (doku-api.md §7.7): the signed endpoint and its refusals, the hosted
// page offering KKI and cards, each journey to its end (status API, signed notification, ledger),
// the saved card on a later Checkout, expiry on the sandbox clock, cancel and the control routes.
import {
  CHECKOUT_CANCELLED_STATUS,
  CHECKOUT_REFUND_API,
  checkoutExpiresAt,
  checkoutOutcomeOf,
  formatCheckoutExpiredDate,
  NON_SNAP_PATHS,
} from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { CARD_PAY_PATH } from '../src/cards/index.js';
import { testCard } from '../src/test-values/cards.js';
import { KKI_INVALID_LUHN_CPAN } from '../src/test-values/kki.js';
import {
  EXPIRY,
  expectError,
  type Json,
  MERCHANT_NOTIFY_URL,
  responseSignatureValid,
} from './cards-support.js';
import { BASE, checkoutRequest, freshOtt, KKI_CPAN, setupCheckout } from './checkout-support.js';

type Setup = ReturnType<typeof setupCheckout>;
const PATH = NON_SNAP_PATHS.checkoutPayment;

/** Types CPAN and OTT into the page's KKI form; returns the issuer-app URL of the waiting page. */
async function payKki(s: Setup, url: string, cpan = KKI_CPAN) {
  const sent = await s.post(`${url}/kki`, { cpan, ott: freshOtt() });
  expect(sent.status).toBe(303);
  expect(sent.location).toBe(url);
  const waiting = await s.get(url);
  expect(waiting.html).toContain('data-checkout="confirming"');
  expect(waiting.html).toContain('<meta http-equiv="refresh" content="3">');
  const link = /id="open-issuer-app" href="([^"]+)"/.exec(waiting.html)?.[1] as string;
  expect(link).toMatch(/^http:\/\/sandbox\.test\/kki\/issuer-app\//);
  return link;
}

/** Pays the card form of a Checkout's card page with `fields`. */
async function payCard(s: Setup, url: string, fields: Record<string, string>) {
  const chosen = await s.post(`${url}/card`);
  expect(chosen.status).toBe(303);
  const cardPage = await s.get(chosen.location as string);
  expect(cardPage.status).toBe(200);
  const ref = new URL(chosen.location as string).searchParams.get('requestId') as string;
  const paid = await s.post(`${BASE}${CARD_PAY_PATH}`, {
    requestId: ref,
    expiry: EXPIRY,
    cvv: '123',
    name: 'Budi Santoso',
    ...fields,
  });
  return { cardPage, paid };
}

describe('POST /checkout/v1/payment', () => {
  it('answers a signed request with url, token_id and expired_date; the URL offers KKI and cards', async () => {
    const s = setupCheckout();
    const req = checkoutRequest();
    const raw = await s.signed(PATH, req);
    const text = await raw.text();
    expect(raw.status).toBe(200);
    expect(await responseSignatureValid(raw, text, PATH, s.sandbox.config)).toBe(true);
    const body = JSON.parse(text) as Json;
    const payment = body.response.payment;
    expect(body.message).toEqual(['SUCCESS']);
    expect(body.response.order).toMatchObject({ amount: '150000', invoice_number: req.order.invoice_number });
    expect(payment.token_id).toMatch(/^[0-9a-f]{32}\d{17}$/);
    expect(payment.url).toBe(`${BASE}/checkout-link-v2/${payment.token_id}`);
    expect(payment.payment_method_types).toEqual(['KARTU_KREDIT_INDONESIA', 'CREDIT_CARD']);
    // 30 minutes after creation, as the sandbox recorded it (the clock runs: read, don't guess).
    const [session] = (await s.control('/checkout')).body.sessions;
    expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(30 * 60_000);
    expect(payment.expired_date).toBe(formatCheckoutExpiredDate(new Date(session.expiresAt)));
    expect(checkoutExpiresAt(payment)?.toISOString()).toBe(new Date(session.expiresAt).toISOString());

    const page = await s.get(payment.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain(req.order.invoice_number);
    expect(page.html).toContain('Kartu Kredit Indonesia (KKI)');
    expect(page.html).toContain('<label for="cpan">');
    expect(page.html).toContain('<label for="ott">');
    expect(page.html).toContain('id="checkout-card"');
    expect(page.html).toContain('Batik shirt');
    // Framed by the merchant's own origins (redirect, popup and iframe all work), by no other site.
    const csp = page.res.headers.get('Content-Security-Policy') as string;
    expect(csp).toMatch(/frame-ancestors 'self'[^;]*https:\/\/merchant\.test/);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*/);
    expect(page.res.headers.get('X-Frame-Options')).toBeNull();
  });

  it('offers only the methods asked for', async () => {
    const s = setupCheckout();
    const { url } = await s.create(
      checkoutRequest({ payment: { payment_due_date: 30, payment_method_types: ['CREDIT_CARD', 'QRIS'] } }),
    );
    const page = await s.get(url);
    expect(page.html).not.toContain('id="checkout-kki"');
    expect(page.html).toContain('id="checkout-card"');
    expect((await s.post(`${url}/kki`, { cpan: KKI_CPAN, ott: freshOtt() })).status).toBe(303);
    expect((await s.control(`/checkout/${new URL(url).pathname.split('/').pop()}`)).body.state).toBe('open');
  });

  it("refuses a tampered signature, amount 0, line items that do not add up, and the rest with DOKU's error body", async () => {
    const s = setupCheckout();
    const ok = checkoutRequest();
    const tampered = await s.signed(PATH, ok, {
      sentBody: JSON.stringify({ ...ok, order: { ...ok.order, amount: 1 } }),
    });
    await expectError(tampered, 401, 'INVALID_SIGNATURE');
    const wrongKey = await s.signed(PATH, ok, { secretKey: 'SK-not-the-merchants-key' });
    await expectError(wrongKey, 401, 'INVALID_SIGNATURE');

    const refusals: Array<[Json, string]> = [
      [
        { ...ok, order: { ...ok.order, amount: 0, line_items: undefined } },
        'Invalid Field Format order.amount',
      ],
      [{ ...ok, order: { ...ok.order, amount: 150_001 } }, 'Invalid Total Amount And Line Items'],
      [
        { ...ok, order: { ...ok.order, invoice_number: 'X'.repeat(31) } },
        'Invalid Field Format order.invoice_number',
      ],
      [{ ...ok, payment: { payment_due_date: 0 } }, 'Invalid Field Format payment.payment_due_date'],
      [
        { ...ok, payment: { payment_due_date: 100_000_000 } },
        'Invalid Field Format payment.payment_due_date',
      ],
      [
        { ...ok, payment: { payment_due_date: 30, payment_method_types: ['KKI_PLEASE'] } },
        'Invalid Field Format payment.payment_method_types',
      ],
      [
        { ...ok, payment: { payment_due_date: 30, payment_method_types: ['VIRTUAL_ACCOUNT_BCA'] } },
        'Payment Method Not Available',
      ],
      [
        { ...ok, order: { ...ok.order, callback_url: 'javascript:alert(1)' } },
        'Invalid Field Format order.callback_url',
      ],
      [{ ...ok, payment: undefined }, 'Invalid Mandatory Field payment'],
    ];
    for (const [body, message] of refusals) {
      const res = await s.signed(PATH, body);
      const err = await expectError(res, 400, 'INVALID_PARAMETER');
      expect(err.errors.message).toBe(message);
    }
    // Without card methods the invoice may be 64 long ([DOC-CHK-BE]); no Checkout was made above.
    expect((await s.control('/checkout')).body.sessions).toEqual([]);
  });

  it('answers a repeated Request-Id with the first Checkout (409 carrying it), not a second one', async () => {
    const s = setupCheckout();
    const req = checkoutRequest();
    const first = await s.create(req, 'idem-checkout-1');
    const again = await s.client.createCheckoutPayment(req, { requestId: 'idem-checkout-1' });
    expect(again).toMatchObject({ replayed: true, httpStatus: 409 });
    expect(again.data.response.payment.token_id).toBe(first.res.data.response.payment.token_id);
    expect((await s.control('/checkout')).body.sessions).toHaveLength(1);
  });

  it('refuses an invoice that was paid, and a new Checkout replaces an unpaid one', async () => {
    const s = setupCheckout();
    const first = await s.create();
    const again = await s.create({ ...first.req });
    expect((await s.get(first.url)).status).toBe(410);
    const link = await payKki(s, again.url);
    await s.post(link, { action: 'approve' });
    await expect(s.client.createCheckoutPayment(first.req)).rejects.toMatchObject({
      httpStatus: 400,
      responseCode: 'INVALID_PARAMETER',
      responseMessage: 'Duplicate Invoice Number',
    });
  });
});

describe('KKI through the Checkout page', () => {
  it('approved in the issuer app: SUCCESS in status, a signed notification, the ledger, back to callback_url', async () => {
    const s = setupCheckout();
    const { req, url, requestId } = await s.create();
    const issuerApp = await payKki(s, url);
    // Pending until the issuer app answers.
    const pending = checkoutOutcomeOf((await s.client.orderStatus(req.order.invoice_number)).data);
    expect(pending).toMatchObject({ status: 'pending', channel: 'kki' });

    const app = await s.get(issuerApp);
    expect(app.html).toContain('Confirm this payment?');
    const approved = await s.post(issuerApp, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('Payment approved');
    // The waiting page moves on by itself: to the merchant (auto_redirect).
    const back = await s.get(url);
    expect(back.status).toBe(303);
    expect(back.location).toBe('https://merchant.test/return');

    const status = (await s.client.orderStatus(req.order.invoice_number)).data;
    expect(checkoutOutcomeOf(status)).toMatchObject({
      status: 'succeeded',
      channel: 'kki',
      amount: 150_000,
      invoiceNumber: req.order.invoice_number,
      refundApi: CHECKOUT_REFUND_API.kki,
    });
    expect(checkoutOutcomeOf(status).maskedCard).toMatch(/^936000\*+\d{4}$/);
    expect(status.transaction.original_request_id).toBe(requestId);

    const [note, ...more] = await s.notifications();
    expect(more).toEqual([]);
    expect(note?.path).toBe(new URL(MERCHANT_NOTIFY_URL).pathname);
    expect(await s.notificationSigned(note as NonNullable<typeof note>)).toBe(true);
    expect(checkoutOutcomeOf(note?.json)).toMatchObject({
      status: 'succeeded',
      channel: 'kki',
      amount: 150_000,
    });
    expect(note?.json.additional_info.origin.product).toBe('CHECKOUT');
    expect(note?.body).not.toContain(KKI_CPAN);

    const ledger = await s.control('/ledger');
    expect(ledger.body.checkout.sessions).toEqual([
      expect.objectContaining({
        invoiceNumber: req.order.invoice_number,
        state: 'completed',
        channel: 'kki',
        orderStatus: 'SUCCESS',
      }),
    ]);
    const kkiRef = ledger.body.checkout.sessions[0].kkiReferenceNo;
    expect(ledger.body.payments).toEqual([
      expect.objectContaining({ referenceNo: kkiRef, status: 'SUCCESS', amount: 150_000 }),
    ]);
    expect(JSON.stringify(ledger.body)).not.toContain(KKI_CPAN);
  });

  it('a wrong CPAN or OTT is a form error, nothing recorded; a decline fails it (no retry by default)', async () => {
    const s = setupCheckout();
    const { req, url } = await s.create();
    const badCpan = await s.post(`${url}/kki`, { cpan: KKI_INVALID_LUHN_CPAN, ott: freshOtt() });
    expect(badCpan.status).toBe(422);
    expect(badCpan.html).toContain('id="kki-error"');
    expect(badCpan.html).not.toContain(KKI_INVALID_LUHN_CPAN);
    const badOtt = await s.post(`${url}/kki`, { cpan: KKI_CPAN, ott: '999902' });
    expect(badOtt.status).toBe(422);
    expect(badOtt.html).toContain('aria-invalid="true" aria-describedby="ott-hint kki-error"');
    expect((await s.control('/ledger')).body.payments).toEqual([]);

    const issuerApp = await payKki(s, url);
    await s.post(issuerApp, { action: 'decline' });
    expect(checkoutOutcomeOf((await s.client.orderStatus(req.order.invoice_number)).data).status).toBe(
      'failed',
    );
    const [note] = await s.notifications();
    expect(note?.json.transaction.status).toBe('FAILED');
    const back = await s.get(url);
    expect(back.location).toBe('https://merchant.test/return');
  });

  it('with disable_retry_payment false, a decline reopens the page for another try', async () => {
    const s = setupCheckout();
    const req = checkoutRequest();
    const { url } = await s.create({ ...req, order: { ...req.order, disable_retry_payment: false } });
    await s.post(await payKki(s, url), { action: 'decline' });
    const again = await s.get(url);
    expect(again.html).toContain('data-checkout="open"');
    await s.post(await payKki(s, url), { action: 'approve' });
    expect(checkoutOutcomeOf((await s.client.orderStatus(req.order.invoice_number)).data).status).toBe(
      'succeeded',
    );
    expect((await s.notifications()).map((n) => n.json.transaction.status)).toEqual(['FAILED', 'SUCCESS']);
  });

  it('is refunded through the card refund API, as CHECKOUT_REFUND_API decides', async () => {
    const s = setupCheckout();
    const { req, url, requestId } = await s.create();
    await s.post(await payKki(s, url), { action: 'approve' });
    const refund = await s.client.cardRefund({
      order: { invoice_number: req.order.invoice_number },
      payment: { original_request_id: requestId },
      refund: { amount: 150_000 },
    });
    expect(CHECKOUT_REFUND_API.kki).toBe('card-refund');
    expect(refund.data).toMatchObject({ refund: { status: 'SUCCESS', type: 'VOID', amount: 150_000 } });
  });
});

describe('cards through the Checkout page', () => {
  it('pays with the card form, saves the card, and offers it on the next Checkout of the same customer', async () => {
    const s = setupCheckout();
    const first = await s.create();
    const { cardPage, paid } = await payCard(s, first.url, {
      card_number: testCard('visa-approve').number,
      save_card: '1',
    });
    expect(cardPage.html).toContain('name="save_card"');
    expect(paid.status).toBe(303);
    expect(paid.location).toBe('https://merchant.test/return');
    const status = checkoutOutcomeOf((await s.client.orderStatus(first.req.order.invoice_number)).data);
    expect(status).toMatchObject({
      status: 'succeeded',
      channel: 'card',
      maskedCard: '411111******1111',
      refundApi: 'card-refund',
    });
    expect(status.cardToken).toMatch(/^[0-9a-f]{32}$/);
    const [note] = await s.notifications();
    expect(checkoutOutcomeOf(note?.json)).toMatchObject({
      status: 'succeeded',
      channel: 'card',
      cardToken: status.cardToken,
    });

    // Same customer.id: the saved card is offered, on the Checkout page and pre-filled on the card form.
    const second = await s.create();
    const page = await s.get(second.url);
    expect(page.html).toContain('Saved card: VISA 411111******1111');
    const { cardPage: withSaved, paid: paidSaved } = await payCard(s, second.url, {
      card_choice: 'saved',
      saved_cvv: '123',
      cvv: '',
    });
    expect(withSaved.html).toContain('value="saved" checked');
    // Its CVV has a field of its own: the hidden new-card CVV would otherwise be sent as well.
    expect(withSaved.html).toContain('id="saved-cvv" name="saved_cvv"');
    expect(paidSaved.location).toBe('https://merchant.test/return');
    const again = checkoutOutcomeOf((await s.client.orderStatus(second.req.order.invoice_number)).data);
    expect(again).toMatchObject({ status: 'succeeded', cardToken: status.cardToken });

    // Another customer sees no saved card.
    const other = await s.create(checkoutRequest({ customer: { id: 'cust-other', email: 'x@example.com' } }));
    expect((await s.get(other.url)).html).not.toContain('Saved card');
  });

  it('a card declined by the issuer fails the Checkout', async () => {
    const s = setupCheckout();
    const { req, url } = await s.create();
    await payCard(s, url, { card_number: testCard('visa-do-not-honor').number });
    expect(checkoutOutcomeOf((await s.client.orderStatus(req.order.invoice_number)).data).status).toBe(
      'failed',
    );
    expect((await s.get(url)).location).toBe('https://merchant.test/return');
  });
});

describe('expiry and cancel', () => {
  it('expires after payment_due_date minutes on the sandbox clock: closed page, EXPIRED, no notification', async () => {
    const s = setupCheckout();
    const { req, url } = await s.create();
    s.sandbox.clock.advance(29 * 60_000);
    expect((await s.get(url)).html).toContain('data-checkout="open"');
    s.sandbox.clock.advance(60_000);
    await s.sandbox.clock.settled();
    const page = await s.get(url);
    expect(page.status).toBe(410);
    expect((await s.post(`${url}/kki`, { cpan: KKI_CPAN, ott: freshOtt() })).status).toBe(303);
    expect(checkoutOutcomeOf((await s.client.orderStatus(req.order.invoice_number)).data).status).toBe(
      'expired',
    );
    expect(await s.notifications()).toEqual([]);
    expect((await s.control('/ledger')).body.payments).toEqual([]);
  });

  it('cancel sends the shopper to callback_url_cancel and closes the Checkout', async () => {
    const s = setupCheckout();
    const { req, url } = await s.create();
    const cancelled = await s.post(`${url}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toBe('https://merchant.test/cancelled');
    expect((await s.get(url)).html).toContain('data-checkout="cancelled"');
    const status = (await s.client.orderStatus(req.order.invoice_number)).data;
    expect(status.transaction.status).toBe(CHECKOUT_CANCELLED_STATUS);
    expect(checkoutOutcomeOf(status).status).toBe('expired');
    expect((await s.post(`${url}/card`)).location).toBe(url);
  });
});

describe('control routes', () => {
  it('pays KKI offline (form, approve) and expires a confirmation in progress', async () => {
    const s = setupCheckout();
    const a = await s.create();
    const started = await s.control(`/checkout/${a.req.order.invoice_number}/kki`, {
      cpan: KKI_CPAN,
      ott: freshOtt(),
    });
    expect(started.status).toBe(200);
    expect(started.body.checkout.state).toBe('confirming');
    const approved = await s.control(`/checkout/${a.req.order.invoice_number}/approve`, {});
    expect(approved.body).toMatchObject({
      outcome: 'succeeded',
      checkout: { state: 'completed', orderStatus: 'SUCCESS' },
    });
    expect((await s.control(`/checkout/${a.req.order.invoice_number}/approve`, {})).status).toBe(409);

    const b = await s.create();
    await s.control(`/checkout/${b.req.order.invoice_number}/kki`, { cpan: KKI_CPAN, ott: freshOtt() });
    const expired = await s.control(`/checkout/${b.req.order.invoice_number}/expire`, {});
    expect(expired.body.checkout).toMatchObject({ state: 'completed', orderStatus: 'EXPIRED' });
    expect(checkoutOutcomeOf((await s.client.orderStatus(b.req.order.invoice_number)).data).status).toBe(
      'expired',
    );

    const c = await s.create();
    const card = await s.control(`/checkout/${c.req.order.invoice_number}/card`, {});
    const pay = await s.control(`/cards/pages/${card.body.cardPageRequestId}/pay`, {
      card_number: testCard('visa-approve').number,
      expiry: EXPIRY,
      cvv: '123',
      name: 'Budi Santoso',
    });
    expect(pay.body.result).toBe('completed');
    expect((await s.control('/checkout/NO-SUCH-INVOICE')).status).toBe(404);
    expect((await s.control(`/checkout/${c.req.order.invoice_number}`)).body.state).toBe('completed');
  });

  it('faults reach the Checkout endpoint by its key checkout.payment', async () => {
    const s = setupCheckout({ faults: [{ endpoint: 'checkout.payment', kind: 'error5xx', times: 1 }] });
    const err = await s.client.createCheckoutPayment(checkoutRequest()).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'unavailable',
      httpStatus: 500,
      responseCode: 'INTERNAL_SERVER_ERROR',
    });
    expect((await s.control('/checkout')).body.sessions).toEqual([]);
    expect((await s.create()).res.httpStatus).toBe(200);
  });

  it('SANDBOX_MINIMAL answers only the documented fields', async () => {
    const s = setupCheckout({ minimal: true });
    const { res } = await s.create();
    expect(res.data.response.payment.expired_datetime).toBeUndefined();
    expect(res.data.response.additional_info).toBeUndefined();
    expect(res.data.response.payment.expired_date).toMatch(/^\d{14}$/);
  });
});
