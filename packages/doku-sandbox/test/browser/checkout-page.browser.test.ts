// The DOKU Checkout page in a real browser: KKI inside the merchant's iframe (CPAN and OTT typed in
// the frame, the issuer app opened in its own window, the frame moving on to callback_url by itself),
// a card in a popup the shop opens, saved and offered again as a full-page redirect, a cancel, and a
// site that is not the merchant's refused by frame-ancestors. Then the ledger and the notifications.
import {
  CHECKOUT_METHOD_TYPES,
  type CheckoutPaymentRequest,
  createDokuClient,
  type DokuClient,
} from '@kki-kit/doku';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxLedger } from '../../src/ledger.js';
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '../../src/config.js';
import { type SandboxServer, startSandboxServer } from '../../src/server.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../../src/test-keys.js';
import { testCard } from '../../src/test-values/cards.js';
import { KKI_TEST_CARDS } from '../../src/test-values/kki.js';
import { type Site, startSite } from './site.js';

describe('DOKU Checkout page in Chromium', () => {
  let browser: Browser;
  let sandbox: SandboxServer;
  let merchant: Site;
  let stranger: Site;
  let client: DokuClient;

  const request = (invoice: string): CheckoutPaymentRequest => ({
    order: {
      invoice_number: invoice,
      amount: 150000,
      line_items: [{ name: 'Kopi Gayo 250 g', price: 75000, quantity: 2 }],
      callback_url: `${merchant.url}/pay/ok`,
      callback_url_cancel: `${merchant.url}/pay/cancelled`,
      auto_redirect: true,
    },
    payment: {
      payment_due_date: 30,
      payment_method_types: [CHECKOUT_METHOD_TYPES.kki, CHECKOUT_METHOD_TYPES.card],
    },
    customer: { id: 'SHOPPER-CO-1', name: 'Dewi Lestari', email: 'dewi@example.com' },
  });
  const create = async (invoice: string) =>
    (await client.createCheckoutPayment(request(invoice))).data.response.payment.url;

  async function ledger(): Promise<SandboxLedger> {
    await fetch(`${sandbox.url}/__sandbox/idle`, { method: 'POST' });
    return (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as SandboxLedger;
  }

  beforeAll(async () => {
    merchant = await startSite(DEFAULT_SECRET_KEY, DEFAULT_CLIENT_ID);
    stranger = await startSite(DEFAULT_SECRET_KEY, DEFAULT_CLIENT_ID);
    sandbox = await startSandboxServer({
      control: true,
      merchantName: 'Toko Kopi Nusantara',
      nonSnapNotificationUrl: `${merchant.url}/payments/notifications`,
    });
    const { clientId, secretKey } = sandbox.sandbox.config;
    client = createDokuClient({
      baseUrl: sandbox.url,
      clientId,
      secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      retries: 0,
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await merchant?.close();
    await stranger?.close();
  });

  it('pays with KKI inside the merchant iframe, confirmed in the issuer app window', async () => {
    const url = await create('WEB-CO-KKI-1');
    const context = await browser.newContext({ viewport: { width: 480, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${merchant.url}/checkout?src=${encodeURIComponent(url)}`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'Pay Toko Kopi Nusantara' }).waitFor();
    await frame.getByLabel('Card number (CPAN)').fill(KKI_TEST_CARDS[0]?.cards[0] as string);
    await frame.getByLabel('One-time token (OTT)').fill('424242');
    await frame.getByRole('button', { name: 'Pay with KKI' }).click();
    await frame.getByRole('heading', { name: "Confirm in your bank's app" }).waitFor();

    const [issuerApp] = await Promise.all([
      context.waitForEvent('page'),
      frame.getByRole('link', { name: 'Open the BRI app' }).click(),
    ]);
    await issuerApp.getByRole('heading', { name: 'Confirm this payment?' }).waitFor();
    await issuerApp.getByRole('button', { name: 'Approve' }).click();
    await issuerApp.getByRole('heading', { name: 'Payment approved' }).waitFor();

    // The waiting page reloads itself and lands on callback_url, inside the frame.
    await frame.getByRole('heading', { name: 'Thank you for your order' }).waitFor({ timeout: 15_000 });
    await context.close();

    const l = await ledger();
    const session = l.checkout.sessions.find((s) => s.invoiceNumber === 'WEB-CO-KKI-1');
    expect(session).toMatchObject({ state: 'completed', channel: 'kki', orderStatus: 'SUCCESS' });
    const note = merchant.notifications.find(
      (n) => (n.body.order as { invoice_number: string }).invoice_number === 'WEB-CO-KKI-1',
    );
    expect(note?.valid).toBe(true);
    expect(note?.body).toMatchObject({
      transaction: { status: 'SUCCESS' },
      channel: { id: 'KARTU_KREDIT_INDONESIA' },
    });
  });

  it('pays by card in a popup, saves it, and offers it again on a full-page Checkout', async () => {
    const url = await create('WEB-CO-CARD-1');
    const context = await browser.newContext({ viewport: { width: 480, height: 900 } });
    const shop = await context.newPage();
    await shop.goto(`${merchant.url}/popup?src=${encodeURIComponent(url)}`);
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      shop.getByRole('button', { name: 'Pay' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Pay with card' }).click();
    await popup.getByLabel('Card number').fill(testCard('visa-approve').number);
    await popup.getByLabel('Expiry date').fill('12/39');
    await popup.getByLabel('CVV').fill('123');
    await popup.getByLabel('Name on card').fill('Dewi Lestari');
    await popup.getByLabel('Save this card for my next payment').check();
    await Promise.all([
      popup.waitForURL(`${merchant.url}/pay/ok`),
      popup.getByRole('button', { name: 'Pay IDR 150,000' }).click(),
    ]);

    // The next Checkout of the same customer, as a full-page redirect: the saved card is offered.
    const next = await create('WEB-CO-CARD-2');
    const page = await context.newPage();
    await page.goto(next);
    await page.getByText('Saved card: VISA 411111******1111').waitFor();
    await page.getByRole('button', { name: 'Pay with card' }).click();
    await expect(page.getByLabel(/Saved card/).isChecked()).resolves.toBe(true);
    // The saved card asks for its own CVV; the new-card fields are hidden.
    await page.locator('#saved-cvv').fill('123');
    await Promise.all([
      page.waitForURL(`${merchant.url}/pay/ok`),
      page.getByRole('button', { name: 'Pay IDR 150,000' }).click(),
    ]);
    await context.close();

    const orders = (await ledger()).cards as {
      orders: Array<{ invoiceNumber: string; status: string; tokenEnding: string | null }>;
    };
    const first = orders.orders.find((o) => o.invoiceNumber === 'WEB-CO-CARD-1');
    const second = orders.orders.find((o) => o.invoiceNumber === 'WEB-CO-CARD-2');
    expect(first?.status).toBe('SUCCESS');
    expect(second).toMatchObject({ status: 'SUCCESS', tokenEnding: first?.tokenEnding });
  });

  it('cancels back to callback_url_cancel, and refuses to render inside a stranger site', async () => {
    const url = await create('WEB-CO-CANCEL-1');
    const page = await browser.newPage();
    await page.goto(url);
    await Promise.all([
      page.waitForURL(`${merchant.url}/pay/cancelled`),
      page.getByRole('button', { name: 'Cancel and return to the merchant' }).click(),
    ]);

    const other = await create('WEB-CO-FRAME-1');
    const blocked = new Promise<boolean>((resolve) => {
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) resolve(true);
      });
    });
    await page.goto(`${stranger.url}/checkout?src=${encodeURIComponent(other)}`);
    await expect(blocked).resolves.toBe(true);
    await expect(page.frameLocator('iframe').locator('#cpan').count()).resolves.toBe(0);
    await page.close();
  });
});
