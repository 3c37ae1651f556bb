// Paying a hosted page: test card outcomes, 3-D Secure, installments, promo, allowed BINs, MOTO,
// RECURRING and saved cards, and the signed Non-SNAP notification each result sends.
import { cardNotificationSchema, verifyNonSnap } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { PAGE_TTL_MS } from '../src/cards/index.js';
import { TEST_CARDS, testCard, THREE_DS_OTP } from '../src/test-values/cards.js';
import { type Json, MERCHANT_NOTIFY_URL, pageRequest, setupCards } from './cards-support.js';

const cvvFor = (number: string) => (number.startsWith('37') ? '1234' : '123');

describe('test cards', () => {
  for (const card of TEST_CARDS) {
    it(`${card.id}: ${card.outcome.kind === 'decline' ? `declined ${card.outcome.responseCode}` : card.outcome.kind}`, async () => {
      const s = setupCards();
      const { ref, req } = await s.createPage();
      const { status, body } = await s.pay(ref, { card_number: card.number, cvv: cvvFor(card.number) });
      expect(status).toBe(200);
      if (card.outcome.kind === 'threeDs') {
        expect(body.result).toBe('three_ds');
        expect((await s.status(req.order.invoice_number)).transaction.status).toBe('PENDING');
        // The issuer's OTP page takes the sandbox OTP and sends the customer on.
        const otpPage = await s.sandboxFetch(`http://sandbox.test${body.threeDsUrl}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ otp: THREE_DS_OTP, action: 'confirm' }),
        });
        expect(otpPage.status).toBe(303);
      } else {
        expect(body.result).toBe('completed');
      }
      const order = await s.status(req.order.invoice_number);
      expect(order.card_payment.masked_card_number).toBe(
        `${card.number.slice(0, 6)}${'*'.repeat(card.number.length - 10)}${card.number.slice(-4)}`,
      );
      expect(order.card.brand).toBe(card.brand);
      expect(order.card.type).toBe(card.type);
      expect(order.card.issuer).toBe(card.issuerName);
      if (card.outcome.kind === 'decline') {
        expect(order.transaction.status).toBe('FAILED');
        expect(order.card_payment.response_code).toBe(card.outcome.responseCode);
        expect(order.card_payment.response_message).toBe(card.outcome.responseMessage);
      } else {
        expect(order.transaction.status).toBe('SUCCESS');
        expect(order.card_payment.response_code).toBe('00');
        expect(order.card_payment.approval_code).toMatch(/^\d{6}$/);
        expect(order.card_payment.eci).toBe(
          card.outcome.kind === 'threeDs' ? (card.brand === 'MASTER' ? '02' : '05') : '07',
        );
      }
    });
  }

  it('declines a well-formed card that is not a test card with 14', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    await s.pay(ref, { card_number: '4242424242424242' });
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction.status).toBe('FAILED');
    expect(order.card_payment.response_code).toBe('14');
  });

  it('refuses bad form input without paying', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ card_number: '4111111111111112' }, { cardNumber: 'invalid' }],
      [{ card_number: '' }, { cardNumber: 'required' }],
      [{ card_number: '6011111111111117' }, { cardNumber: 'unsupportedBrand' }],
      [{ card_number: '4111111111111111', expiry: '01/20' }, { expiry: 'expired' }],
      [{ card_number: '4111111111111111', expiry: '13/30' }, { expiry: 'invalid' }],
      [{ card_number: '4111111111111111', cvv: '12' }, { cvv: 'invalid' }],
      [{ card_number: '378282246310005', cvv: '123' }, { cvv: 'invalid' }],
      [{ card_number: '4111111111111111', name: '' }, { name: 'required' }],
    ];
    for (const [card, errors] of cases) {
      const { status, body } = await s.pay(ref, card);
      expect(status).toBe(422);
      expect(body.errors).toEqual(errors);
    }
    expect((await s.status(req.order.invoice_number)).transaction.status).toBe('PENDING');
  });
});

describe('3-D Secure', () => {
  it('fails the payment after three wrong OTPs', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    const card = testCard('visa-3ds');
    let res = await s.pay(ref, { card_number: card.number });
    expect(res.body.result).toBe('three_ds');
    const url = `http://sandbox.test${res.body.threeDsUrl}`;
    const page = await s.sandboxFetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`${card.brand} ${card.number.slice(0, 6)}`);
    const post = (otp: string) =>
      s.sandboxFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ otp, action: 'confirm' }),
      });
    const first = await post('111111');
    expect(first.status).toBe(422);
    expect(await first.text()).toContain('2 attempts left');
    expect((await post('222222')).status).toBe(422);
    const last = await post('333333');
    expect(last.status).toBe(303);
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction.status).toBe('FAILED');
    expect(order.card_payment.response_message).toBe('3D SECURE AUTHENTICATION FAILED');
    res = await s.pay(ref, { card_number: card.number });
    expect(res.body.result).toBe('closed');
  });

  it('the control API passes the OTP in the same call', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    const { body } = await s.pay(ref, { card_number: testCard('master-3ds').number, otp: THREE_DS_OTP });
    expect(body.result).toBe('completed');
    expect(body.order.transaction.status).toBe('SUCCESS');
    expect((await s.status(req.order.invoice_number)).card_payment.eci).toBe('02');
  });
});

