// The sandbox's DOKU Checkout page (doku-api.md §7.7): the order, then the methods the merchant asked
// for: KKI (CPAN and the OTT from the bank's app, typed here on DOKU's side) and cards (the hosted
// card form, a saved card offered first), and a cancel. While a KKI payment waits for the issuer app,
// a page that refreshes itself. Plain forms, no script; rendered with hono/html (every value escaped).
import { html, raw } from 'hono/html';
import { type CardCopy, cardCopy } from './card-copy.js';
import { type CardTheme, cardDocument, cardTheme } from './card-layout.js';
import type { Html } from './kki-layout.js';

/** Page language: DOKU's `EN` / `ID` (`order.language`). */
export type CheckoutLanguage = 'EN' | 'ID';

const COPY = {
  EN: {
    title: (merchant: string) => `Pay ${merchant}`,
    choose: 'Choose how to pay',
    kki: 'Kartu Kredit Indonesia (KKI)',
    cpan: 'Card number (CPAN)',
    ott: 'One-time token (OTT)',
    ottHint: "Open your bank's app to get the token.",
    payKki: 'Pay with KKI',
    card: 'Credit or debit card',
    savedCard: (card: string) => `Saved card: ${card}`,
    payCard: 'Pay with card',
    cancel: 'Cancel and return to the merchant',
    expiresAt: (at: string) => `Pay before ${at} (WIB)`,
    errors: {
      cpan: 'This card number is not a KKI card we can accept.',
      ott: 'This token is not valid or has expired. Get a new one in your bank app.',
    },
    waitTitle: "Confirm in your bank's app",
    waitBody: (issuer: string) => `Approve the payment in the ${issuer} app. This page updates by itself.`,
    openIssuerApp: (issuer: string) => `Open the ${issuer} app`,
    checkNow: 'I have confirmed: check now',
    cancelledTitle: 'Payment cancelled',
    cancelledBody: 'You cancelled this payment. Nothing was charged.',
  },
  ID: {
    title: (merchant: string) => `Bayar ${merchant}`,
    choose: 'Pilih cara bayar',
    kki: 'Kartu Kredit Indonesia (KKI)',
    cpan: 'Nomor kartu (CPAN)',
    ott: 'Token sekali pakai (OTT)',
    ottHint: 'Buka aplikasi bank Anda untuk mendapatkan token.',
    payKki: 'Bayar dengan KKI',
    card: 'Kartu kredit atau debit',
    savedCard: (card: string) => `Kartu tersimpan: ${card}`,
    payCard: 'Bayar dengan kartu',
    cancel: 'Batal dan kembali ke merchant',
    expiresAt: (at: string) => `Bayar sebelum ${at} (WIB)`,
    errors: {
      cpan: 'Nomor kartu ini bukan kartu KKI yang dapat kami terima.',
      ott: 'Token tidak valid atau sudah kedaluwarsa. Ambil token baru di aplikasi bank.',
    },
    waitTitle: 'Konfirmasi di aplikasi bank Anda',
    waitBody: (issuer: string) =>
      `Setujui pembayaran di aplikasi ${issuer}. Halaman ini diperbarui otomatis.`,
    openIssuerApp: (issuer: string) => `Buka aplikasi ${issuer}`,
    checkNow: 'Sudah saya konfirmasi: periksa sekarang',
    cancelledTitle: 'Pembayaran dibatalkan',
    cancelledBody: 'Anda membatalkan pembayaran ini. Tidak ada biaya.',
  },
} as const;

/** Everything the Checkout pages say, plus the card pages' shared words. */
export type CheckoutCopy = (typeof COPY)[CheckoutLanguage] & { card_: CardCopy };

/** The copy of a language (English by default). */
export function checkoutCopy(lang: CheckoutLanguage | undefined): CheckoutCopy {
  const l = lang ?? 'EN';
  return { ...COPY[l], card_: cardCopy(l) };
}

/** DOKU's default theme (the Checkout request carries none). */
export const CHECKOUT_THEME: CardTheme = cardTheme(undefined);

/** What the methods page shows. */
export interface CheckoutMethodsView {
  copy: CheckoutCopy;
  nonce: string;
  merchantName: string;
  invoiceNumber: string;
  amountText: string;
  lineItems: Array<{ name: string; quantity: number; priceText: string }>;
  expiresText: string;
  /** Form actions (absolute URLs); `kki` / `card` are null when the method is not offered. */
  actions: { kki: string | null; card: string | null; cancel: string };
  savedCardText: string | null;
  /** The field of the KKI form the shopper got wrong. */
  kkiError: 'cpan' | 'ott' | null;
}

