// The KKI hosted pages in a real browser: a DH binding completed on the OTP page (after a wrong
// code), then a payment approved on the issuer-app page (which refuses to render in any frame, the
// merchant's included), and the ledger and the signed notifications that follow.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDokuClient, OFFLINE_PAGE_LANGUAGE_PARAM, verifySnapAsymmetric } from '@kki-kit/doku';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxLedger } from '../../src/ledger.js';
import { type SandboxServer, startSandboxServer } from '../../src/server.js';
import { SANDBOX_DOKU_PUBLIC_KEY, SANDBOX_MERCHANT_PRIVATE_KEY } from '../../src/test-keys.js';
import { KKI_TEST_OTP, kkiTestCpan } from '../../src/test-values/kki.js';
import { launchChromium } from './site.js';

interface Merchant {
  url: string;
  notifications: Array<{ body: Record<string, unknown>; valid: boolean }>;
  close(): Promise<void>;
}

/** A merchant site on a real port: result pages, a page framing a URL, and the notification endpoint. */
async function startMerchant(): Promise<Merchant> {
  const notifications: Merchant['notifications'] = [];
  const app = new Hono();
  app.get('/bind/ok', (c) => c.html('<h1>Card saved</h1>'));
  app.get('/bind/failed', (c) => c.html('<h1>Card not saved</h1>'));
  app.get('/pay/ok', (c) => c.html('<h1>Thank you for your order</h1>'));
  app.get('/pay/failed', (c) => c.html('<h1>Payment failed</h1>'));
  app.get('/checkout', (c) => {
    const src = c.req.query('src') ?? '';
    return c.html(
      `<!doctype html><title>Checkout</title><h1>Checkout</h1><iframe title="Confirm payment" src="${src.replace(/"/g, '&quot;')}" width="420" height="640"></iframe>`,
    );
  });
  app.post('/v1.0/debit/notify', async (c) => {
    const raw = await c.req.text();
    const valid = await verifySnapAsymmetric({
      method: 'POST',
      path: '/v1.0/debit/notify',
      body: raw,
      timestamp: c.req.header('X-TIMESTAMP') ?? '',
      signature: c.req.header('X-SIGNATURE') ?? '',
      publicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
    });
    notifications.push({ body: JSON.parse(raw) as Record<string, unknown>, valid });
    return c.json({ responseCode: '2005600', responseMessage: 'Request has been processed successfully' });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

describe('KKI hosted pages in Chromium', () => {
  let browser: Browser;
  let sandbox: SandboxServer;
  let merchant: Merchant;

  beforeAll(async () => {
    merchant = await startMerchant();
    sandbox = await startSandboxServer({
      control: true,
      merchantName: 'Toko Kopi Nusantara',
      snapNotificationUrl: `${merchant.url}/v1.0/debit/notify`,
      snapNotificationMode: 'rsa',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await merchant?.close();
  });

  it('binds a card through the OTP page, then pays with it through the issuer app (never framed)', async () => {
    const client = createDokuClient({
      baseUrl: sandbox.url,
      clientId: sandbox.sandbox.config.clientId,
      secretKey: sandbox.sandbox.config.secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      retries: 0,
    });

    // 1. DH binding: DOKU answers with the OTP page URL.
    const bind = await client.bindCard({
      card: { cpan: kkiTestCpan('mandiri') },
      custIdMerchant: 'SHOPPER01',
      partnerReferenceNo: 'BIND-BROWSER-1',
      additionalInfo: {
        customerName: 'Dewi Lestari',
        successRegistrationUrl: `${merchant.url}/bind/ok`,
        failedRegistrationUrl: `${merchant.url}/bind/failed`,
      },
    });
    const redirectUrl = bind.data.redirectUrl as string;
    expect(redirectUrl.startsWith(`${sandbox.url}/kki/otp/`)).toBe(true);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(redirectUrl);
    await expect(page.title()).resolves.toBe('Verify your card');
    const otp = page.getByLabel('One-time code (OTP)');
    await otp.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('2 attempts left');
    await page.getByLabel('One-time code (OTP)').fill(KKI_TEST_OTP.correct);
    await Promise.all([
      page.waitForURL(`${merchant.url}/bind/ok`),
      page.getByRole('button', { name: 'Verify' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Card saved');

    await fetch(`${sandbox.url}/__sandbox/idle`, { method: 'POST' });
    const bound = merchant.notifications.find(
      (n) => (n.body.additionalInfo as { serviceCode?: string }).serviceCode === '01',
    );
    expect(bound?.valid).toBe(true);
    const token = bound?.body.bankCardToken as string;
    expect(token).toBeTruthy();

    // 2. Payment with the token: the customer confirms in the "issuer app".
    const pay = await client.kkiPayment({
      type: 'token',
      partnerReferenceNo: 'ORDER-BROWSER-1',
      amount: { value: '185000.00', currency: 'IDR' },
      bankCardToken: token,
      additionalInfo: {
        successPaymentUrl: `${merchant.url}/pay/ok`,
        failedPaymentUrl: `${merchant.url}/pay/failed`,
      },
    });
    const webRedirectUrl = (pay.data as { webRedirectUrl?: string }).webRedirectUrl as string;
    expect(webRedirectUrl.startsWith(`${sandbox.url}/kki/issuer-app/`)).toBe(true);

    // In a frame, even the merchant's, the page refuses to render (no clickjacking of Approve).
    const refused = page.waitForEvent('console', {
      predicate: (m) => /frame-ancestors 'none'/.test(m.text()),
      timeout: 10_000,
    });
    await page.goto(`${merchant.url}/checkout?src=${encodeURIComponent(webRedirectUrl)}`);
    await refused;
    await expect(
      page.frameLocator('iframe[title="Confirm payment"]').getByRole('button', { name: 'Approve' }).count(),
    ).resolves.toBe(0);

    // The merchant sends the customer to it instead.
    // In the shop's language when the URL carries it (the BFF puts it there offline), else English.
    const inIndonesian = new URL(webRedirectUrl);
    inIndonesian.searchParams.set(OFFLINE_PAGE_LANGUAGE_PARAM, 'id');
    await page.goto(inIndonesian.href);
    await expect(page.locator('.amount').textContent()).resolves.toBe('Rp 185.000');
    await page.goto(webRedirectUrl);
    await expect(page.locator('.amount').textContent()).resolves.toBe('IDR 185,000');
    await expect(page.getByText('Toko Kopi Nusantara').count()).resolves.toBe(1);
    await Promise.all([
      page.waitForURL(`${merchant.url}/pay/ok`),
      page.getByRole('button', { name: 'Approve' }).click(),
    ]);
    await page.close();

    // 3. The sandbox's truth.
    await fetch(`${sandbox.url}/__sandbox/idle`, { method: 'POST' });
    const ledger = (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as SandboxLedger;
    expect(ledger.bindings).toMatchObject([
      {
        partnerReferenceNo: 'BIND-BROWSER-1',
        status: 'SUCCESS',
        channel: 'DH',
        issuer: 'Mandiri',
        custIdMerchant: 'SHOPPER01',
      },
    ]);
    expect(ledger.payments).toMatchObject([
      {
        partnerReferenceNo: 'ORDER-BROWSER-1',
        kind: 'token',
        amount: 185000,
        status: 'SUCCESS',
        responseCode: '2005400',
      },
    ]);
    expect(ledger.notifications.map((n) => [n.topic, n.status])).toEqual([
      ['kki.binding', 200],
      ['kki.payment', 200],
    ]);
    const paid = merchant.notifications.find((n) => n.body.originalPartnerReferenceNo === 'ORDER-BROWSER-1');
    expect(paid?.valid).toBe(true);
    expect(paid?.body.latestTransactionStatus).toBe('00');
    expect(JSON.stringify(ledger)).not.toContain(token);
  });

  it('declining in the issuer app sends the customer to the failure URL', async () => {
    const client = createDokuClient({
      baseUrl: sandbox.url,
      clientId: sandbox.sandbox.config.clientId,
      secretKey: sandbox.sandbox.config.secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      retries: 0,
    });
    const pay = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo: 'ORDER-BROWSER-2',
      amount: { value: '42000.00', currency: 'IDR' },
      card: { cpan: kkiTestCpan('bri', undefined, 2), ott: '135790' },
      additionalInfo: {
        successPaymentUrl: `${merchant.url}/pay/ok`,
        failedPaymentUrl: `${merchant.url}/pay/failed`,
      },
    });
    const page = await browser.newPage();
    await page.goto((pay.data as { webRedirectUrl?: string }).webRedirectUrl as string);
    await Promise.all([
      page.waitForURL(`${merchant.url}/pay/failed`),
      page.getByRole('button', { name: 'Decline' }).click(),
    ]);
    await page.close();
    const ledger = (await (await fetch(`${sandbox.url}/__sandbox/ledger`)).json()) as SandboxLedger;
    expect(ledger.payments.find((p) => p.partnerReferenceNo === 'ORDER-BROWSER-2')).toMatchObject({
      status: 'FAILED',
      responseCode: '4035405',
    });
  });
});
