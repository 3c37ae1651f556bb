import { describe, expect, it } from 'vitest';
import {
  b2bTokenResponseSchema,
  CARD_ORDER_REFUND_HISTORY,
  cardRefundInOrderStatus,
  cardBindRequestSchema,
  cardBindResponseSchema,
  cardRefundRequestSchema,
  cardUnbindRequestSchema,
  captureRequestSchema,
  debitNotificationSchema,
  debitRefundRequestSchema,
  debitStatusRequestSchema,
  deleteTokenizationRequestSchema,
  describeWireIssue,
  snapRefundOutcome,
  snapTransactionOutcome,
  KARTU_KREDIT_INDONESIA,
  kkiCardDataSchema,
  kkiPaymentKind,
  kkiPaymentRequestSchema,
  lineItemsMatchAmount,
  nonSnapErrorResponseSchema,
  orderStatusResponseSchema,
  orderStatusPath,
  parseWire,
  paymentPageRequestSchema,
  paymentPageResponseSchema,
  snapErrorResponseSchema,
  snapValidationError,
} from '../src/index.js';

const KKI = KARTU_KREDIT_INDONESIA;
const amount = { value: '10000.00', currency: 'IDR' };

describe('SNAP request schemas', () => {
  it('accept the seed-shaped bodies', () => {
    expect(
      cardBindRequestSchema.safeParse({
        partnerReferenceNo: 'BIND-1',
        cardData: 'abc|def',
        custIdMerchant: 'CUST001',
        additionalInfo: {
          channel: KKI,
          customerName: 'Budi',
          email: 'budi@example.com',
          dateOfBirth: '19900101',
        },
      }).success,
    ).toBe(true);
    expect(
      debitRefundRequestSchema.safeParse({
        originalPartnerReferenceNo: 'INV-1',
        partnerRefundNo: 'RF-1',
        refundAmount: amount,
        additionalInfo: { channel: KKI },
      }).success,
    ).toBe(true);
    expect(
      debitStatusRequestSchema.safeParse({ originalPartnerReferenceNo: 'INV-1', serviceCode: '55' }).success,
    ).toBe(true);
    expect(debitStatusRequestSchema.safeParse({ originalReferenceNo: 'R1', serviceCode: '54' }).success).toBe(
      true,
    );
  });

  it('unbinding accepts additionalInfo.channelId or .channel, and needs one', () => {
    expect(
      cardUnbindRequestSchema.safeParse({ tokenId: 't', additionalInfo: { channelId: KKI } }).success,
    ).toBe(true);
    expect(
      cardUnbindRequestSchema.safeParse({ tokenId: 't', additionalInfo: { channel: KKI } }).success,
    ).toBe(true);
    const missing = parseWire(cardUnbindRequestSchema, { tokenId: 't', additionalInfo: {} });
    expect(missing).toMatchObject({
      success: false,
      issue: { kind: 'mandatory', field: 'additionalInfo.channelId' },
    });
    const wrong = parseWire(cardUnbindRequestSchema, { tokenId: 't', additionalInfo: { channelId: 'OVO' } });
    expect(wrong).toMatchObject({
      success: false,
      issue: { kind: 'format', field: 'additionalInfo.channelId' },
    });
  });

  it('KKI payment: one schema, four payment types', () => {
    const base = { partnerReferenceNo: 'INV-1', amount };
    const single = { ...base, cardData: 'c|i', chargeToken: '483920', additionalInfo: { channel: KKI } };
    const bind = { ...single, additionalInfo: { channel: KKI, isBindAndPay: true, custIdMerchant: 'C1' } };
    const token = { ...base, bankCardToken: 'tok', additionalInfo: { channel: KKI } };
    const noAuth = {
      ...base,
      bankCardToken: 'tok',
      additionalInfo: { channel: KKI, paymentType: 'RECURRING' },
    };
    const kinds = [single, bind, token, noAuth].map((b) => kkiPaymentKind(kkiPaymentRequestSchema.parse(b)));
    expect(kinds).toEqual(['single', 'bind_and_pay', 'token', 'no_auth']);

    expect(parseWire(kkiPaymentRequestSchema, { ...base, additionalInfo: { channel: KKI } })).toMatchObject({
      issue: { kind: 'mandatory', field: 'cardData' },
    });
    expect(parseWire(kkiPaymentRequestSchema, { ...single, bankCardToken: 'tok' })).toMatchObject({
      issue: { kind: 'format', field: 'bankCardToken' },
    });
    expect(
      parseWire(kkiPaymentRequestSchema, { ...single, additionalInfo: { channel: KKI, isBindAndPay: true } }),
    ).toMatchObject({ issue: { kind: 'mandatory', field: 'additionalInfo.custIdMerchant' } });
    // KKI's partnerReferenceNo is at most 32 characters (doku-api.md §5.6).
    expect(
      parseWire(kkiPaymentRequestSchema, { ...single, partnerReferenceNo: 'x'.repeat(33) }),
    ).toMatchObject({
      issue: { kind: 'format', field: 'partnerReferenceNo' },
    });
    expect(
      parseWire(kkiPaymentRequestSchema, { ...single, amount: { value: '10000.5', currency: 'IDR' } }),
    ).toMatchObject({ issue: { kind: 'format', field: 'amount.value' } });
  });

  it('card data plaintext: CPAN, OTT, expiry', () => {
    expect(
      kkiCardDataSchema.safeParse({ bankCardNo: '9360001234567890', chargeToken: '483920' }).success,
    ).toBe(true);
    expect(kkiCardDataSchema.safeParse({ bankCardNo: '93600012', chargeToken: '1' }).success).toBe(false);
    expect(kkiCardDataSchema.safeParse({ bankCardNo: '9360001234567890', expiryDate: '1328' }).success).toBe(
      false,
    );
  });
});

