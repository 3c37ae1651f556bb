// The hosted card pages over HTTP (no browser): what they show, their headers for iframes, the form
// post, and the redirects to the merchant.
import { describe, expect, it } from 'vitest';
import { CARD_PAY_PATH } from '../src/cards/index.js';
import { testCard, THREE_DS_OTP } from '../src/test-values/cards.js';
import { EXPIRY, pageRequest, setupCards } from './cards-support.js';

type Setup = ReturnType<typeof setupCards>;

function postForm(s: Setup, path: string, fields: Record<string, string>) {
  return s.sandboxFetch(`http://sandbox.test${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

const card = (ref: string, number: string, extra: Record<string, string> = {}) => ({
  requestId: ref,
  card_number: number,
  expiry: EXPIRY,
  cvv: '123',
  name: 'Jotaro Kujo',
  ...extra,
});

describe('the card form page', () => {
  it('shows the order, the form fields with labels, and may be framed by the merchant', async () => {
    const s = setupCards();
    const { url, req } = await s.createPage();
    const res = await s.sandboxFetch(url.toString());
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Frame-Options')).toBeNull();
    const csp = res.headers.get('Content-Security-Policy') as string;
    expect(csp).toMatch(/frame-ancestors 'self'[^;]*https:\/\/merchant\.test/);
    expect(csp).toMatch(/form-action 'self' https:\/\/merchant\.test/);
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain(req.order.invoice_number);
    expect(html).toContain('IDR 90,000');
    for (const [id, label] of [
      ['card-number', 'Card number'],
      ['card-expiry', 'Expiry date'],
      ['card-cvv', 'CVV'],
      ['card-name', 'Name on card'],
    ]) {
      expect(html).toContain(`<label for="${id}">${label}</label>`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<(link|img|script)[^>]+(src|href)="https?:/);
    expect(html).toContain('T-Shirt Red');
  });

  it('speaks Indonesian and uses the theme colours when asked', async () => {
    const s = setupCards();
    const { url } = await s.createPage(
      pageRequest({
        override_configuration: {
          themes: {
            language: 'ID',
            background_color: '102030',
            font_color: 'FAFAFA',
            button_background_color: '00AA55',
            button_font_color: '000000',
          },
        },
      }),
    );
    const html = await (await s.sandboxFetch(url.toString())).text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Nomor kartu');
    expect(html).toContain('Rp 90.000');
    expect(html).toContain('--bg:#102030');
    expect(html).toContain('--fg:#FAFAFA');
    expect(html).toContain('--btn:#00AA55');
    expect(html).toContain('--btn-fg:#000000');
  });

  it('shows the plan the request chose, fixed, with its bank and monthly amount (no menu)', async () => {
    const s = setupCards();
    const amount = 1_500_000;
    const { url } = await s.createPage(
      pageRequest({
        order: { ...pageRequest().order, amount, line_items: [{ name: 'Sofa', price: amount, quantity: 1 }] },
        payment: { type: 'INSTALLMENT', acquirer: 'BANK_CIMB', tenor: 3 },
        override_configuration: { themes: { language: 'ID' } },
      }),
    );
    const html = await (await s.sandboxFetch(url.toString())).text();
    // formatIdr's Indonesian form puts a no-break space after Rp.
    expect(html).toMatch(/<p class="plan" id="tenor">CIMB Niaga: 3 × Rp\s500\.000\/bulan<\/p>/);
    expect(html).toContain('<input type="hidden" name="tenor" value="3">');
    expect(html).not.toContain('<select name="tenor"');
  });

  it('offers pay in full beside the chosen tenor when allow_tenor has 0, and the disclaimer checkbox', async () => {
    const s = setupCards();
    const amount = 1_500_000;
    const { url } = await s.createPage(
      pageRequest({
        order: { ...pageRequest().order, amount, line_items: [{ name: 'Sofa', price: amount, quantity: 1 }] },
        payment: { type: 'INSTALLMENT', acquirer: 'BCA', tenor: 6 },
        override_configuration: { allow_tenor: [0, 3, 6] },
        additional_info: { disclaimer: { en: 'I agree to the installment terms', id: 'Saya setuju' } },
      }),
    );
    const html = await (await s.sandboxFetch(url.toString())).text();
    expect(html).toContain('<label for="tenor">Installment plan</label>');
    expect(html).toContain('<option value="0">Pay in full</option>');
    expect(html).toContain('<option value="6" selected>BCA: 6 × IDR 250,000/month</option>');
    expect(html).not.toContain('value="3"');
    expect(html).not.toContain('value="12"');
    expect(html).toContain('I agree to the installment terms');
  });

  it('carries the promo BINs for the live note', async () => {
    const s = setupCards();
    const { url } = await s.createPage(
      pageRequest({ override_configuration: { promo: [{ bin: '411111', discount_amount: 20000 }] } }),
    );
    const html = await (await s.sandboxFetch(url.toString())).text();
    expect(html).toContain('Promo for this card: IDR 20,000 off. You pay IDR 70,000.');
    expect(html).toContain('id="promo-note"');
  });

  it('refuses a link whose parameters were changed', async () => {
    const s = setupCards();
    const { url } = await s.createPage();
    for (const [k, v] of [
      ['signature', 'AAAA'],
      ['invoiceNumber', 'INV-OTHER'],
      ['clientId', 'MCH-0'],
      ['requestId', 'x'.repeat(20)],
    ] as const) {
      const changed = new URL(url);
      changed.searchParams.set(k, v);
      const res = await s.sandboxFetch(changed.toString());
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Payment page not found');
    }
  });
});

describe('posting the form', () => {
  it('re-renders errors without echoing the card number, expiry or CVV', async () => {
    const s = setupCards();
    const { ref } = await s.createPage();
    const res = await postForm(
      s,
      CARD_PAY_PATH,
      card(ref, '4111111111111112', { expiry: '01/20', cvv: '9' }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Enter a valid card number.');
    expect(html).toContain('This card has expired.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('4111111111111112');
    expect(html).not.toContain('01/20');
    expect(html).toContain('value="Jotaro Kujo"');
  });

  it('without auto_redirect: to the result page, which links back to the merchant outside the frame', async () => {
    const s = setupCards();
    const { ref } = await s.createPage();
    const res = await postForm(s, CARD_PAY_PATH, card(ref, testCard('visa-approve').number));
    expect(res.status).toBe(303);
    const location = res.headers.get('Location') as string;
    expect(location).toBe(`http://sandbox.test/wt-frontend-transaction/result/${ref}`);
    const html = await (await s.sandboxFetch(location)).text();
    expect(html).toContain('Payment successful');
    expect(html).toContain('href="https://merchant.test/success" target="_top"');
    expect(html).toContain('VISA 411111******1111');
  });

  it('with auto_redirect: straight to callback_url on success and failed_url on failure', async () => {
    const s = setupCards();
    const ok = await s.createPage(pageRequest({ order: { ...pageRequest().order, auto_redirect: true } }));
    const okRes = await postForm(s, CARD_PAY_PATH, card(ok.ref, testCard('visa-approve').number));
    expect(okRes.status).toBe(303);
    expect(okRes.headers.get('Location')).toBe('https://merchant.test/success');
    const ko = await s.createPage(pageRequest({ order: { ...pageRequest().order, auto_redirect: true } }));
    const koRes = await postForm(
      s,
      CARD_PAY_PATH,
      card(ko.ref, testCard('master-insufficient-funds').number),
    );
    expect(koRes.headers.get('Location')).toBe('https://merchant.test/failed');
    // Without failed_url a failure goes to callback_url (§7.1).
    const order = { ...pageRequest().order, auto_redirect: true };
    delete order.failed_url;
    const fallback = await s.createPage(pageRequest({ order }));
    const fbRes = await postForm(s, CARD_PAY_PATH, card(fallback.ref, testCard('visa-do-not-honor').number));
    expect(fbRes.headers.get('Location')).toBe('https://merchant.test/success');
  });

  it('a 3-D Secure card goes through the OTP page, then to the merchant', async () => {
    const s = setupCards();
    const { ref, url } = await s.createPage(
      pageRequest({ order: { ...pageRequest().order, auto_redirect: true } }),
    );
    const res = await postForm(s, CARD_PAY_PATH, card(ref, testCard('visa-3ds').number));
    expect(res.status).toBe(303);
    const otpUrl = res.headers.get('Location') as string;
    expect(otpUrl).toMatch(/^http:\/\/sandbox\.test\/wt-frontend-transaction\/3ds\/[A-Za-z0-9]{24}$/);
    const otpPath = new URL(otpUrl).pathname;
    const page = await s.sandboxFetch(otpUrl);
    const html = await page.text();
    expect(html).toContain('<label for="otp">One-time password (OTP)</label>');
    expect(html).toContain('Sandbox Merchant');
    // Opening the payment link again while the OTP is pending leads back to the OTP step.
    const reopen = await s.sandboxFetch(url.toString());
    expect(reopen.status).toBe(303);
    expect(reopen.headers.get('Location')).toBe(otpUrl);
    const done = await postForm(s, otpPath, { otp: THREE_DS_OTP, action: 'confirm' });
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('https://merchant.test/success');
  });

  it('keeps the form and its redirects under publicBaseUrl when the sandbox is mounted under a prefix', async () => {
    // The BFF's offline mode serves the sandbox under its own path; a root-relative action would 404.
    const s = setupCards({ publicBaseUrl: 'http://shop.test/api/kki/__doku' });
    const { ref, url } = await s.createPage();
    expect(url.toString()).toMatch(/^http:\/\/shop\.test\/api\/kki\/__doku\/wt-frontend-transaction\//);
    // The mount is the merchant's; here the sandbox is reached without the prefix.
    const unmounted = url.toString().replace('http://shop.test/api/kki/__doku', 'http://sandbox.test');
    const form = await (await s.sandboxFetch(unmounted)).text();
    expect(form).toContain(`action="http://shop.test/api/kki/__doku${CARD_PAY_PATH}"`);
    const res = await postForm(s, CARD_PAY_PATH, card(ref, testCard('visa-3ds').number));
    expect(res.headers.get('Location')).toMatch(
      /^http:\/\/shop\.test\/api\/kki\/__doku\/wt-frontend-transaction\/3ds\//,
    );
  });

  it('cancelling the 3-D Secure step fails the payment', async () => {
    const s = setupCards();
    const { ref, req } = await s.createPage();
    const res = await postForm(s, CARD_PAY_PATH, card(ref, testCard('master-3ds').number));
    const otpPath = new URL(res.headers.get('Location') as string).pathname;
    const cancelled = await postForm(s, otpPath, { action: 'cancel' });
    expect(cancelled.headers.get('Location')).toBe(
      `http://sandbox.test/wt-frontend-transaction/result/${ref}`,
    );
    expect((await s.status(req.order.invoice_number)).transaction.status).toBe('FAILED');
  });

  it('the link of a paid page shows its result; an expired one says so', async () => {
    const s = setupCards();
    const paid = await s.createPage();
    await postForm(s, CARD_PAY_PATH, card(paid.ref, testCard('visa-do-not-honor').number));
    const html = await (await s.sandboxFetch(paid.url.toString())).text();
    expect(html).toContain('Payment failed');
    expect(html).toContain('DO NOT HONOR');
    expect(html).toContain('href="https://merchant.test/failed"');

    const lapsed = await s.createPage();
    s.clock.advance(60 * 60_000);
    const res = await s.sandboxFetch(lapsed.url.toString());
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Payment page expired');
  });
});
