// DOKU Cards on the hosted card page inside CardPaymentFrame's iframe: a SALE and an INSTALLMENT.
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
import { checkoutOneProduct, expectOrderPaid, finish, productAtLeast } from '../src/shop.js';

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
      await expect(
        page.getByRole('row').filter({ hasText: 'Credit card' }).filter({ hasText: 'Paid' }).count(),
      ).resolves.toBe(1);
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
      await expect(
        page
          .getByRole('row')
          .filter({ hasText: 'Credit card, instalments' })
          .filter({ hasText: 'Paid' })
          .count(),
      ).resolves.toBe(1);
      await finish(page, 'card-installment');
    });
  });
});
