// DOKU's hosted OTP page for a DH card binding (seed 001: "redirectUrl … pointing to the OTP
// verification page"). DOKU shows no sample of it, so the content is the sandbox's own: the card,
// a code field, Verify and Cancel. The right code completes the binding; wrong codes may be retried
// up to KKI_TEST_OTP.maxAttempts; every end sends the customer to the merchant's success or failure URL.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { cancelBinding, submitOtp } from '../snap/binding.js';
import type { KkiDeps } from '../snap/kki-state.js';
import type { Binding } from '../snap/store.js';
import { KKI_TEST_OTP } from '../test-values/kki.js';
import { type KkiPageCopy, kkiPageCopy } from './kki-copy.js';
import { finishPage, type Html, PAGE_HEADERS, renderPage, renderResult } from './kki-layout.js';

function form(t: KkiPageCopy, binding: Binding, error: string | null): Html {
  const describedBy = error ? 'otp-hint otp-error' : 'otp-hint';
  return renderPage({
    lang: t.htmlLang,
    title: t.verifyTitle,
    body: html`<div class="card">
<header class="brand"><span class="badge">DOKU</span> Kartu Kredit Indonesia</header>
<h1>${t.verifyTitle}</h1>
<dl>
<dt>${t.card}</dt><dd>${binding.card.masked}</dd>
<dt>${t.issuer}</dt><dd>${binding.card.issuerName}</dd>
</dl>
${error ? html`<div class="error" id="otp-error" role="alert">${error}</div>` : ''}
<form method="post" novalidate>
<label for="otp">${t.otp}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="8" required autofocus aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}>
<p class="hint" id="otp-hint">${t.otpHint(KKI_TEST_OTP.correct)}</p>
<div class="actions">
<button type="submit" class="primary" name="action" value="verify">${t.verify}</button>
<button type="submit" class="secondary" name="action" value="cancel" formnovalidate>${t.cancel}</button>
</div>
</form>
</div>`,
  });
}

function ended(t: KkiPageCopy, binding: Binding) {
  return binding.status === 'SUCCESS'
    ? { copy: t, ...t.bound, ok: true }
    : { copy: t, ...t.notBound, ok: false };
}

const notFound = (t: KkiPageCopy) =>
  renderResult({ copy: t, title: t.linkNotValid, message: t.otpLinkNotValid, ok: false });

/** Routes of the OTP page: `GET|POST /kki/otp/:authCode`. */
export function kkiOtpPage(deps: KkiDeps): Hono {
  const app = new Hono();

  app.get('/kki/otp/:authCode', (c) => {
    const t = kkiPageCopy(c);
    const binding = deps.store.bindingByAuthCode(c.req.param('authCode'));
    if (!binding) return c.html(notFound(t), 404, PAGE_HEADERS);
    if (binding.status === 'PENDING' && deps.ctx.clock.nowMs() >= binding.otpExpiresAtMs) {
      submitOtp(deps, binding, ''); // ends the expired session (and notifies)
    }
    if (binding.status !== 'PENDING') {
      const r = ended(t, binding);
      return c.html(
        renderResult({ ...r, backUrl: r.ok ? binding.successUrl : binding.failedUrl }),
        200,
        PAGE_HEADERS,
      );
    }
    return c.html(form(t, binding, null), 200, PAGE_HEADERS);
  });

  app.post('/kki/otp/:authCode', async (c) => {
    const t = kkiPageCopy(c);
    const binding = deps.store.bindingByAuthCode(c.req.param('authCode'));
    if (!binding) return c.html(notFound(t), 404, PAGE_HEADERS);
    const form_ = await c.req.parseBody();
    const action = form_.action === 'cancel' ? 'cancel' : 'verify';
    const otp = typeof form_.otp === 'string' ? form_.otp.trim() : '';
    if (action === 'cancel') {
      cancelBinding(deps, binding);
    } else {
      const outcome = submitOtp(deps, binding, otp);
      if (outcome.kind === 'wrong') {
        return c.html(form(t, binding, t.wrongOtp(outcome.attemptsLeft)), 200, PAGE_HEADERS);
      }
    }
    const r = ended(t, binding);
    const next = finishPage(r.ok ? binding.successUrl : binding.failedUrl, r);
    return 'redirect' in next ? c.redirect(next.redirect, 303) : c.html(next.html, 200, PAGE_HEADERS);
  });

  return app;
}
