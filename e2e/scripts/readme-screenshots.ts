// README screenshots of the main screens: builds and starts the demo (fresh data), walks through a
// KKI payment with saving the card, the card page in its iframe and a staff refund, then the pay page
// on a phone (390×844) and the pay page and the bank-wait step (with its QR code) in dark mode, and
// writes PNGs into docs/screenshots/. Run: `pnpm --filter @kki-kit/e2e readme-screenshots`.
// Each screen waits for what it shows by role and name, not for a page's address, so a change in
// what comes after a payment (the result page) does not break the script.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortId } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newCustomer } from '../src/browser.js';
import { approvedCardOf, cardTestValues } from '../src/card-page.js';
import { buildDemo, startDemo } from '../src/demo-server.js';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const STAFF = 'staf-readme';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function checkout(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/`);
  await page
    .getByRole('button', { name: /^Add to cart: / })
    .first()
    .click();
  await page.getByRole('link', { name: 'Cart', exact: true }).click();
  await page.getByRole('link', { name: 'Go to payment' }).click();
  await page.waitForURL(/\/orders\/[^/]+\/pay$/);
  await page.getByRole('form', { name: 'Pay with KKI card' }).waitFor();
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}

/**
 * Fills the KKI form of the pay page with a test card and a one-time code (the sandbox takes each
 * code once: every payment of the script has its own).
 */
async function fillKkiForm(page: Page, cpan: string, ott: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Pay with KKI card' });
  await form.getByLabel('Card number').fill(cpan);
  await form.getByLabel('One-time code from your bank app').fill(ott);
}

/** The pay page on a phone: no QR code there, the bank link opens the app. */
async function phoneShots(browser: Browser, url: string): Promise<void> {
  const context = await newCustomer(browser, { width: 390, height: 844, phone: true });
  try {
    const page = await context.newPage();
    await checkout(page, url);
    await fillKkiForm(page, kkiTestCpan('mandiri'), '314159');
    await page.locator(':focus').blur();
    // From the page's heading down: the order, the payment method and the form with its Pay button.
    await page.getByRole('heading', { level: 1 }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shot(page, 'checkout-mobile');
  } finally {
    await context.close();
  }
}

/** The pay page and the wait for the bank's app (QR code for the phone) with the device in dark mode. */
async function darkShots(browser: Browser, url: string): Promise<void> {
  const context = await newCustomer(browser, { width: 1024, height: 720, colorScheme: 'dark' });
  try {
    const page = await context.newPage();
    await checkout(page, url);
    await fillKkiForm(page, kkiTestCpan('bri', undefined, 3), '271828');
    await shot(page, 'checkout-dark');
    await page.getByRole('form', { name: 'Pay with KKI card' }).getByRole('button', { name: /^Pay/ }).click();
    const qr = page.getByRole('img', { name: /^QR code/ });
    await qr.waitFor();
    // Drawn by the BFF: shown once the image has loaded.
    await qr.evaluate((img: HTMLImageElement) => img.decode());
    // The whole panel, from its title to the QR code.
    await qr.evaluate((img) => img.closest('.kki-panel')?.scrollIntoView({ block: 'center' }));
    await shot(page, 'bank-wait-dark');
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  buildDemo();
  const demo = await startDemo(STAFF, { KKI_INTEGRATION: 'h2h' });
  const browser = await launchChromium();
  try {
    const url = demo.url;
    const context = await newCustomer(browser, { width: 1024, height: 720 });
    const page = await context.newPage();

    await page.goto(`${url}/`);
    await page
      .getByRole('button', { name: /^Add to cart: / })
      .first()
      .waitFor();
    await shot(page, 'catalogue');

    // Checkout with KKI: the form filled in, then the issuer app on a phone-sized page.
    const cpan = kkiTestCpan('bri');
    const orderId = await checkout(page, url);
    const form = page.getByRole('form', { name: 'Pay with KKI card' });
    await fillKkiForm(page, cpan, '481516');
    await form.getByLabel('Save this card for next time').check();
    await shot(page, 'checkout-kki');
    await form.getByRole('button', { name: /^Pay/ }).click();
    const open = page.getByRole('link', { name: /^Open .+ app/ });
    const issuerUrl = await open.getAttribute('href');
    if (!issuerUrl) throw new Error('no issuer-app link');
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 700 });
    await phone.goto(new URL(issuerUrl, url).href);
    await phone.getByRole('button', { name: 'Approve' }).waitFor();
    await shot(phone, 'issuer-app');
    await phone.getByRole('button', { name: 'Approve' }).click();
    await phone.close();
    // The shop's tab polls only while visible.
    await page.bringToFront();
    // Paid: the pay page moves on (to the order's page or its result page).
    await page.waitForURL((u) => !u.pathname.endsWith('/pay'), { timeout: 30_000 });
    // The result page the shopper lands on: thanks and the receipt, read from the BFF.
    await page.getByRole('heading', { name: 'Thank you! Your payment went through' }).waitFor();
    await page.getByText('Payment details').waitFor();
    await shot(page, 'order-result');

    // The card page in CardPaymentFrame's iframe.
    const values = await cardTestValues(url);
    await checkout(page, url);
    await page.getByRole('radio', { name: 'Credit card (DOKU card page)' }).check();
    await page.getByRole('button', { name: /^Pay .+ by card$/ }).click();
    const frame = page.frameLocator('iframe[title="Card payment"]');
    await frame.getByLabel('Card number').fill(approvedCardOf(values, 'BNI').number);
    await frame.getByLabel('Name on card').fill('Dewi Lestari');
    await page.locator('iframe[title="Card payment"]').scrollIntoViewIfNeeded();
    await shot(page, 'card-page-iframe');

    await page.goto(`${url}/account`);
    await page
      .getByRole('listitem')
      .filter({ hasText: cpan.slice(-4) })
      .first()
      .waitFor();
    await shot(page, 'account-saved-cards');

    await page.goto(`${url}/staff`);
    await page.getByLabel('Staff password').fill(STAFF);
    await page.getByRole('button', { name: 'Sign in as staff' }).click();
    const order = page.getByRole('article', { name: `Order #${shortId(orderId)}` });
    await order.getByText(/^Refund · /).click();
    const refund = order.getByRole('form', { name: 'Refund' });
    await refund.getByRole('radio', { name: 'Partial refund' }).check();
    await refund.getByLabel('Amount (IDR)').fill('10000');
    await refund.getByRole('button', { name: /^Refund IDR / }).click();
    // Staff confirm the amount before anything is sent.
    await refund.getByRole('button', { name: 'Yes, refund' }).click();
    await order.getByText(/^Refund recorded\./).waitFor();
    await order.scrollIntoViewIfNeeded();
    await shot(page, 'staff-refunds');
    await context.close();

    await phoneShots(browser, url);
    await darkShots(browser, url);
  } finally {
    await browser.close();
    await demo.stop();
  }
}

await main();
