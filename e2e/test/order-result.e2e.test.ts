// Back from the bank app: the shopper lands on the order's result page (thanks, amount, card,
// status, short order number), read from the server, in the shop's language; a decline lands there
// too, with the reason and a way to try again.
import { formatIdr, getErrorCopy, shortId } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { cardById, cardTestValues, payOnCardPage } from '../src/card-page.js';
import { asCustomer, useChromium } from '../src/fixtures.js';
import {
  checkoutOneProduct,
  expectAccessible,
  finish,
  freshOtt,
  issuerAppLink,
  payWithNewKkiCard,
  resultDetail,
  waitForResultPage,
} from '../src/shop.js';

/** The order's amount as the shop's API (the BFF's order) states it. */
async function orderAmount(page: Page, demoUrl: string, orderId: string): Promise<number> {
  const res = await page.request.get(`${demoUrl}/api/shop/orders/${encodeURIComponent(orderId)}`);
  return ((await res.json()) as { order: { amount: number } }).order.amount;
}

/** Opens the issuer-app page in the same tab (as the bank's app does on a phone) and presses `button`. */
async function answerInIssuerApp(page: Page, button: 'Approve' | 'Decline'): Promise<void> {
  const href = await issuerAppLink(page).getAttribute('href');
  if (!href) throw new Error('the issuer-app link has no address');
  await page.goto(new URL(href, page.url()).href);
  await page.getByRole('heading', { name: 'Confirm this payment?' }).waitFor();
  await page.getByRole('button', { name: button }).click();
}

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? null);

describe('the result page after the bank app', () => {
  const demoUrl = inject('demoUrl');
  const browser = useChromium();

  it('a shopper back from the bank app lands on the result page', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      const cpan = kkiTestCpan('bri');
      await payWithNewKkiCard(page, { cpan, ott: freshOtt() });
      await issuerAppLink(page).waitFor();
      await answerInIssuerApp(page, 'Approve');

      // The bank sends the shopper to the shop's /orders naming the payment; the shop reads it from
      // the BFF and shows its order's result page.
      await waitForResultPage(page, orderId);
      await page.getByRole('heading', { level: 1, name: 'Thank you! Your payment went through' }).waitFor();
      await expect(resultDetail(page, 'Order number').textContent()).resolves.toBe(`#${shortId(orderId)}`);
      await expect(resultDetail(page, 'Amount').textContent()).resolves.toBe(
        formatIdr(await orderAmount(page, demoUrl, orderId), 'en'),
      );
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Paid');
      await expect(resultDetail(page, 'Card').textContent()).resolves.toBe(
        `BRI · ${cpan.slice(0, 6)}${'*'.repeat(cpan.length - 10)}${cpan.slice(-4)}`,
      );
      await expect(resultDetail(page, 'Date').count()).resolves.toBe(1);
      // The raw id is nowhere in the title; focus is on the new page's heading.
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.not.toContain(orderId);
      await expect(focusedTag(page)).resolves.toBe('H1');
      // Back leaves the result for the page before the bank, never the return address.
      expect(new URL(page.url()).search).toBe('');
      await finish(page, 'result-kki-approved');

      // The same page in Bahasa Indonesia.
      await page.getByLabel('Language').selectOption('id');
      await page.getByRole('heading', { level: 1, name: 'Terima kasih! Pembayaran berhasil' }).waitFor();
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Lunas');
      await expectAccessible(page);
    });
  });

  it('a result page opened before the bank answers waits, then thanks the shopper by itself', async () => {
    await asCustomer(browser(), async (page, context) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('bjb'), ott: freshOtt() });
      const href = await issuerAppLink(page).getAttribute('href');
      if (!href) throw new Error('the issuer-app link has no address');

      await page.goto(`${demoUrl}/orders/${encodeURIComponent(orderId)}`);
      await page
        .getByRole('heading', { level: 1, name: 'Waiting for the payment to be confirmed' })
        .waitFor();
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Waiting for payment');
      await expect(page.getByRole('link', { name: 'Continue the payment' }).count()).resolves.toBe(1);
      await expectAccessible(page);

      // The bank app, elsewhere: the waiting page looks again and turns into the thanks, no reload.
      const bank = await context.newPage();
      await bank.goto(new URL(href, demoUrl).href);
      await bank.getByRole('button', { name: 'Approve' }).click();
      await bank.close();
      await expect
        .poll(
          () => page.getByRole('heading', { level: 1, name: 'Thank you! Your payment went through' }).count(),
          {
            timeout: 20_000,
          },
        )
        .toBe(1);
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Paid');
    });
  });

  it('a shopper who declines in the bank app lands on the result page with a way to try again', async () => {
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      await payWithNewKkiCard(page, { cpan: kkiTestCpan('mandiri'), ott: freshOtt() });
      await issuerAppLink(page).waitFor();
      await answerInIssuerApp(page, 'Decline');

      await waitForResultPage(page, orderId);
      await page.getByRole('heading', { level: 1, name: 'The payment did not go through' }).waitFor();
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Failed');
      await expect(page.getByText('The order is not paid yet.').count()).resolves.toBe(1);
      // Why, in the shop's language (the issuer's decline).
      await expect(page.getByText(getErrorCopy('do_not_honor', 'en')).count()).resolves.toBe(1);
      await expectAccessible(page);
      await finish(page, 'result-kki-declined');

      await page.getByRole('link', { name: 'Try paying again' }).click();
      await page.waitForURL((url) => url.pathname === `/orders/${encodeURIComponent(orderId)}/pay`);
      await page.getByRole('heading', { level: 1, name: 'Payment' }).waitFor();
    });
  });

  it('a card paid through the 3-D Secure OTP page lands on the result page', async () => {
    const values = await cardTestValues(demoUrl);
    await asCustomer(browser(), async (page) => {
      const orderId = await checkoutOneProduct(page, demoUrl);
      const card = cardById(values, 'visa-3ds');
      await payOnCardPage(page, { type: 'SALE', cardNumber: card.number });
      // DOKU's OTP page in the card frame, then its return to the shop.
      const frame = page.frameLocator('iframe[title="Card payment"]');
      await frame.getByLabel(/OTP/).fill(values.threeDs.otp);
      await frame.getByRole('button', { name: /^(Confirm|Konfirmasi)$/ }).click();

      await waitForResultPage(page, orderId);
      await page.getByRole('heading', { level: 1, name: 'Thank you! Your payment went through' }).waitFor();
      await expect(resultDetail(page, 'Order number').textContent()).resolves.toBe(`#${shortId(orderId)}`);
      await expect(resultDetail(page, 'Payment method').textContent()).resolves.toBe('Credit card');
      await expect(resultDetail(page, 'Card').textContent()).resolves.toMatch(
        new RegExp(`\\*{4}${card.number.slice(-4)}$`),
      );
      await expect(resultDetail(page, 'Status').textContent()).resolves.toBe('Paid');
      await finish(page, 'result-card-3ds');
    });
  });
});
