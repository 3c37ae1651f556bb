// DOKU Checkout in the client: the signed request (Non-SNAP with Digest), the body the kit sends,
// and the tolerant reading of DOKU's answer, status answer and notification.
import { describe, expect, it } from 'vitest';
import {
  CHECKOUT_DISABLE_RETRY_PAYMENT,
  CHECKOUT_METHOD_TYPES,
  CHECKOUT_REFUND_API,
  checkoutExpiresAt,
  checkoutInvoiceMax,
  checkoutOutcomeOf,
  DokuError,
  DokuRequestError,
  formatCheckoutExpiredDate,
  lineItemsMatchAmount,
  NON_SNAP_PATHS,
  nonSnapComponent,
  sha256Base64,
  signNonSnap,
  verifyNonSnap,
} from '../src/index.js';
import { checkoutStep } from '../src/conformance/steps/checkout.js';
import { NS_CLIENT_ID, NS_SECRET, setup } from './support/setup.js';

const input = {
  order: {
    amount: 150_000,
    invoice_number: 'KKI-CO-0001',
    callback_url: 'https://shop.example/return',
    callback_url_cancel: 'https://shop.example/cancel',
    line_items: [
      { name: 'Batik shirt', price: 100_000, quantity: 1 },
      { name: 'Sarong', price: 25_000, quantity: 2 },
    ],
  },
  payment: {
    payment_due_date: 30,
    payment_method_types: [CHECKOUT_METHOD_TYPES.kki, CHECKOUT_METHOD_TYPES.card],
  },
  customer: { id: 'c-7f3a', name: 'Budi', email: 'budi@example.com' },
};

describe('createCheckoutPayment', () => {
  it('signs the exact body it sends, Digest included, and reads url, token_id and expiry', async () => {
    const { fake, client } = setup();
    const res = await client.createCheckoutPayment(input, { requestId: 'idem-co-1' });
    expect(fake.state.failures).toEqual([]);
    expect(res).toMatchObject({
      source: 'response',
      httpStatus: 200,
      replayed: false,
      requestId: 'idem-co-1',
    });
    expect(res.data.response.payment).toMatchObject({
      url: 'https://staging.doku.test/checkout-link-v2/tok-checkout-1',
      token_id: 'tok-checkout-1',
      expired_date: '20240326170141',
      payment_due_date: 30,
    });
    expect(res.data.response.order).toMatchObject({ invoice_number: 'KKI-CO-0001', session_id: 'S1' });
    expect(checkoutExpiresAt(res.data.response.payment)?.toISOString()).toBe('2024-03-26T10:01:41.000Z');

    const [req] = fake.requestsTo(NON_SNAP_PATHS.checkoutPayment);
    if (!req) throw new Error('no request');
    expect(req.headers['client-id']).toBe(NS_CLIENT_ID);
    expect(req.headers['request-id']).toBe('idem-co-1');
    expect(req.headers['request-timestamp']).toBe('2024-03-26T09:01:41Z');
    const component = await nonSnapComponent({
      clientId: NS_CLIENT_ID,
      requestId: 'idem-co-1',
      timestamp: '2024-03-26T09:01:41Z',
      requestTarget: '/checkout/v1/payment',
      body: req.body,
    });
    expect(component.split('\n').at(-1)).toBe(`Digest:${await sha256Base64(req.body)}`);
    const base = {
      clientId: NS_CLIENT_ID,
      requestId: 'idem-co-1',
      timestamp: '2024-03-26T09:01:41Z',
      requestTarget: '/checkout/v1/payment',
      secretKey: NS_SECRET,
    };
    expect(req.headers.signature).toBe(await signNonSnap({ ...base, body: req.body }));
    // The Digest binds the body: one changed amount no longer verifies.
    const tampered = req.body.replace('150000', '150001');
    expect(await verifyNonSnap({ ...base, body: tampered, signature: req.headers.signature ?? '' })).toBe(
      false,
    );
  });

  it('sends the fields as DOKU names them, with IDR and the retry decision filled in', async () => {
    const { fake, client } = setup();
    await client.createCheckoutPayment(input);
    const body = JSON.parse(fake.requestsTo(NON_SNAP_PATHS.checkoutPayment)[0]?.body ?? '');
    expect(body).toEqual({
      order: {
        currency: 'IDR',
        disable_retry_payment: CHECKOUT_DISABLE_RETRY_PAYMENT,
        ...input.order,
      },
      payment: { payment_due_date: 30, payment_method_types: ['KARTU_KREDIT_INDONESIA', 'CREDIT_CARD'] },
      customer: { id: 'c-7f3a', name: 'Budi', email: 'budi@example.com' },
    });
    // The merchant's own choice wins over the default.
    await client.createCheckoutPayment({ ...input, order: { ...input.order, disable_retry_payment: false } });
    const second = JSON.parse(fake.requestsTo(NON_SNAP_PATHS.checkoutPayment)[1]?.body ?? '');
    expect(second.order.disable_retry_payment).toBe(false);
  });

  it('refuses a bad body before sending it: amount 0, unknown field format, due date 0', async () => {
    const { fake, client } = setup();
    const bad = [
      { ...input, order: { ...input.order, amount: 0 } },
      { ...input, order: { ...input.order, amount: 10.5 } },
      { ...input, payment: { payment_due_date: 0 } },
      { ...input, payment: { payment_due_date: 30, payment_method_types: ['credit card'] } },
      { ...input, order: { ...input.order, invoice_number: '' } },
    ];
    for (const body of bad) {
      await expect(client.createCheckoutPayment(body)).rejects.toBeInstanceOf(DokuRequestError);
    }
    expect(fake.state.requests).toHaveLength(0);
  });

  it('reads a lean answer, and calls one without url or token_id malformed', async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.checkoutPayment, (req) =>
      fake.signed(NON_SNAP_PATHS.checkoutPayment, req.headers['request-id'] ?? '', 200, {
        response: {
          order: { invoice_number: 'KKI-CO-0001' },
          payment: { url: 'https://x.test/p', token_id: 't', expired_date: '20240326170141', extra: 1 },
        },
      }),
    );
    const lean = await client.createCheckoutPayment(input);
    expect(lean.data.response.payment.url).toBe('https://x.test/p');
    fake.script(NON_SNAP_PATHS.checkoutPayment, (req) =>
      fake.signed(NON_SNAP_PATHS.checkoutPayment, req.headers['request-id'] ?? '', 200, {
        message: ['SUCCESS'],
        response: { order: { invoice_number: 'KKI-CO-0001' }, payment: { url: 'https://x.test/p' } },
      }),
    );
    const err = await client.createCheckoutPayment(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuError);
    expect(err).toMatchObject({
      kind: 'unavailable',
      reason: 'malformed',
      endpoint: 'createCheckoutPayment',
    });
  });

  it("answers DOKU's INVALID_PARAMETER as a decision", async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.checkoutPayment, (req) =>
      fake.signed(NON_SNAP_PATHS.checkoutPayment, req.headers['request-id'] ?? '', 400, {
        errors: { code: 'INVALID_PARAMETER', message: 'Invalid Total Amount And Line Items' },
      }),
    );
    await expect(client.createCheckoutPayment(input)).rejects.toMatchObject({
      kind: 'decision',
      httpStatus: 400,
      responseCode: 'INVALID_PARAMETER',
    });
  });
});

