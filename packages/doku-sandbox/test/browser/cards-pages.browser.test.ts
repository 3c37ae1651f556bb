// The hosted Cards pages in a real browser: a card payment typed into the form at the top level, a
// 3-D Secure payment inside the merchant's iframe (served from another port) that lands on the
// merchant's callback_url, a declined installment in the frame, the promo note in Indonesian, and a
// site that is not the merchant's refused by frame-ancestors. Then the ledger and the notifications.
import { createDokuClient, type DokuClient, type PaymentPageRequest } from '@kki-kit/doku';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxLedger } from '../../src/ledger.js';
import type { CardsLedger } from '../../src/cards/ledger.js';
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '../../src/config.js';
import { type SandboxServer, startSandboxServer } from '../../src/server.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../../src/test-keys.js';
import { testCard, THREE_DS_OTP } from '../../src/test-values/cards.js';
import { launchChromium, type Site, startSite } from './site.js';

async function fillCard(target: Page | ReturnType<Page['frameLocator']>, number: string, cvv = '123') {
  await target.getByLabel('Card number').fill(number);
  await target.getByLabel('Expiry date').fill('12/39');
  await target.getByLabel('CVV').fill(cvv);
  await target.getByLabel('Name on card').fill('Dewi Lestari');
}

describe('Cards hosted pages in Chromium', () => {
  let browser: Browser;
  let sandbox: SandboxServer;
  let merchant: Site;
  let stranger: Site;
  let client: DokuClient;

  const order = (
    invoice: string,
    patch: Partial<PaymentPageRequest['order']> = {},
  ): PaymentPageRequest['order'] => ({
    invoice_number: invoice,
    amount: 150000,
    line_items: [{ name: 'Kopi Gayo 250 g', price: 75000, quantity: 2 }],
    callback_url: `${merchant.url}/pay/ok`,
    failed_url: `${merchant.url}/pay/failed`,
    auto_redirect: false,
    ...patch,
  });
  const customer = { id: 'SHOPPER01', name: 'Dewi Lestari', email: 'dewi@example.com' };

  async function ledger(): Promise<SandboxLedger & { cards: CardsLedger }> {
    await fetch(`${sandbox.url}/__sandbox/idle`, { method: 'POST' });
    return (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as SandboxLedger & {
      cards: CardsLedger;
    };
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
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await merchant?.close();
    await stranger?.close();
  });

  it('pays with a card typed into the page, then returns to the merchant', async () => {
    const res = await client.createPaymentPage({
      order: order('WEB-CARD-1'),
      customer,
      payment: { type: 'SALE' },
    });
    const url = res.data.credit_card_payment_page.url;
    expect(url.startsWith(`${sandbox.url}/wt-frontend-transaction/dynamic-payment-page?`)).toBe(true);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url);
    await expect(page.title()).resolves.toBe('Card payment');
    // A wrong number is refused on the page, and the number is not shown again.
    await fillCard(page, '4111111111111112');
    await page.getByRole('button', { name: 'Pay IDR 150,000' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Please check the highlighted fields.',
    );
    await expect(page.getByLabel('Card number').inputValue()).resolves.toBe('');

    await fillCard(page, testCard('visa-approve').number);
    await page.getByLabel('Save this card for my next payment').check();
    await page.getByRole('button', { name: 'Pay IDR 150,000' }).click();
    await page.getByRole('heading', { name: 'Payment successful' }).waitFor();
    await expect(page.getByText('VISA 411111******1111').count()).resolves.toBe(1);
    await Promise.all([
      page.waitForURL(`${merchant.url}/pay/ok`),
      page.getByRole('link', { name: 'Return to merchant' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you for your order');
    await page.close();

    const l = await ledger();
    const o = l.cards.orders.find((x) => x.invoiceNumber === 'WEB-CARD-1');
    expect(o).toMatchObject({
      status: 'SUCCESS',
      type: 'SALE',
      amount: 150000,
      card: { masked: '411111******1111', brand: 'VISA' },
      threeDs: false,
    });
    expect(o?.tokenEnding).toMatch(/^[0-9a-f]{4}$/);
    expect(l.cards.savedCards.map((c) => c.masked)).toContain('411111******1111');
    const note = merchant.notifications.find(
      (n) => (n.body.order as { invoice_number: string }).invoice_number === 'WEB-CARD-1',
    );
    expect(note?.valid).toBe(true);
    expect(note?.body.transaction).toMatchObject({ type: 'SALE', status: 'SUCCESS' });
    expect(JSON.stringify(l)).not.toContain(testCard('visa-approve').number);
  });

  it('pays with a 3-D Secure card inside the merchant iframe and lands on callback_url in the frame', async () => {
    const res = await client.createPaymentPage({
      order: order('WEB-3DS-1', { auto_redirect: true }),
      customer,
      payment: { type: 'SALE' },
    });
    const url = res.data.credit_card_payment_page.url;
    const page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await page.goto(`${merchant.url}/checkout?src=${encodeURIComponent(url)}`);
    const frame = page.frameLocator('iframe[title="Card payment"]');
    await fillCard(frame, testCard('visa-3ds').number);
    await frame.getByRole('button', { name: 'Pay IDR 150,000' }).click();

    // The issuer's OTP step, still in the frame.
    await frame.getByRole('heading', { name: '3-D Secure verification' }).waitFor();
    await expect(frame.getByText('Toko Kopi Nusantara').count()).resolves.toBe(1);
    await frame.getByLabel('One-time password (OTP)').fill('111111');
    await frame.getByRole('button', { name: 'Confirm' }).click();
    await frame.getByRole('alert').waitFor();
    await expect(frame.getByRole('alert').textContent()).resolves.toContain('2 attempts left');
    await frame.getByLabel('One-time password (OTP)').fill(THREE_DS_OTP);
    await frame.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.frames().some((f) => f.url() === `${merchant.url}/pay/ok`), { timeout: 10_000 })
      .toBe(true);
    await expect(frame.locator('h1').textContent()).resolves.toBe('Thank you for your order');
    // The merchant's own page stayed where it was.
    expect(page.url()).toContain(`${merchant.url}/checkout`);
    await page.close();

    const l = await ledger();
    expect(l.cards.orders.find((x) => x.invoiceNumber === 'WEB-3DS-1')).toMatchObject({
      status: 'SUCCESS',
      threeDs: true,
      card: { masked: '461700******0015', brand: 'VISA' },
      responseCode: '00',
    });
    const note = merchant.notifications.find(
      (n) => (n.body.order as { invoice_number: string }).invoice_number === 'WEB-3DS-1',
    );
    expect(note?.valid).toBe(true);
  });

  it('a declined installment in the frame goes to failed_url', async () => {
    const res = await client.createPaymentPage({
      order: order('WEB-INST-1', {
        amount: 1_200_000,
        line_items: [{ name: 'Mesin espresso', price: 1_200_000, quantity: 1 }],
        auto_redirect: true,
      }),
      customer,
      payment: { type: 'INSTALLMENT', acquirer: 'DANAMON', tenor: 6 },
    });
    const page = await browser.newPage();
    await page.goto(
      `${merchant.url}/checkout?src=${encodeURIComponent(res.data.credit_card_payment_page.url)}`,
    );
    const frame = page.frameLocator('iframe[title="Card payment"]');
    // The plan the shop chose (6 months) is shown fixed, with the bank's name and each month's amount.
    await expect(frame.locator('#tenor').textContent()).resolves.toBe('Danamon: 6 × IDR 200,000/month');
    await expect(frame.getByRole('combobox').count()).resolves.toBe(0);
    await fillCard(frame, testCard('master-suspected-fraud').number);
    await frame.getByRole('button', { name: 'Pay IDR 1,200,000' }).click();
    await expect
      .poll(() => page.frames().some((f) => f.url() === `${merchant.url}/pay/failed`), { timeout: 10_000 })
      .toBe(true);
    await page.close();
    const l = await ledger();
    expect(l.cards.orders.find((x) => x.invoiceNumber === 'WEB-INST-1')).toMatchObject({
      status: 'FAILED',
      responseCode: '59',
      installment: { tenor: 6, kind: 'OFF_US', acquirer: 'DANAMON' },
    });
  });

  it('shows the promo note in Indonesian as the customer types a promo BIN', async () => {
    const res = await client.createPaymentPage({
      order: order('WEB-PROMO-1'),
      customer,
      override_configuration: {
        themes: { language: 'ID', button_background_color: '0B6B3A' },
        promo: [{ bin: '557338', discount_amount: 25000 }],
      },
    });
    const page = await browser.newPage();
    await page.goto(
      `${merchant.url}/checkout?src=${encodeURIComponent(res.data.credit_card_payment_page.url)}`,
    );
    const frame = page.frameLocator('iframe[title="Card payment"]');
    await frame.getByLabel('Nomor kartu').fill(testCard('master-approve').number);
    await expect(frame.locator('#promo-note').textContent()).resolves.toBe(
      'Promo untuk kartu ini: potongan Rp 25.000. Anda membayar Rp 125.000.',
    );
    await expect(frame.locator('#pay').textContent()).resolves.toBe('Bayar Rp 125.000');
    await frame.getByLabel('Nomor kartu').fill(testCard('visa-approve').number);
    await expect(frame.locator('#promo-note').isHidden()).resolves.toBe(true);
    await frame.getByLabel('Nomor kartu').fill(testCard('master-approve').number);
    await frame.getByLabel('Masa berlaku').fill('12/39');
    await frame.getByLabel('CVV').fill('123');
    await frame.getByLabel('Nama pada kartu').fill('Dewi Lestari');
    await frame.getByRole('button', { name: 'Bayar Rp 125.000' }).click();
    await frame.getByRole('heading', { name: 'Pembayaran berhasil' }).waitFor();
    await page.close();
    const l = await ledger();
    expect(l.cards.orders.find((x) => x.invoiceNumber === 'WEB-PROMO-1')).toMatchObject({
      status: 'SUCCESS',
      amount: 125000,
      promo: { bin: '557338', discountAmount: 25000 },
    });
  });

  it("refuses to render inside a site that is not the merchant's (frame-ancestors)", async () => {
    const res = await client.createPaymentPage({ order: order('WEB-FRAME-1'), customer });
    const page = await browser.newPage();
    const blocked = new Promise<boolean>((resolve) => {
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) resolve(true);
      });
      setTimeout(() => resolve(false), 5_000);
    });
    await page.goto(
      `${stranger.url}/checkout?src=${encodeURIComponent(res.data.credit_card_payment_page.url)}`,
    );
    await expect(blocked).resolves.toBe(true);
    await expect(page.frameLocator('iframe').locator('#card-number').count()).resolves.toBe(0);
    await page.close();
  });
});