describe('issue mapping', () => {
  it('missing, null and empty are mandatory; a wrong value is format', () => {
    const body = { cardData: '', custIdMerchant: 'C1', additionalInfo: { channel: KKI } };
    expect(parseWire(cardBindRequestSchema, body)).toMatchObject({
      issue: { kind: 'mandatory', field: 'cardData' },
    });
    const noChannel = { cardData: 'x', custIdMerchant: 'C1', additionalInfo: {} };
    expect(parseWire(cardBindRequestSchema, noChannel)).toMatchObject({
      issue: { kind: 'mandatory', field: 'additionalInfo.channel' },
    });
    const nullId = { cardData: 'x', custIdMerchant: null, additionalInfo: { channel: KKI } };
    expect(parseWire(cardBindRequestSchema, nullId)).toMatchObject({
      issue: { kind: 'mandatory', field: 'custIdMerchant' },
    });
    const badId = { cardData: 'x', custIdMerchant: 'C-1', additionalInfo: { channel: KKI } };
    expect(parseWire(cardBindRequestSchema, badId)).toMatchObject({
      issue: { kind: 'format', field: 'custIdMerchant' },
    });
  });

  it('names array fields with brackets and works from issues alone for missing strings', () => {
    const r = debitNotificationSchema.safeParse({
      originalReferenceNo: 'R',
      amount,
      latestTransactionStatus: '00',
      additionalInfo: { lineItems: [{ name: 'a', price: '1.00', quantity: 0 }] },
    });
    expect(r.success).toBe(false);
    expect(describeWireIssue(r.error?.issues ?? [])).toEqual({
      kind: 'format',
      field: 'additionalInfo.lineItems[0].quantity',
    });
    const missing = debitRefundRequestSchema.safeParse({});
    expect(describeWireIssue(missing.error?.issues ?? [])).toEqual({
      kind: 'mandatory',
      field: 'originalPartnerReferenceNo',
    });
  });

  it('maps to DOKU response codes', () => {
    expect(snapValidationError('01', { kind: 'mandatory', field: 'cardData' })).toEqual({
      httpStatus: 400,
      responseCode: '4000102',
      responseMessage: 'Invalid Mandatory Field cardData',
    });
    expect(snapValidationError('54', { kind: 'format', field: 'amount.value' }).responseCode).toBe('4005401');
  });
});