describe('Checkout helpers', () => {
  it('expired_date is yyyyMMddHHmmss in WIB; expired_datetime wins; nonsense is null', () => {
    expect(checkoutExpiresAt({ expired_date: '20251204145732' })?.toISOString()).toBe(
      '2025-12-04T07:57:32.000Z',
    );
    expect(
      checkoutExpiresAt({
        expired_date: '20251204145732',
        expired_datetime: '2025-12-04T07:58:00Z',
      })?.toISOString(),
    ).toBe('2025-12-04T07:58:00.000Z');
    expect(checkoutExpiresAt({ expired_date: '20250231120000' })).toBeNull();
    expect(checkoutExpiresAt({ expired_date: '2025-12-04' })).toBeNull();
    expect(checkoutExpiresAt({})).toBeNull();
    const at = new Date('2026-01-31T20:30:05Z');
    expect(formatCheckoutExpiredDate(at)).toBe('20260201033005');
    expect(checkoutExpiresAt({ expired_date: formatCheckoutExpiredDate(at) })?.getTime()).toBe(at.getTime());
  });

  it('line items must add up; the invoice limit is 30 with a card method on the page', () => {
    expect(lineItemsMatchAmount(input.order)).toBe(true);
    expect(lineItemsMatchAmount({ ...input.order, amount: 150_001 })).toBe(false);
    expect(lineItemsMatchAmount({ ...input.order, line_items: undefined })).toBe(true);
    expect(checkoutInvoiceMax(['KARTU_KREDIT_INDONESIA'])).toBe(30);
    expect(checkoutInvoiceMax(['CREDIT_CARD', 'QRIS'])).toBe(30);
    expect(checkoutInvoiceMax(undefined)).toBe(30);
    expect(checkoutInvoiceMax(['VIRTUAL_ACCOUNT_BCA'])).toBe(64);
    expect(checkoutInvoiceMax(['KARTU_KREDIT_INDONESIA'], ['CREDIT_CARD'])).toBe(64);
  });
});

