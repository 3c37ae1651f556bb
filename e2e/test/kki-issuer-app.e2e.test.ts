// A KKI payment with a new card, confirmed by pressing Approve on the issuer-app page.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { describe, inject, it } from 'vitest';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  approveInIssuerApp,
  checkoutOneProduct,
  expectOrderPaid,
  finish,
  freshOtt,
  payWithNewKkiCard,
} from '../src/shop.js';

describe('KKI payment approved in the issuer app', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('pays an order with a BRI card and the shop shows it paid', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bri'), ott: freshOtt() });
      await approveInIssuerApp(page);
      await expectOrderPaid(page, demoUrl, orderId);
      await finish(page, 'kki-issuer-app');
    });
  });
});