describe('notifications', () => {
  it('each result sends a signed Non-SNAP notification that verifies with @kki-kit/doku', async () => {
    const s = setupCards();
    const ok = await s.createPage();
    await s.pay(ok.ref, { card_number: testCard('master-approve').number });
    const ko = await s.createPage();
    await s.pay(ko.ref, { card_number: testCard('visa-do-not-honor').number });
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(2);
    for (const n of s.merchant.notifications) {
      expect(n.path).toBe(new URL(MERCHANT_NOTIFY_URL).pathname);
      expect(
        await verifyNonSnap({
          clientId: n.headers['client-id']!,
          requestId: n.headers['request-id']!,
          timestamp: n.headers['request-timestamp']!,
          requestTarget: n.path,
          body: n.body,
          secretKey: s.config.secretKey,
          signature: n.headers.signature!,
        }),
      ).toBe(true);
      expect(cardNotificationSchema.safeParse(JSON.parse(n.body)).success).toBe(true);
    }
    const [paid, declined] = s.merchant.notifications.map((n) => JSON.parse(n.body) as Json);
    expect(paid).toMatchObject({
      order: { invoice_number: ok.req.order.invoice_number, amount: 90000 },
      transaction: { type: 'SALE', status: 'SUCCESS', original_request_id: ok.requestId },
      service: { id: 'CREDIT_CARD' },
      channel: { id: 'CREDIT_CARD' },
      acquirer: { id: 'BANK_MANDIRI' },
      card_payment: {
        masked_card_number: '557338******1002',
        response_code: '00',
        response_message: 'PAYMENT APPROVED',
      },
    });
    expect(paid.transaction.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(declined).toMatchObject({
      transaction: { status: 'FAILED' },
      card_payment: { response_code: '05', response_message: 'DO NOT HONOR' },
    });
    // The body never carries the full card number.
    for (const n of s.merchant.notifications) expect(n.body).not.toMatch(/\d{13,19}/);
    expect(s.cards.ledger().notifications).toHaveLength(2);
  });

  it('goes to override_notification_url when given', async () => {
    const s = setupCards();
    const { ref } = await s.createPage(
      pageRequest({ additional_info: { override_notification_url: 'https://other.test/hooks/doku' } }),
    );
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    await s.notifier.idle();
    expect(s.merchant.notifications.map((n) => n.path)).toEqual(['/hooks/doku']);
  });

  it('sends none when no notification URL is configured', async () => {
    const s = setupCards({ nonSnapNotificationUrl: null });
    const { ref } = await s.createPage();
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(0);
  });

  it('retries when the merchant endpoint fails, on the sandbox clock', async () => {
    const s = setupCards();
    s.merchant.answer(500, 200);
    const { ref } = await s.createPage();
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(1);
    s.clock.advance(30 * 60_000);
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(2);
    expect(s.notifier.log().map((e) => e.status)).toEqual([500, 200]);
  });

  it('duplicates a notification when the fault injector says so', async () => {
    const s = setupCards({}, [{ endpoint: 'notifications', kind: 'duplicate', times: 1 }]);
    const { ref } = await s.createPage();
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(2);
    expect(s.merchant.notifications[0]!.headers['request-id']).toBe(
      s.merchant.notifications[1]!.headers['request-id'],
    );
  });
});

describe('promo, allowed BINs and installments', () => {
  it('applies the promo of a matching BIN to the charged amount', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(
      pageRequest({ override_configuration: { promo: [{ bin: '411111', discount_amount: 20000 }] } }),
    );
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    const order = await s.status(req.order.invoice_number);
    expect(order.order.amount).toBe(90000);
    expect(order.promo).toEqual({ bin: '411111', discount_amount: 20000, final_amount: 70000 });
    expect(order.card_payment.amount).toBe(70000);
  });

  it('no promo for other BINs', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(
      pageRequest({ override_configuration: { promo: [{ bin: '411111', discount_amount: 20000 }] } }),
    );
    await s.pay(ref, { card_number: testCard('master-approve').number });
    const order = await s.status(req.order.invoice_number);
    expect(order.promo).toBeUndefined();
    expect(order.card_payment.amount).toBe(90000);
  });

  it('refuses cards outside allow_bin', async () => {
    const s = setupCards();
    const { ref } = await s.createPage(pageRequest({ override_configuration: { allow_bin: ['557338'] } }));
    const denied = await s.pay(ref, { card_number: testCard('visa-approve').number });
    expect(denied.body.errors).toEqual({ cardNumber: 'binNotAllowed' });
    const allowed = await s.pay(ref, { card_number: testCard('master-approve').number });
    expect(allowed.body.result).toBe('completed');
  });

  const installmentPage = (acquirer: string, amount = 1_200_000, tenor = 6, allowTenor?: number[]) =>
    pageRequest({
      order: { ...pageRequest().order, amount, line_items: [{ name: 'TV', price: amount, quantity: 1 }] },
      payment: { type: 'INSTALLMENT', acquirer: acquirer as 'BCA', tenor },
      ...(allowTenor ? { override_configuration: { allow_tenor: allowTenor } } : {}),
    });

  it('ON US: only the acquirer bank cards can pay in installments', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(installmentPage('BANK_MANDIRI'));
    const bni = await s.pay(ref, { card_number: testCard('visa-approve').number, tenor: 6 });
    expect(bni.body.errors).toEqual({ cardNumber: 'installmentNotEligible' });
    const mandiri = await s.pay(ref, { card_number: testCard('master-approve').number, tenor: 6 });
    expect(mandiri.body.result).toBe('completed');
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction.type).toBe('INSTALLMENT');
    expect(order.installment).toEqual({ acquirer: 'BANK_MANDIRI', tenor: 6, type: 'ON_US' });
    expect(order.acquirer.id).toBe('BANK_MANDIRI');
  });

  it('OFF US: any credit card, but no debit card', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(installmentPage('HSBC'));
    const debit = await s.pay(ref, { card_number: testCard('visa-debit-approve').number, tenor: 6 });
    expect(debit.body.errors).toEqual({ cardNumber: 'installmentNotEligible' });
    await s.pay(ref, { card_number: testCard('jcb-approve').number, tenor: 6 });
    expect((await s.status(req.order.invoice_number)).installment).toEqual({
      acquirer: 'HSBC',
      tenor: 6,
      type: 'OFF_US',
    });
  });

  it('the tenor is the one the request chose; 0 (pay in full) besides it when allow_tenor has it', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(installmentPage('BCA', 1_200_000, 3, [0, 3, 6]));
    const bad = await s.pay(ref, { card_number: testCard('jcb-approve').number, tenor: 12 });
    expect(bad.body.errors).toEqual({ tenor: 'invalid' });
    // Offered by allow_tenor, but not the plan the shopper chose in the shop.
    const other = await s.pay(ref, { card_number: testCard('jcb-approve').number, tenor: 6 });
    expect(other.body.errors).toEqual({ tenor: 'invalid' });
    await s.pay(ref, { card_number: testCard('jcb-approve').number, tenor: 0 });
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction.type).toBe('SALE');
    expect(order.installment).toBeUndefined();
  });

  it('a promo that takes the amount below the installment minimum is refused', async () => {
    const s = setupCards();
    const req = installmentPage('BCA', 520_000, 3);
    req.override_configuration = { promo: [{ bin: '356999', discount_amount: 50_000 }] };
    const { ref } = await s.createPage(req);
    const res = await s.pay(ref, { card_number: testCard('jcb-approve').number, tenor: 3 });
    expect(res.body.errors).toEqual({ tenor: 'belowInstallmentMinimum' });
  });
});

