// The frame of the sandbox's KKI hosted pages: plain HTML forms with inline styles, no scripts and no
// external assets, readable on a phone. Rendered with hono/html, which escapes every interpolated
// value. The OTP and issuer-app pages take a one-time code or an approval, so no other site may
// frame them (clickjacking): DOKU's OTP page is one the merchant redirects to (seed 001).
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { merchantTarget } from '../merchant-url.js';
import type { KkiPageCopy } from './kki-copy.js';

/** Rendered HTML (or a fragment of it), escaped where it needed to be. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Headers for every KKI hosted page: no caching, nothing loaded from elsewhere, never framed. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1a1a1a}
main{max-width:420px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px}
header.brand{display:flex;align-items:center;gap:8px;margin-bottom:16px;font-weight:600}
.badge{display:inline-block;background:var(--accent,#e1251b);color:#fff;border-radius:6px;padding:2px 8px;font-size:13px}
h1{font-size:20px;margin:0 0 8px}
p{margin:8px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:12px 0}
dt{color:#555}
dd{margin:0;font-weight:600;word-break:break-word}
.amount{font-size:28px;font-weight:700;margin:8px 0}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text]{width:100%;font-size:22px;letter-spacing:6px;padding:10px 12px;border:1px solid #8a8f98;border-radius:8px}
input[type=text]:focus{outline:3px solid #2563eb;outline-offset:1px}
.actions{display:flex;gap:12px;margin-top:20px;flex-wrap:wrap}
button{flex:1 1 140px;min-height:48px;font-size:16px;font-weight:600;border-radius:8px;border:1px solid transparent;cursor:pointer}
button.primary{background:#0b6b3a;color:#fff}
button.secondary{background:#fff;color:#1a1a1a;border-color:#8a8f98}
button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.error{background:#fdecea;color:#8a1c12;border-radius:8px;padding:10px 12px;margin:12px 0}
.ok{background:#e7f6ec;color:#0b5a30;border-radius:8px;padding:10px 12px;margin:12px 0}
.hint{color:#555;font-size:14px}
a{color:#1d4ed8}
`;

/** A whole HTML document around `body`. */
export function renderPage(opts: { title: string; body: Html; lang?: string }): Html {
  return html`<!doctype html>
<html lang="${opts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${opts.title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main>
${opts.body}
</main>
</body>
</html>`;
}

/** A final message page; links back to the merchant only for an http(s) URL. */
export function renderResult(opts: {
  copy: KkiPageCopy;
  title: string;
  message: string;
  ok: boolean;
  backUrl?: string | null;
}): Html {
  const back = merchantTarget(opts.backUrl);
  return renderPage({
    lang: opts.copy.htmlLang,
    title: opts.title,
    body: html`<div class="card">
<h1>${opts.title}</h1>
<div class="${opts.ok ? 'ok' : 'error'}" role="status">${opts.message}</div>
${back ? html`<p><a href="${back}">${opts.copy.returnToMerchant}</a></p>` : ''}
<p class="hint">${opts.copy.closeWindow}</p>
</div>`,
  });
}

/** A 303 to the merchant's http(s) URL, or a result page when there is none. */
export function finishPage(
  url: string | null,
  result: { copy: KkiPageCopy; title: string; message: string; ok: boolean },
): { redirect: string } | { html: Html } {
  const target = merchantTarget(url);
  if (target) return { redirect: target };
  return { html: renderResult(result) };
}