describe('checkoutOutcomeOf', () => {
  const notification = {
    order: { invoice_number: 'KKI-CO-0001', amount: 150000 },
    customer: { id: 'c-7f3a' },
    transaction: {
      type: 'SALE',
      status: 'SUCCESS',
      date: '2024-03-26T09:05:00Z',
      original_request_id: 'idem-co-1',
    },
    service: { id: 'CREDIT_CARD' },
    channel: { id: 'CREDIT_CARD' },
    card_payment: { masked_card_number: '411111******1111', approval_code: '448998' },
    card: { token: 'card-tok-9' },
    additional_info: { origin: { product: 'CHECKOUT' } },
  };

  it('reads a card notification: success, channel, amount, masked card and saved-card token', () => {
    expect(checkoutOutcomeOf(notification)).toEqual({
      status: 'succeeded',
      channel: 'card',
      invoiceNumber: 'KKI-CO-0001',
      amount: 150000,
      maskedCard: '411111******1111',
      cardToken: 'card-tok-9',
      refundApi: 'card-refund',
      raw: notification,
    });
  });

  it('reads KKI, each documented status, and numeric strings', () => {
    const kki = {
      ...notification,
      service: { id: 'KARTU_KREDIT_INDONESIA' },
      channel: { id: 'KARTU_KREDIT_INDONESIA' },
    };
    expect(checkoutOutcomeOf(kki)).toMatchObject({ channel: 'kki', refundApi: CHECKOUT_REFUND_API.kki });
    const withStatus = (status: string) =>
      checkoutOutcomeOf({ ...notification, transaction: { status } }).status;
    expect(withStatus('FAILED')).toBe('failed');
    expect(withStatus('EXPIRED')).toBe('expired');
    expect(withStatus('PENDING')).toBe('pending');
    expect(withStatus('REDIRECT')).toBe('pending');
    expect(withStatus('TIMEOUT')).toBe('pending');
    expect(withStatus('REFUNDED')).toBe('succeeded');
    expect(checkoutOutcomeOf({ order: { invoice_number: 'I', amount: '500000' } }).amount).toBe(500000);
  });

  it('never concludes from what it cannot read, and never keeps a whole card number', () => {
    expect(checkoutOutcomeOf({ ...notification, transaction: { status: 'SETTLED?' } }).status).toBe(
      'pending',
    );
    expect(checkoutOutcomeOf(null)).toMatchObject({
      status: 'pending',
      channel: null,
      invoiceNumber: null,
      amount: null,
      maskedCard: null,
      cardToken: null,
      refundApi: null,
    });
    expect(checkoutOutcomeOf('SUCCESS').status).toBe('pending');
    const leaky = { ...notification, card_payment: { masked_card_number: '4111111111111111' } };
    expect(checkoutOutcomeOf(leaky).maskedCard).toBeNull();
    // `payment.token_id` names the Checkout page, not a saved card.
    const page = { ...notification, card: undefined, payment: { token_id: 'tok-checkout-1' } };
    expect(checkoutOutcomeOf(page).cardToken).toBeNull();
  });
});

describe('the conformance step', () => {
  const ctx = (client: ReturnType<typeof setup>['client']) => ({
    client,
    badSignatureClient: client,
    testCpan: '9360000200000011',
    runId: '0000000001',
  });

  it("passes on DOKU's answer and reports what it says of the open questions", async () => {
    const { client } = setup();
    const result = await checkoutStep.run(ctx(client));
    expect(result).toMatchObject({ verdict: 'PASS', httpStatus: 200 });
    expect(result.questions).toEqual([
      expect.objectContaining({ question: 'CHECKOUT_METHOD_TYPES', finding: 'confirmed' }),
      expect.objectContaining({ question: 'CHECKOUT_EXPIRED_DATE_FORMAT', finding: 'confirmed' }),
    ]);
  });

  it('fails an answer whose expiry it cannot read, and refutes the format when the two dates disagree', async () => {
    const { fake, client } = setup();
    const answer = (payment: Record<string, unknown>) =>
      fake.script(NON_SNAP_PATHS.checkoutPayment, (req) =>
        fake.signed(NON_SNAP_PATHS.checkoutPayment, req.headers['request-id'] ?? '', 200, {
          response: {
            order: { invoice_number: 'CONF-CO-0000000001' },
            payment: { url: 'https://x.test/p', token_id: 't', ...payment },
          },
        }),
      );
    answer({ expired_date: 'tomorrow' });
    expect(await checkoutStep.run(ctx(client))).toMatchObject({ verdict: 'FAIL' });
    answer({ expired_date: '20240326170141', expired_datetime: '2024-03-26T17:01:41Z' });
    const utc = await checkoutStep.run(ctx(client));
    expect(utc.questions).toEqual([
      expect.objectContaining({ question: 'CHECKOUT_EXPIRED_DATE_FORMAT', finding: 'refuted' }),
    ]);
  });

  it('is UNKNOWN, not FAIL, when DOKU refuses the method types (KKI not active for the merchant)', async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.checkoutPayment, (req) =>
      fake.signed(NON_SNAP_PATHS.checkoutPayment, req.headers['request-id'] ?? '', 400, {
        errors: { code: 'INVALID_PARAMETER', message: 'Invalid Field Format payment.payment_method_types' },
      }),
    );
    expect(await checkoutStep.run(ctx(client))).toMatchObject({
      verdict: 'UNKNOWN',
      questions: [expect.objectContaining({ question: 'CHECKOUT_METHOD_TYPES', finding: 'unknown' })],
    });
  });
});
