// A card AUTHORIZE on the card page, then staff capture it.
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import { cardById, cardTestValues, payOnCardPage } from '../src/card-page.js';
import { checkoutOneProduct, expectAccessible, finish } from '../src/shop.js';
import { expectPaymentStatus, signInAsStaff, staffOrder } from '../src/staff.js';

describe('card AUTHORIZE then capture', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('authorises on the card page and is captured once by staff', async () => {
    const values = await cardTestValues(demoUrl);
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payOnCardPage(page, { type: 'AUTHORIZE', cardNumber: cardById(values, 'visa-approve').number });
      // Authorised, not charged: the frame says the store will complete it.
      await expect
        .poll(
          () =>
            page
              .getByText('Card payment approved. The store will complete it shortly.')
              .or(page.getByRole('definition').filter({ hasText: 'Authorised, not yet captured' }))
              .count(),
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await expectAccessible(page);

      await signInAsStaff(page, demoUrl);
      const order = staffOrder(page, orderId);
      await expectPaymentStatus(order, 'Authorised, not yet captured');
      const capture = order.getByRole('button', { name: /^Capture / });
      await expectAccessible(page);
      await capture.click();
      // Staff confirm the amount first; the list reads the order again after the capture.
      await order.getByRole('button', { name: 'Yes, capture' }).click();
      await expectPaymentStatus(order, 'Paid');
      await expect.poll(() => capture.count()).toBe(0);
      await finish(page, 'card-authorize-capture');
    });
  });
});
