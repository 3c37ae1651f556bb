// The 3-D Secure step: the issuer's OTP page a test card marked `threeDs` goes through. The sandbox
// OTP is 123456 (src/test-values/cards.ts).
import { html } from 'hono/html';
import type { CardCopy } from './card-copy.js';
import { type CardTheme, cardDocument } from './card-layout.js';
import type { Html } from './kki-layout.js';

/** What the OTP page shows. */
export interface ThreeDsView {
  copy: CardCopy;
  theme: CardTheme;
  nonce: string;
  action: string;
  amountText: string;
  merchantName: string;
  cardText: string;
  /** Set after a wrong OTP. */
  error: string | null;
}

/** Renders the 3-D Secure OTP page. */
export function renderThreeDs(v: ThreeDsView): Html {
  const c = v.copy;
  const body = html`<div class="panel">
<h1>${c.threeDsTitle}</h1>
<p>${c.threeDsBody(v.amountText, v.merchantName)}</p>
<dl><dt>${c.card}</dt><dd>${v.cardText}</dd></dl>
${v.error ? html`<div class="alert" role="alert" id="otp-error">${v.error}</div>` : ''}
<form method="post" action="${v.action}" novalidate>
<div class="field">
<label for="otp">${c.otp}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-describedby="otp-hint${v.error ? ' otp-error' : ''}"${v.error ? html` aria-invalid="true"` : ''} autofocus>
<span class="hint" id="otp-hint">${c.otpHint}</span>
</div>
<button type="submit" class="primary" name="action" value="confirm">${c.confirm}</button>
<button type="submit" class="secondary" name="action" value="cancel" formnovalidate>${c.cancel}</button>
</form>
</div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title: c.threeDsTitle, body });
}
