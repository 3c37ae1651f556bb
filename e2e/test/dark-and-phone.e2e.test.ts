// The shop and the kit in the device's dark mode, and the wait for the bank's app on a desktop (a QR
// code of the app link, drawn by the BFF) and on a phone (none: the link opens the app).
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { type CustomerOptions, newCustomer } from '../src/browser.js';
import { useChromium } from '../src/fixtures.js';
import {
  checkoutOneProduct,
  expectAccessible,
  finish,
  freshOtt,
  issuerAppLink,
  payWithNewKkiCard,
} from '../src/shop.js';

describe('dark mode and phones', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  async function as(options: CustomerOptions, steps: (page: Page) => Promise<void>): Promise<void> {
    const context: BrowserContext = await newCustomer(browser(), options);
    try {
      await steps(await context.newPage());
    } finally {
      await context.close();
    }
  }

  it('in dark mode every page of the payment passes axe, and the QR code of the app link loads', async () => {
    await as({ colorScheme: 'dark' }, async (page) => {
      // Catalogue, cart and pay page are each checked with axe on the way (checkoutOneProduct).
      await checkoutOneProduct(page, demoUrl);
      const root = page.locator('.kki-root').first();
      await root.waitFor();
      expect(await root.evaluate((el) => getComputedStyle(el).colorScheme)).toBe('dark');
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bri'), ott: freshOtt() });
      const qr = page.getByRole('img', { name: 'QR code: scan it with your phone to open the BRI app' });
      await qr.waitFor();
      // The BFF answered the image for this customer (their session cookie went with it).
      expect(
        await qr.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
      ).toBeGreaterThan(0);
      expect(await issuerAppLink(page).getAttribute('target')).toBe('_blank');
      await finish(page, 'dark-bank-wait');
    });
  });

  it('on a phone there is no QR code: the link opens the bank app in place', async () => {
    await as({ width: 390, height: 844, phone: true }, async (page) => {
      await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bri', undefined, 2), ott: freshOtt() });
      const open = issuerAppLink(page);
      await open.waitFor();
      expect(await open.getAttribute('target')).toBeNull();
      expect(await page.getByRole('img', { name: /^QR code/ }).count()).toBe(0);
      await expectAccessible(page);
    });
  });
});