describe('payment types and saved cards', () => {
  it('MOTO asks for no CVV and no 3-D Secure', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(pageRequest({ payment: { type: 'MOTO' } }));
    const res = await s.pay(ref, { card_number: testCard('visa-3ds').number, cvv: undefined });
    expect(res.body.result).toBe('completed');
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction).toMatchObject({ type: 'MOTO', status: 'SUCCESS' });
    expect(order.card_payment.eci).toBe('07');
  });

  it('card.save saves the card; card.token pre-fills it on the next page; RECURRING with it skips CVV and OTP', async () => {
    const s = setupCards();
    const first = await s.createPage(pageRequest({ card: { save: true } }));
    await s.pay(first.ref, { card_number: testCard('visa-3ds').number, otp: THREE_DS_OTP });
    const token = (await s.status(first.req.order.invoice_number)).card.token as string;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(s.cards.ledger().savedCards).toMatchObject([
      { tokenEnding: token.slice(-4), customerId: 'CUST-0001', masked: '461700******0015' },
    ]);
    // The ledger holds no secrets: the token only by its last 4 characters.
    expect(JSON.stringify(s.cards.ledger())).not.toContain(token);

    // SALE with the token: the saved card still needs its CVV and the issuer's OTP.
    const sale = await s.createPage(pageRequest({ card: { token } }));
    const noCvv = await s.pay(sale.ref, { card_choice: 'saved', cvv: '' });
    expect(noCvv.body.errors).toEqual({ cvv: 'required' });
    const withCvv = await s.pay(sale.ref, { card_choice: 'saved', cvv: '321' });
    expect(withCvv.body.result).toBe('three_ds');

    // RECURRING with the token: merchant-initiated, no CVV, no OTP.
    const recurring = await s.createPage(pageRequest({ card: { token }, payment: { type: 'RECURRING' } }));
    const paid = await s.pay(recurring.ref, { card_choice: 'saved', cvv: undefined });
    expect(paid.body.result).toBe('completed');
    const order = await s.status(recurring.req.order.invoice_number);
    expect(order.transaction).toMatchObject({ type: 'RECURRING', status: 'SUCCESS' });
    expect(order.card.token).toBe(token);
    expect(order.card_payment.masked_card_number).toBe('461700******0015');
  });

  it('RECURRING without a token saves the card of the first payment', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(pageRequest({ payment: { type: 'RECURRING' } }));
    await s.pay(ref, { card_number: testCard('master-approve').number });
    expect((await s.status(req.order.invoice_number)).card.token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the customer may choose to save the card when tokenization is possible', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    await s.pay(ref, { card_number: testCard('visa-approve').number, save_card: true });
    expect((await s.status(req.order.invoice_number)).card.token).toMatch(/^[0-9a-f]{32}$/);
    const other = await s.createPage();
    await s.pay(other.ref, { card_number: testCard('visa-approve').number });
    expect((await s.status(other.req.order.invoice_number)).card.token).toBeUndefined();
  });

  it('a declined card is not saved', async () => {
    const s = setupCards();
    const { ref } = await s.createPage(pageRequest({ card: { save: true } }));
    await s.pay(ref, { card_number: testCard('visa-do-not-honor').number });
    expect(s.cards.ledger().savedCards).toHaveLength(0);
  });

  it('AUTHORIZE with auto_capture is a SALE', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage(
      pageRequest({ payment: { type: 'AUTHORIZE', auto_capture: true } }),
    );
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    const order = await s.status(req.order.invoice_number);
    expect(order.transaction.type).toBe('SALE');
    expect(order.authorize_id).toBeUndefined();
    expect(order.settlement.status).toBe('UNSETTLED');
  });
});

describe('page lifetime', () => {
  it('an unpaid page expires and the order reads EXPIRED', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    s.clock.advance(PAGE_TTL_MS);
    const res = await s.pay(ref, { card_number: testCard('visa-approve').number });
    expect(res.body).toMatchObject({ result: 'closed', reason: 'expired' });
    expect((await s.status(req.order.invoice_number)).transaction.status).toBe('EXPIRED');
  });

  it('a paid page is not paid twice', async () => {
    const s = setupCards();
    const { ref } = await s.createPage();
    await s.pay(ref, { card_number: testCard('visa-approve').number });
    const again = await s.pay(ref, { card_number: testCard('master-approve').number });
    expect(again.body).toMatchObject({ result: 'closed', reason: 'completed' });
    await s.notifier.idle();
    expect(s.merchant.notifications).toHaveLength(1);
  });
});
