// The end of the hosted Cards flow when the merchant did not ask for `auto_redirect`: the outcome and
// a link back to the merchant that leaves the iframe (target=_top). Also the expired / not-found page.
import { html } from 'hono/html';
import type { CardCopy } from './card-copy.js';
import { type CardTheme, cardDocument } from './card-layout.js';
import type { Html } from './kki-layout.js';
import { merchantTarget } from '../merchant-url.js';

/** What the result page shows. */
export interface CardResultView {
  copy: CardCopy;
  theme: CardTheme;
  nonce: string;
  outcome: 'success' | 'authorized' | 'failed';
  amountText: string;
  invoiceNumber: string;
  cardText: string | null;
  approvalCode: string | null;
  /** Decline reason (DOKU's response message), failed payments only. */
  reason: string | null;
  installmentMonths: number | null;
  /** Merchant `callback_url` / `failed_url`, or `null` when the merchant gave none. */
  backUrl: string | null;
}

/** Renders the payment result page. */
export function renderCardResult(v: CardResultView): Html {
  const c = v.copy;
  const title = v.outcome === 'success' ? c.success : v.outcome === 'authorized' ? c.authorized : c.failed;
  const rows = [
    [c.invoice, v.invoiceNumber],
    [c.amount, v.amountText],
    ...(v.cardText ? [[c.card, v.cardText]] : []),
    ...(v.approvalCode ? [[c.approvalCode, v.approvalCode]] : []),
  ].map(([k, val]) => html`<dt>${k ?? ''}</dt><dd>${val ?? ''}</dd>`);
  const backUrl = merchantTarget(v.backUrl);
  const back = backUrl
    ? html`<a class="button primary" href="${backUrl}" target="_top" id="back-to-merchant">${c.backToMerchant}</a>`
    : html`<p class="fine">${c.closeWindow}</p>`;
  const body = html`<div class="panel" data-outcome="${v.outcome}">
<div role="status"><h1>${title}</h1></div>
${v.reason ? html`<div class="alert">${c.failedReason(v.reason)}</div>` : ''}
${v.installmentMonths ? html`<p class="note">${c.installment(v.installmentMonths)}</p>` : ''}
<dl>${rows}</dl>
${back}
</div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title, body });
}

/** Renders the page for an expired or unknown payment link. */
export function renderCardClosed(v: {
  copy: CardCopy;
  theme: CardTheme;
  nonce: string;
  reason: 'expired' | 'notFound';
}): Html {
  const c = v.copy;
  const title = v.reason === 'expired' ? c.expiredTitle : c.notFoundTitle;
  const text = v.reason === 'expired' ? c.expiredBody : c.notFoundBody;
  const body = html`<div class="panel"><div role="status"><h1>${title}</h1></div><p>${text}</p></div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title, body });
}
