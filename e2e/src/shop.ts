// Page objects for the demo shop and DOKU's hosted pages (served by the sandbox on the shop's
// origin). Locators use roles and the visible English copy, the way a customer finds things.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KKI_TEST_OTT } from '@kki-kit/doku-sandbox';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './axe.js';

/** The staff password the e2e demo runs with (DEMO_STAFF_PASSWORD). */
export const STAFF_PASSWORD = 'staf-e2e';

/** Where each flow's final screenshot goes (gitignored; a CI artifact). */
export const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/** Fails the test with axe's findings when the page (or a frame in it) has a WCAG A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** The flow's final state: checked with axe, then kept as `screenshots/<flow>.png`. */
export async function finish(page: Page, flow: string): Promise<void> {
  await expectAccessible(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${flow}.png`), fullPage: true });
}

let ottCounter = 0;
/** A fresh OTT: the sandbox accepts any value once except its documented invalid and expired ones. */
export function freshOtt(): string {
  const reserved: string[] = [KKI_TEST_OTT.invalid, KKI_TEST_OTT.expired];
  for (;;) {
    ottCounter += 1;
    const ott = `${String(Date.now() % 1_000_000).padStart(6, '0')}${ottCounter}`;
    if (!reserved.includes(ott)) return ott;
  }
}

/** The English name of the cheapest catalogue product priced at least `minAmount` (IDR). */
export async function productAtLeast(demoUrl: string, minAmount: number): Promise<string> {
  const res = await fetch(`${demoUrl}/api/shop/products`);
  const { products } = (await res.json()) as { products: Array<{ nameEn: string; price: number }> };
  const fit = products.filter((p) => p.price >= minAmount).sort((a, b) => a.price - b.price)[0];
  if (!fit) throw new Error(`no product priced at least ${minAmount}`);
  return fit.nameEn;
}

/**
 * Puts one product (the catalogue's first, or `productName`) in the cart and checks out; resolves
 * on the pay page with the order id.
 */
export async function checkoutOneProduct(page: Page, demoUrl: string, productName?: string): Promise<string> {
  await page.goto(`${demoUrl}/`);
  await expect.poll(() => page.getByRole('heading', { name: 'Catalogue' }).count()).toBe(1);
  await expectAccessible(page);
  await page
    .getByRole('button', { name: productName ? `Add to cart: ${productName}` : /^Add to cart: / })
    .first()
    .click();
  await page.getByRole('link', { name: 'Cart', exact: true }).click();
  await page.getByRole('heading', { name: 'Cart' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to payment' }).click();
  await page.waitForURL(/\/orders\/[^/]+\/pay$/);
  await page.getByRole('heading', { name: 'Payment' }).waitFor();
  const match = /\/orders\/([^/]+)\/pay$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a pay page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Fills KkiPayButton's new-card form and submits it. */
export async function payWithNewKkiCard(
  page: Page,
  card: { cpan: string; ott: string; save?: boolean },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Pay with KKI card' });
  const newCard = form.getByRole('radio', { name: 'New card' });
  if ((await newCard.count()) > 0) await newCard.check();
  await form.getByLabel('Card number').fill(card.cpan);
  await form.getByLabel('One-time code from your bank app').fill(card.ott);
  if (card.save) await form.getByLabel('Save this card for next time').check();
  await expectAccessible(page);
  await form.getByRole('button', { name: /^Pay/ }).click();
}

/** The waiting panel's link to the bank's app ("Open BRI app", plus "(opens in a new tab)" on a desktop). */
export function issuerAppLink(page: Page): Locator {
  return page.getByRole('link', { name: /^Open .+ app/ });
}

/**
 * From "Confirm the payment in your … app": opens the issuer-app page (the sandbox's, on the shop's
 * origin), presses Approve, and follows the result page's link back to the shop. On a desktop the
 * page opens in a new tab (the shop's tab keeps waiting), which is closed afterwards.
 */
export async function approveInIssuerApp(page: Page): Promise<void> {
  const open = issuerAppLink(page);
  await open.waitFor();
  await expectAccessible(page);
  const newTab = (await open.getAttribute('target')) === '_blank';
  let bank = page;
  if (newTab) [bank] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  else await open.click();
  await bank.getByRole('heading', { name: 'Confirm this payment?' }).waitFor();
  await expectAccessible(bank);
  await bank.getByRole('button', { name: 'Approve' }).click();
  // DOKU sends the customer to the merchant's success URL (the shop's /orders, naming the payment),
  // which moves on to the order's result page.
  await waitForResultPage(bank);
  await expectAccessible(bank);
  if (newTab) {
    await bank.close();
    await page.bringToFront();
  }
}

/** Waits until the shop shows an order's result page (`orderId`'s, when given) with its heading. */
export async function waitForResultPage(page: Page, orderId?: string): Promise<void> {
  await page.waitForURL((url) =>
    orderId === undefined
      ? /^\/orders\/[^/]+$/.test(url.pathname)
      : url.pathname === `/orders/${encodeURIComponent(orderId)}`,
  );
  await page.locator('section.order-result').getByRole('heading', { level: 1 }).waitFor();
}

/** The result page's receipt line named `term` ("Order number", "Amount", "Card", "Status", …). */
export function resultDetail(page: Page, term: string): Locator {
  return page
    .locator('dl.order-receipt')
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Opens the order's page and waits until the shop shows it paid (notifications settle it). */
export async function expectOrderPaid(page: Page, demoUrl: string, orderId: string): Promise<void> {
  await page.goto(`${demoUrl}/orders/${encodeURIComponent(orderId)}`);
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'The order is paid.' }).count(), {
      timeout: 20_000,
    })
    .toBe(1);
}