function orderSummary(v: CheckoutMethodsView): Html {
  const c = v.copy.card_;
  const items = v.lineItems.map((i) => html`<li>${i.quantity} × ${i.name} (${i.priceText})</li>`);
  return html`<dl>
<dt>${c.invoice}</dt><dd>${v.invoiceNumber}</dd>
<dt>${c.amount}</dt><dd class="total" id="checkout-amount">${v.amountText}</dd>
</dl>
${items.length > 0 ? html`<ul class="items" aria-label="${c.items}">${items}</ul>` : ''}`;
}

function kkiForm(v: CheckoutMethodsView, action: string): Html {
  const c = v.copy;
  const err = v.kkiError;
  const invalid = (f: 'cpan' | 'ott') => (err === f ? 'true' : 'false');
  return html`<form method="post" action="${action}" id="checkout-kki" novalidate>
<fieldset>
<legend>${c.kki}</legend>
${err ? html`<div class="alert" role="alert" id="kki-error">${c.errors[err]}</div>` : ''}
<div class="field">
<label for="cpan">${c.cpan}</label>
<input type="text" id="cpan" name="cpan" inputmode="numeric" autocomplete="cc-number" maxlength="23" required aria-invalid="${invalid('cpan')}"${raw(err === 'cpan' ? ' aria-describedby="kki-error"' : '')}>
</div>
<div class="field">
<label for="ott">${c.ott}</label>
<input type="text" id="ott" name="ott" inputmode="numeric" autocomplete="one-time-code" maxlength="40" required aria-invalid="${invalid('ott')}" aria-describedby="ott-hint${err === 'ott' ? ' kki-error' : ''}">
<span class="hint" id="ott-hint">${c.ottHint}</span>
</div>
<button type="submit" class="primary">${c.payKki}</button>
</fieldset>
</form>`;
}

function cardForm(v: CheckoutMethodsView, action: string): Html {
  const c = v.copy;
  return html`<form method="post" action="${action}" id="checkout-card">
<fieldset>
<legend>${c.card}</legend>
${v.savedCardText ? html`<p class="note" id="saved-card">${c.savedCard(v.savedCardText)}</p>` : ''}
<button type="submit" class="primary">${c.payCard}</button>
</fieldset>
</form>`;
}

/** The methods page. */
export function renderCheckoutMethods(v: CheckoutMethodsView): Html {
  const c = v.copy;
  const title = c.title(v.merchantName);
  const body = html`<div class="panel" data-checkout="open">
<h1>${title}</h1>
${orderSummary(v)}
<p class="fine">${c.expiresAt(v.expiresText)}</p>
<h2>${c.choose}</h2>
${v.actions.kki ? kkiForm(v, v.actions.kki) : ''}
${v.actions.card ? cardForm(v, v.actions.card) : ''}
<form method="post" action="${v.actions.cancel}" id="checkout-cancel">
<button type="submit" class="secondary">${c.cancel}</button>
</form>
</div>`;
  return cardDocument({ copy: c.card_, theme: CHECKOUT_THEME, nonce: v.nonce, title, body });
}

/** The page shown while a KKI payment waits for the issuer app; it reloads itself every 3 s. */
export function renderCheckoutWaiting(v: {
  copy: CheckoutCopy;
  nonce: string;
  issuerName: string;
  amountText: string;
  issuerAppUrl: string;
  pageUrl: string;
}): Html {
  const c = v.copy;
  const body = html`<div class="panel" data-checkout="confirming">
<div role="status"><h1>${c.waitTitle}</h1></div>
<p class="total">${v.amountText}</p>
<p>${c.waitBody(v.issuerName)}</p>
<a class="button primary" id="open-issuer-app" href="${v.issuerAppUrl}" target="_blank" rel="noopener">${c.openIssuerApp(v.issuerName)}</a>
<p class="fine"><a href="${v.pageUrl}" id="check-now">${c.checkNow}</a></p>
</div>`;
  return cardDocument({
    copy: c.card_,
    theme: CHECKOUT_THEME,
    nonce: v.nonce,
    title: c.waitTitle,
    body,
    head: html`\n<meta http-equiv="refresh" content="3">`,
  });
}

/** The page of a Checkout the shopper cancelled. */
export function renderCheckoutCancelled(v: { copy: CheckoutCopy; nonce: string }): Html {
  const c = v.copy;
  const body = html`<div class="panel" data-checkout="cancelled"><div role="status"><h1>${c.cancelledTitle}</h1></div><p>${c.cancelledBody}</p></div>`;
  return cardDocument({
    copy: c.card_,
    theme: CHECKOUT_THEME,
    nonce: v.nonce,
    title: c.cancelledTitle,
    body,
  });
}
