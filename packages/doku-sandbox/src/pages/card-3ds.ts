// The 3-D Secure step: the issuer's OTP page a test card marked `threeDs` goes through. The sandbox
// OTP is 123456 (src/test-values/cards.ts).
import type { CardCopy } from './card-copy.js';
import { type CardTheme, cardDocument, esc } from './card-layout.js';

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
export function renderThreeDs(v: ThreeDsView): string {
  const c = v.copy;
  const body = `<div class="panel">
<h1>${esc(c.threeDsTitle)}</h1>
<p>${esc(c.threeDsBody(v.amountText, v.merchantName))}</p>
<dl><dt>${esc(c.card)}</dt><dd>${esc(v.cardText)}</dd></dl>
${v.error ? `<div class="alert" role="alert" id="otp-error">${esc(v.error)}</div>` : ''}
<form method="post" action="${esc(v.action)}" novalidate>
<div class="field">
<label for="otp">${esc(c.otp)}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="8" aria-describedby="otp-hint${v.error ? ' otp-error' : ''}"${v.error ? ' aria-invalid="true"' : ''} autofocus>
<span class="hint" id="otp-hint">${esc(c.otpHint)}</span>
</div>
<button type="submit" class="primary" name="action" value="confirm">${esc(c.confirm)}</button>
<button type="submit" class="secondary" name="action" value="cancel" formnovalidate>${esc(c.cancel)}</button>
</form>
</div>`;
  return cardDocument({ copy: c, theme: v.theme, nonce: v.nonce, title: c.threeDsTitle, body });
}
