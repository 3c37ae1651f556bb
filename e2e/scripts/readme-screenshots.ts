// README screenshots of the main screens: builds and starts the demo (fresh data), walks through a
// KKI payment with saving the card, the card page in its iframe and a staff refund, and writes
// PNGs into docs/screenshots/. Run: `pnpm --filter @kki-kit/e2e readme-screenshots`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import type { Page } from 'playwright-core';
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
    await form.getByLabel('Card number').fill(cpan);
    await form.getByLabel('One-time code from your bank app').fill('481516');
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
    // Paid: the pay page moves on to the order page.
    await page.waitForURL((u) => u.pathname === `/orders/${orderId}`, { timeout: 30_000 });

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
    const order = page.getByRole('article', { name: `Order ${orderId}` });
    await order.getByText(/^Refund pay_/).click();
    await order.getByRole('radio', { name: 'Partial refund' }).check();
    await order.getByLabel('Amount (IDR)').fill('10000');
    await order.getByRole('button', { name: /^Refund / }).click();
    await order.getByText(/^Refund recorded\./).waitFor();
    await order.scrollIntoViewIfNeeded();
    await shot(page, 'staff-refunds');
    await context.close();
  } finally {
    await browser.close();
    await demo.stop();
  }
}

await main();