describe('SNAP response schemas', () => {
  it('token expiresIn: number or numeric string', () => {
    const base = {
      responseCode: '2007300',
      responseMessage: 'Successful',
      accessToken: 'jwt',
      tokenType: 'Bearer',
    };
    expect(b2bTokenResponseSchema.safeParse({ ...base, expiresIn: 900 }).success).toBe(true);
    expect(b2bTokenResponseSchema.safeParse({ ...base, expiresIn: '900' }).success).toBe(true);
    expect(b2bTokenResponseSchema.safeParse({ ...base, expiresIn: 'soon' }).success).toBe(false);
  });

  it('binding response keeps unknown fields; error body needs a 7-digit code', () => {
    const r = cardBindResponseSchema.parse({
      responseCode: '2000100',
      responseMessage: 'Successful',
      referenceNo: '560692500000',
      additionalInfo: { status: 'PENDING', authCode: 'a', extra: 1 },
      future: true,
    });
    expect(r).toMatchObject({ future: true, additionalInfo: { extra: 1 } });
    expect(snapErrorResponseSchema.safeParse({ responseCode: '4010101', responseMessage: 'x' }).success).toBe(
      true,
    );
    expect(snapErrorResponseSchema.safeParse({ responseCode: '401', responseMessage: 'x' }).success).toBe(
      false,
    );
  });
});

describe('Non-SNAP schemas', () => {
  const page = {
    order: {
      invoice_number: 'INV-20210118-0001',
      amount: 90000,
      line_items: [
        { name: 'T-Shirt Red', price: 30000, quantity: 2 },
        { name: 'Polo Navy', price: 30000, quantity: 1 },
      ],
      callback_url: 'https://merchant.com/success-url',
      failed_url: 'https://merchant.com/failed-url',
      auto_redirect: false,
      descriptor: 'Test Descriptor',
    },
    card: { token: 'a55b8d8df709607d2a343778898f41d0', save: false },
    customer: {
      id: 'CUST-0001',
      name: 'Jotaro Kujo',
      email: 'jotaro_kujo@example.com',
      phone: '6285694566147',
      country: 'ID',
    },
    payment: { type: 'SALE', acquirer: 'BRI', tenor: 3 },
    override_configuration: {
      themes: {
        language: 'EN',
        background_color: 'F5F8FB',
        font_color: '1A1A1A',
        button_background_color: 'E1251B',
        button_font_color: 'FFFFFF',
      },
      promo: [{ bin: '142498', discount_amount: 20000 }],
      allow_bin: ['461700', '410505', '557338'],
      allow_tenor: [0, 3, 6],
    },
    additional_info: {
      override_notification_url: 'https://another.example.com/payments/notifications',
      disclaimer: { id: 'Testing', en: 'testing' },
    },
  };

  it('payment page: the seed example passes; installment needs acquirer and tenor', () => {
    const parsed = paymentPageRequestSchema.parse(page);
    expect(lineItemsMatchAmount(parsed.order)).toBe(true);
    expect(lineItemsMatchAmount({ ...parsed.order, amount: 1 })).toBe(false);
    expect(
      parseWire(paymentPageRequestSchema, { ...page, payment: { type: 'INSTALLMENT', tenor: 3 } }),
    ).toMatchObject({
      issue: { kind: 'mandatory', field: 'payment.acquirer' },
    });
    expect(parseWire(paymentPageRequestSchema, { ...page, payment: { type: 'PAYLATER' } })).toMatchObject({
      issue: { kind: 'format', field: 'payment.type' },
    });
    expect(
      paymentPageResponseSchema.safeParse({
        order: { invoice_number: 'INV-1' },
        credit_card_payment_page: { url: 'https://sandbox.doku.com/x' },
      }).success,
    ).toBe(true);
  });

  it('capture, refund, delete tokenization, errors, status path', () => {
    expect(captureRequestSchema.safeParse({ payment: { authorize_id: '12312391719112' } }).success).toBe(
      true,
    );
    expect(
      cardRefundRequestSchema.safeParse({
        order: { invoice_number: 'INV-1' },
        payment: { original_request_id: 'b266c265' },
        refund: { amount: 90000 },
      }).success,
    ).toBe(true);
    expect(parseWire(deleteTokenizationRequestSchema, { customer_id: '1' })).toMatchObject({
      issue: { kind: 'mandatory', field: 'token_id' },
    });
    expect(
      nonSnapErrorResponseSchema.safeParse({ errors: { code: 'INVALID_PARAMETER', message: 'm', type: 't' } })
        .success,
    ).toBe(true);
    expect(orderStatusPath('INV 1/2')).toBe('/orders/v1/status/INV%201%2F2');
  });

  it('order status: the amount as a number or a numeric string, read as a number', () => {
    const status = (amount: unknown) =>
      orderStatusResponseSchema.safeParse({
        order: { invoice_number: 'INV-1', amount },
        transaction: { status: 'SUCCESS' },
      });
    expect(status(150000).data?.order.amount).toBe(150000);
    expect(status('150000').data?.order.amount).toBe(150000);
    expect(status('150000.00').data?.order.amount).toBe(150000);
    for (const bad of ['', '1e5', '-1', '150.000', 'IDR 150000', true])
      expect(status(bad).success, String(bad)).toBe(false);
  });
});

