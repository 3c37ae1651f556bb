// A KKI payment with a new card, confirmed by pressing Approve on the issuer-app page.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { launchChromium, newCustomer } from '../src/browser.js';
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
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pays an order with a BRI card and the shop shows it paid', async () => {
    const context = await newCustomer(browser);
    const page = await context.newPage();
    const orderId = await checkoutOneProduct(page, demoUrl);
    await payWithNewKkiCard(page, { cpan: kkiTestCpan('bri'), ott: freshOtt() });
    await approveInIssuerApp(page);
    await expectOrderPaid(page, demoUrl, orderId);
    await finish(page, 'kki-issuer-app');
    await context.close();
  });
});
