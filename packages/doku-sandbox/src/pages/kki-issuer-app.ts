// The "issuer app" confirmation page behind a KKI payment's `webRedirectUrl` (seed 000: KKI needs
// "Confirmation on Issuer's App"). Stands in for the bank's app: shows the merchant, amount and card,
// with Approve and Decline. Either ends the payment, notifies the merchant and sends the customer to
// the merchant's success or failure URL.
import { formatIdr, formatSnapResponseCode } from '@kki-kit/contract';
import { SNAP_SERVICE_CODES } from '@kki-kit/doku';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { KkiDeps } from '../snap/kki-state.js';
import { approvePayment, declinePayment, markPaying } from '../snap/payment.js';
import type { Payment } from '../snap/store.js';
import { type KkiPageCopy, kkiPageCopy } from './kki-copy.js';
import { finishPage, type Html, PAGE_HEADERS, renderPage, renderResult } from './kki-layout.js';

function page(t: KkiPageCopy, deps: KkiDeps, p: Payment): Html {
  return renderPage({
    lang: t.htmlLang,
    title: t.confirmTitle(p.card.issuerName),
    body: html`<div class="card">
<header class="brand"><span class="badge">${p.card.issuerName}</span> ${t.mobileBanking}</header>
<h1>${t.confirmQuestion}</h1>
<p class="amount">${formatIdr(p.amount, t.htmlLang)}</p>
<dl>
<dt>${t.merchant}</dt><dd>${deps.ctx.config.merchantName}</dd>
<dt>${t.card}</dt><dd>${p.card.masked}</dd>
<dt>${t.type}</dt><dd>${t.kinds[p.kind]}</dd>
<dt>${t.reference}</dt><dd>${p.partnerReferenceNo}</dd>
</dl>
<form method="post">
<div class="actions">
<button type="submit" class="primary" name="action" value="approve">${t.approve}</button>
<button type="submit" class="secondary" name="action" value="decline">${t.decline}</button>
</div>
</form>
<p class="hint">${t.issuerHint}</p>
</div>`,
  });
}

// 403-12 (OTT expired) and 403-00 (Transaction Expired) mean the confirmation window closed.
const EXPIRED_CODES = new Set(
  ['12', '00'].map((c) => formatSnapResponseCode(403, SNAP_SERVICE_CODES.payment, c)),
);

function ended(t: KkiPageCopy, p: Payment) {
  if (p.status === 'SUCCESS') return { copy: t, ...t.approved, ok: true };
  if (EXPIRED_CODES.has(p.responseCode)) return { copy: t, ...t.expired, ok: false };
  return { copy: t, ...t.declined, ok: false };
}

/** Routes of the issuer-app page: `GET|POST /kki/issuer-app/:session`. */
export function kkiIssuerAppPage(deps: KkiDeps): Hono {
  const app = new Hono();
  const notFound = (t: KkiPageCopy) =>
    renderResult({ copy: t, title: t.linkNotValid, message: t.paymentLinkNotValid, ok: false });

  app.get('/kki/issuer-app/:session', (c) => {
    const t = kkiPageCopy(c);
    const p = deps.store.paymentByConfirmSession(c.req.param('session'));
    if (!p) return c.html(notFound(t), 404, PAGE_HEADERS);
    markPaying(deps, p);
    if (p.status === 'PENDING' || p.status === 'PAYING') return c.html(page(t, deps, p), 200, PAGE_HEADERS);
    const r = ended(t, p);
    return c.html(renderResult({ ...r, backUrl: r.ok ? p.successUrl : p.failedUrl }), 200, PAGE_HEADERS);
  });

  app.post('/kki/issuer-app/:session', async (c) => {
    const t = kkiPageCopy(c);
    const p = deps.store.paymentByConfirmSession(c.req.param('session'));
    if (!p) return c.html(notFound(t), 404, PAGE_HEADERS);
    const body = await c.req.parseBody();
    if (body.action === 'approve') approvePayment(deps, p);
    else if (body.action === 'decline') declinePayment(deps, p);
    else return c.html(page(t, deps, p), 400, PAGE_HEADERS);
    const r = ended(t, p);
    const next = finishPage(r.ok ? p.successUrl : p.failedUrl, r);
    return 'redirect' in next ? c.redirect(next.redirect, 303) : c.html(next.html, 200, PAGE_HEADERS);
  });

  return app;
}
