// The sandbox's hosted pages against the findings of an outside test (issue 11): the KKI OTP and
// issuer-app pages cannot be framed, only http(s) merchant URLs are accepted and followed, a
// merchant URL cannot add a directive to the card page's CSP, and the pages are rendered with
// hono/html (escaping by default).
import { SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { kkiPageCopyIn } from '../src/pages/kki-copy.js';
import { finishPage, renderResult } from '../src/pages/kki-layout.js';
import { kkiTestCpan } from '../src/test-values/kki.js';
import { pageRequest, setupCards } from './cards-support.js';
import { bindBody, setup, singlePaymentBody } from './kki-support.js';

const CARD_PAGE_DIRECTIVES = [
  'default-src',
  'style-src',
  'script-src',
  'img-src',
  'form-action',
  'frame-ancestors',
  'base-uri',
];

function expectNotFramable(res: Response) {
  expect(res.headers.get('X-Frame-Options')).toBe('DENY');
  expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
}

describe('KKI hosted pages', () => {
  it('the OTP page may not be framed by any site', async () => {
    const { sb, raw } = setup();
    const bind = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bri')));
    expect(bind.status).toBe(200);
    const page = await sb.app.request(String(bind.body.redirectUrl));
    expect(page.status).toBe(200);
    expectNotFramable(page);
    // The "link not valid" page too.
    expectNotFramable(await sb.app.request('http://doku.sandbox.test/kki/otp/unknown'));
  });

  it('the issuer-app page may not be framed by any site', async () => {
    const { sb, raw } = setup();
    const pay = await raw.call(SNAP_PATHS.payment, await singlePaymentBody(kkiTestCpan('mandiri')));
    expect(pay.status).toBe(200);
    const page = await sb.app.request(String(pay.body.webRedirectUrl));
    expect(page.status).toBe(200);
    expectNotFramable(page);
  });

  it('refuses a javascript: registration URL when the binding is requested, and starts nothing', async () => {
    const { sb, raw } = setup();
    const body = await bindBody(kkiTestCpan('bri'));
    body.additionalInfo.successRegistrationUrl = 'javascript:alert(document.cookie)';
    const res = await raw.call(SNAP_PATHS.cardBind, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: '4000101',
      responseMessage: 'Invalid Field Format additionalInfo.successRegistrationUrl',
    });
    expect(sb.ledger().bindings).toEqual([]);
  });

  it('refuses a javascript: payment URL when the payment is requested, and charges nothing', async () => {
    const { sb, raw } = setup();
    const body = await singlePaymentBody(kkiTestCpan('mandiri'));
    body.additionalInfo.failedPaymentUrl = 'JavaScript:alert(1)';
    const res = await raw.call(SNAP_PATHS.payment, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: '4005401',
      responseMessage: 'Invalid Field Format additionalInfo.failedPaymentUrl',
    });
    expect(sb.ledger().payments).toEqual([]);
  });

  it('never redirects to nor links a non-http(s) URL, whatever reaches the page', async () => {
    const result = { copy: kkiPageCopyIn('en'), title: 'Done', message: 'Finished.', ok: true };
    const next = finishPage('javascript:alert(1)', result);
    expect('redirect' in next).toBe(false);
    const page = String(await renderResult({ ...result, backUrl: 'javascript:alert(1)' }));
    expect(page).not.toContain('javascript:');
    expect(finishPage('https://merchant.test/ok', result)).toEqual({ redirect: 'https://merchant.test/ok' });
  });
});

describe('the card page', () => {
  it("a ';' in callback_url adds no directive to the card page's CSP", async () => {
    const s = setupCards();
    const req = pageRequest();
    req.order.callback_url = 'https://merchant.test;script-src-elem;report-uri/x';
    const { url } = await s.createPage(req);
    const res = await s.sandboxFetch(url.toString());
    expect(res.status).toBe(200);
    const csp = res.headers.get('Content-Security-Policy') as string;
    const directives = csp.split(';').map((d) => d.trim().split(/\s+/)[0]);
    expect(directives).toEqual(CARD_PAGE_DIRECTIVES);
    expect(csp).not.toContain('report-uri');
    // The merchant's other (well-formed) URL still frames the page.
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/merchant\.test(;| )/);
  });

  it('is rendered with hono/html: merchant text is escaped, the document is an escaped HTML value', async () => {
    const s = setupCards();
    const req = pageRequest();
    req.order.line_items = [{ name: '<img src=x onerror=alert(1)>"', price: 90000, quantity: 1 }];
    const { url } = await s.createPage(req);
    const res = await s.sandboxFetch(url.toString());
    const text = await res.text();
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;');
    const page = renderResult({ copy: kkiPageCopyIn('id'), title: '<b>', message: 'm', ok: true });
    expect((page as { isEscaped?: boolean }).isEscaped).toBe(true);
    expect(String(page)).toContain('<title>&lt;b&gt;</title>');
  });
});
