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
import { finishPage, type Html, PAGE_HEADERS, renderPage, renderResult } from './kki-layout.js';

const KIND_LABEL: Record<Payment['kind'], string> = {
  single: 'One-time payment',
  bind_and_pay: 'Payment, card saved for later',
  token: 'Payment with saved card',
  no_auth: 'Recurring payment',
};

function page(deps: KkiDeps, p: Payment): Html {
  return renderPage({
    title: `${p.card.issuerName}: confirm payment`,
    body: html`<div class="card">
<header class="brand"><span class="badge">${p.card.issuerName}</span> Mobile banking</header>
<h1>Confirm this payment?</h1>
<p class="amount">${formatIdr(p.amount, 'id')}</p>
<dl>
<dt>Merchant</dt><dd>${deps.ctx.config.merchantName}</dd>
<dt>Card</dt><dd>${p.card.masked}</dd>
<dt>Type</dt><dd>${KIND_LABEL[p.kind]}</dd>
<dt>Reference</dt><dd>${p.partnerReferenceNo}</dd>
</dl>
<form method="post">
<div class="actions">
<button type="submit" class="primary" name="action" value="approve">Approve</button>
<button type="submit" class="secondary" name="action" value="decline">Decline</button>
</div>
</form>
<p class="hint">Sandbox: this page stands in for the card issuer's app.</p>
</div>`,
  });
}

// 403-12 (OTT expired) and 403-00 (Transaction Expired) mean the confirmation window closed.
const EXPIRED_CODES = new Set(
  ['12', '00'].map((c) => formatSnapResponseCode(403, SNAP_SERVICE_CODES.payment, c)),
);

function ended(p: Payment): { title: string; message: string; ok: boolean } {
  if (p.status === 'SUCCESS')
    return { title: 'Payment approved', message: 'The payment was approved.', ok: true };
  if (EXPIRED_CODES.has(p.responseCode)) {
    return { title: 'Payment expired', message: 'The time to confirm this payment has run out.', ok: false };
  }
  return { title: 'Payment declined', message: 'The payment was not approved.', ok: false };
}

/** Routes of the issuer-app page: `GET|POST /kki/issuer-app/:session`. */
export function kkiIssuerAppPage(deps: KkiDeps): Hono {
  const app = new Hono();
  const notFound = () =>
    renderResult({ title: 'Link not valid', message: 'This payment link is not valid.', ok: false });

  app.get('/kki/issuer-app/:session', (c) => {
    const p = deps.store.paymentByConfirmSession(c.req.param('session'));
    if (!p) return c.html(notFound(), 404, PAGE_HEADERS);
    markPaying(deps, p);
    if (p.status === 'PENDING' || p.status === 'PAYING') return c.html(page(deps, p), 200, PAGE_HEADERS);
    const r = ended(p);
    return c.html(renderResult({ ...r, backUrl: r.ok ? p.successUrl : p.failedUrl }), 200, PAGE_HEADERS);
  });

  app.post('/kki/issuer-app/:session', async (c) => {
    const p = deps.store.paymentByConfirmSession(c.req.param('session'));
    if (!p) return c.html(notFound(), 404, PAGE_HEADERS);
    const body = await c.req.parseBody();
    if (body.action === 'approve') approvePayment(deps, p);
    else if (body.action === 'decline') declinePayment(deps, p);
    else return c.html(page(deps, p), 400, PAGE_HEADERS);
    const r = ended(p);
    const next = finishPage(r.ok ? p.successUrl : p.failedUrl, r);
    return 'redirect' in next ? c.redirect(next.redirect, 303) : c.html(next.html, 200, PAGE_HEADERS);
  });

  return app;
}