describe('DOKU status codes, read once', () => {
  it('reads every latestTransactionStatus as the payment outcome (07 and none: unknown)', () => {
    const read = (['00', '01', '02', '03', '04', '05', '06', '07', undefined] as const).map(
      snapTransactionOutcome,
    );
    expect(read).toEqual([
      'succeeded',
      'pending',
      'pending',
      'pending',
      'succeeded',
      'cancelled',
      'failed',
      null,
      null,
    ]);
  });

  it('reads a refundStatus: 00 succeeded, 06 failed, anything else pending', () => {
    expect(['00', '03', '06', undefined].map(snapRefundOutcome)).toEqual([
      'succeeded',
      'pending',
      'failed',
      'pending',
    ]);
  });
});

describe('cardRefundInOrderStatus', () => {
  const status = {
    order: { invoice_number: 'INV-1' },
    [CARD_ORDER_REFUND_HISTORY.list]: [
      { [CARD_ORDER_REFUND_HISTORY.requestId]: 'r-1', type: 'FULL_REFUND', status: 'SUCCESS' },
      { [CARD_ORDER_REFUND_HISTORY.requestId]: 'r-2', type: 'SOMETHING_NEW', status: 'FAILED' },
      { [CARD_ORDER_REFUND_HISTORY.requestId]: 'r-3', status: 'PENDING' },
      'not an entry',
    ],
  };

  it('finds a refund by its call and reads its status and type, tolerating what it does not know', () => {
    expect(cardRefundInOrderStatus(status, 'r-1')).toEqual({ status: 'SUCCESS', type: 'FULL_REFUND' });
    expect(cardRefundInOrderStatus(status, 'r-2')).toEqual({ status: 'FAILED', type: null });
    expect(cardRefundInOrderStatus(status, 'r-3')).toEqual({ status: null, type: null });
  });

  it('is null for a refund the status does not list, or a status with no history', () => {
    expect(cardRefundInOrderStatus(status, 'r-9')).toBeNull();
    expect(cardRefundInOrderStatus({ order: { invoice_number: 'INV-1' } }, 'r-1')).toBeNull();
    expect(cardRefundInOrderStatus(null, 'r-1')).toBeNull();
  });
});
