import { CARD_RETURN_MESSAGE_TYPE } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARDS, type CardsHarness, MOUNT, ORIGIN, openCardPage, payPage, startCards } from './cards-setup.js';

describe('DOKU Cards hosted page through the BFF', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('SALE: page opened, paid on DOKU, the return route confirms with DOKU and tells the frame', async () => {
    const { res, payment, order } = await openCardPage(h, 150_000);
    expect(res.status).toBe(201);
    expect(payment.status).toBe('pending');
    expect(payment.nextAction.type).toBe('card_page');
    const paid = await payPage(h, payment.nextAction.url!);
    expect(paid.result).toBe('completed');
    // DOKU sends the customer to the BFF's return route (the callback_url the service gave it).
    expect(paid.redirectUrl).toContain(`${ORIGIN}${MOUNT}/cards/payments/${payment.id}/return`);
    const back = await h.host.request(paid.redirectUrl!);
    expect(back.status).toBe(200);
    const html = await back.text();
    expect(html).toContain(CARD_RETURN_MESSAGE_TYPE);
    expect(html).toContain('"status":"succeeded"');
    expect(back.headers.get('content-security-policy')).toContain(`frame-ancestors ${ORIGIN}`);
    const view = await (await h.call(`/payments/${payment.id}`)).json();
    expect(view).toMatchObject({ status: 'succeeded', method: 'card', cardPaymentType: 'SALE' });
    expect(view.card.maskedCpan).toMatch(/^411111\*+1111$/);
    expect((await h.bff.merchant.getOrder(order.id))?.status).toBe('paid');
  });

  it('a forged return (the URL says success, DOKU says the page is unpaid) is not trusted', async () => {
    const { payment } = await openCardPage(h, 90_000);
    const forged = await h.host.request(
      `${ORIGIN}${MOUNT}/cards/payments/${payment.id}/return?result=success`,
    );
    expect(forged.status).toBe(200);
    const html = await forged.text();
    expect(html).not.toContain('"status":"succeeded"');
    expect(html).toContain('"status":"pending"');
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('pending');
  });

  it('a declined card reads failed with the catalogue error, whatever the URL claims', async () => {
    const { payment } = await openCardPage(h, 75_000);
    const paid = await payPage(h, payment.nextAction.url!, CARDS.declined);
    expect(paid.result).toBe('completed');
    const back = await h.host.request(`${ORIGIN}${MOUNT}/cards/payments/${payment.id}/return?result=success`);
    expect(await back.text()).toContain('"status":"failed"');
    const view = await h.bff.merchant.getPayment(payment.id);
    expect(view?.status).toBe('failed');
    expect(view?.error?.code).toBeTruthy();
  });

  it('passes theme, language, allowed BINs and the order promo to DOKU; refuses a type the order does not allow', async () => {
    const { payment } = await openCardPage(
      h,
      200_000,
      { language: 'en', theme: { backgroundColor: '#FFFFFF' }, allowedBins: ['411111'] },
      {
        paymentTypes: ['SALE'],
        promos: [{ bin: '411111', discountAmount: 20_000 }],
        allowedBins: ['411111', '557338'],
      },
    );
    expect(payment.status).toBe('pending');
    // Only the narrowed BIN is accepted on DOKU's page.
    const refused = await payPage(h, payment.nextAction.url!, CARDS.mandiri);
    expect(refused.result).toBe('invalid');
    const paid = await payPage(h, payment.nextAction.url!, CARDS.approved);
    expect(paid.result).toBe('completed');
    const confirmed = await h.host.request(`${ORIGIN}${MOUNT}/cards/payments/${payment.id}/return`);
    expect(await confirmed.text()).toContain('"status":"succeeded"');
    const record = await h.bff.store.payments.get(payment.id);
    // The promo made DOKU take less: refunds are capped by what was charged.
    expect(record?.doku.chargedAmount).toBe(180_000);

    const { res, payment: notAllowed } = await openCardPage(
      h,
      50_000,
      { paymentType: 'MOTO' },
      { paymentTypes: ['SALE'] },
    );
    expect(res.status).toBe(409);
    expect((notAllowed as unknown as { error: { code: string } }).error.code).toBe('operation_not_allowed');
  });

  it('INSTALLMENT with acquirer and tenor', async () => {
    const { payment, res } = await openCardPage(h, 600_000, {
      paymentType: 'INSTALLMENT',
      installment: { acquirer: 'BANK_MANDIRI', tenor: 6 },
    });
    expect(res.status).toBe(201);
    const paid = await payPage(h, payment.nextAction.url!, CARDS.mandiri, { tenor: 6 });
    expect(paid.result).toBe('completed');
    await h.host.request(paid.redirectUrl!);
    const view = await h.bff.merchant.getPayment(payment.id);
    expect(view).toMatchObject({ status: 'succeeded', cardPaymentType: 'INSTALLMENT' });
  });

  it('MOTO and RECURRING pages open with their type', async () => {
    for (const paymentType of ['MOTO', 'RECURRING'] as const) {
      const { payment, res } = await openCardPage(h, 40_000, { paymentType });
      expect(res.status).toBe(201);
      const paid = await payPage(h, payment.nextAction.url!);
      expect(paid.result).toBe('completed');
      await h.host.request(paid.redirectUrl!);
      expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
    }
  });
});
