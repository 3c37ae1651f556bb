// One order, one charge, seen from the shopper's side: a payment waiting for the bank in one tab is
// what a second tab or device shows for the order (the BFF names the open attempt), never a blank
// form that would start a second payment.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { describe, expect, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  approveInIssuerApp,
  checkoutOneProduct,
  expectAccessible,
  expectOrderPaid,
  freshOtt,
  issuerAppLink,
  payWithNewKkiCard,
} from '../src/shop.js';

describe('a pending KKI payment in a second browser', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('resumes the waiting payment instead of showing the form, and both end paid', async () => {
    await asCustomer(browser(), async (page, context) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bri'), ott: freshOtt() });
      await issuerAppLink(page).waitFor();

      // The same customer elsewhere: the login cookie, but none of the first tab's session storage.
      const other = await browser().newContext({
        storageState: await context.storageState(),
        viewport: { width: 390, height: 844 },
        locale: 'en-US',
      });
      try {
        const phone = await other.newPage();
        await phone.goto(`${demoUrl}/orders/${encodeURIComponent(orderId)}/pay`);
        await issuerAppLink(phone).waitFor();
        await expect(phone.getByLabel('Card number').count()).resolves.toBe(0);
        await expectAccessible(phone);

        await approveInIssuerApp(page);
        await expectOrderPaid(page, demoUrl, orderId);
        await expectOrderPaid(phone, demoUrl, orderId);
      } finally {
        await other.close();
      }
    });
  });
});
