// DOKU Cards on the hosted card page inside CardPaymentFrame's iframe: a SALE and an INSTALLMENT.
import { shortId } from '@kki-kit/contract';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  approvedCardOf,
  type CardTestValues,
  cardById,
  cardTestValues,
  payOnCardPage,
  waitForOrderPage,
} from '../src/card-page.js';
import { checkoutOneProduct, expectOrderPaid, finish, productAtLeast, resultDetail } from '../src/shop.js';

describe('DOKU card page in the iframe', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();
  let values: CardTestValues;
  beforeAll(async () => {
    values = await cardTestValues(demoUrl);
  });

  it('pays a SALE with an approved Visa test card', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payOnCardPage(page, { type: 'SALE', cardNumber: cardById(values, 'visa-approve').number });
      await waitForOrderPage(page, orderId);
      await expectOrderPaid(page, demoUrl, orderId);
      // The card page's return lands on the result page: thanks, the card and the short number.
      await page.getByRole('heading', { level: 1, name: 'Thank you! Your payment went through' }).waitFor();
      await expect(resultDetail(page, 'Payment method').textContent()).resolves.toBe('Credit card');
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Paid');
      await expect(resultDetail(page, 'Card').textContent()).resolves.toMatch(/\*{4}\d{4}$/);
      await expect(resultDetail(page, 'Order number').textContent()).resolves.toBe(`#${shortId(orderId)}`);
      await finish(page, 'card-sale');
    });
  });

  it('pays an INSTALLMENT on the plan chosen once in the kit', async () => {
    await asCustomer(browser(), async (page) => {
      // The shop's first plan is BCA's; the sandbox finances only amounts above its minimum.
      const bca = values.installmentPlans.BCA;
      if (!bca) throw new Error('the sandbox lists no BCA installment plan');
      const orderId = await checkoutOneProduct(page, demoUrl, await productAtLeast(demoUrl, bca.minAmount));
      await payOnCardPage(page, {
        type: 'INSTALLMENT',
        cardNumber: approvedCardOf(values, 'BCA').number,
      });
      await waitForOrderPage(page, orderId);
      await expectOrderPaid(page, demoUrl, orderId);
      await expect(resultDetail(page, 'Payment method').textContent()).resolves.toBe(
        'Credit card, instalments',
      );
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Paid');
      await finish(page, 'card-installment');
    });
  });
});
