// The frame of the hosted Cards pages: one HTML document with inline, nonce'd style and script (no
// external assets), the merchant's theme colours (doku-api.md §7.1 `override_configuration.themes`),
// mobile-first layout, and headers that let the merchant's origins frame the page. Rendered with
// hono/html, which escapes every interpolated value.
import { CARD_PAGE_HEIGHT_MESSAGE_TYPE, type PaymentPageRequest } from '@kki-kit/doku';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { CardCopy } from './card-copy.js';
import type { Html } from './kki-layout.js';

/** Theme colours as CSS values. */
export interface CardTheme {
  background: string;
  font: string;
  button: string;
  buttonFont: string;
}

/** DOKU's defaults: light gray F5F8FB, soft black 1A1A1A, red E1251B, white FFFFFF (§7.1). */
export function cardTheme(
  themes: NonNullable<PaymentPageRequest['override_configuration']>['themes'],
): CardTheme {
  // The schema allows only 6 hex digits, so the values are safe inside CSS.
  const hex = (v: string | undefined, d: string) => `#${(v ?? d).toUpperCase()}`;
  return {
    background: hex(themes?.background_color, 'F5F8FB'),
    font: hex(themes?.font_color, '1A1A1A'),
    button: hex(themes?.button_background_color, 'E1251B'),
    buttonFont: hex(themes?.button_font_color, 'FFFFFF'),
  };
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:460px;margin:0 auto;padding:16px}
.sandbox{font-size:13px;text-align:center;margin:0 0 12px;opacity:.8}
.panel{background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.14);padding:20px}
h1{font-size:20px;margin:0 0 12px}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0 0 16px}
dt{color:#555}
dd{margin:0;font-weight:600;word-break:break-word;text-align:right}
.total{font-size:24px}
ul.items{margin:0 0 16px;padding-left:20px;color:#444;font-size:14px}
.field{margin:0 0 14px}
.row{display:flex;gap:12px}
.row .field{flex:1 1 0;min-width:0}
label,legend,.label{display:block;font-weight:600;margin:0 0 6px}
.plan{margin:0;padding:12px;border:1px solid #8a8f98;border-radius:8px;background:#f3f4f6}
fieldset{border:0;padding:0;margin:0 0 14px}
.choice{display:flex;align-items:center;gap:8px;font-weight:400;margin:6px 0}
.choice input{width:20px;height:20px;margin:0}
input[type=text],input[type=password],select{width:100%;font-size:16px;padding:12px;border:1px solid #8a8f98;border-radius:8px;background:#fff;color:#1a1a1a}
input[aria-invalid=true],select[aria-invalid=true]{border-color:#b3261e;border-width:2px}
input:focus,select:focus{outline:3px solid #2563eb;outline-offset:1px}
.hint{display:block;color:#555;font-size:13px;margin-top:4px}
.field-error{display:block;color:#b3261e;font-size:14px;margin-top:4px;font-weight:600}
.alert{background:#fdecea;color:#8a1c12;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.note{background:#e8f1fd;color:#12356b;border-radius:8px;padding:10px 12px;margin:0 0 14px}
.note[hidden]{display:none}
.ok{background:#e7f6ec;color:#0b5a30}
button,.button{display:block;width:100%;min-height:48px;font-size:16px;font-weight:600;border-radius:8px;border:1px solid transparent;cursor:pointer;text-align:center;text-decoration:none;line-height:46px}
button.primary,.button.primary{background:var(--btn);color:var(--btn-fg)}
button.secondary{background:#fff;color:#1a1a1a;border-color:#8a8f98;margin-top:10px}
button:focus-visible,.button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.fine{font-size:13px;color:#555;text-align:center;margin:12px 0 0}
@media (max-width:360px){.row{flex-direction:column;gap:0}}
`;

/**
 * Tells the framing shop the page's height on load and on every resize, so the frame grows to the
 * content (`CARD_PAGE_HEIGHT_MESSAGE_TYPE`). A height is no secret: any parent may read it.
 */
const HEIGHT_SCRIPT = `(function(){if(window.parent===window)return;var last=0;
function send(){var b=document.body;var h=Math.ceil(Math.max(b.scrollHeight,b.getBoundingClientRect().height));
if(h!==last){last=h;window.parent.postMessage({type:'${CARD_PAGE_HEIGHT_MESSAGE_TYPE}',height:h},'*');}}
window.addEventListener('load',send);window.addEventListener('resize',send);
if(window.ResizeObserver){new ResizeObserver(send).observe(document.body);}send();})();`;

/** A fresh nonce for one page's inline style and script. */
export function pageNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Headers of every hosted Cards page. Framing: `frame-ancestors` lists the page itself and the
 * merchant's origins (no `X-Frame-Options`), so the page works in the merchant's iframe (§7.1
 * "display the payment URL as an iFrame"). `form-action` must include the merchant's return origins:
 * browsers apply it to the redirect that follows a form post. Both lists must hold CSP sources
 * already (see `cspSource`): nothing else from a merchant URL reaches the header.
 */
export function cardPageHeaders(opts: {
  nonce: string;
  frameAncestors: readonly string[];
  formTargets: readonly string[];
}): Record<string, string> {
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${opts.nonce}'`,
    `script-src 'nonce-${opts.nonce}'`,
    "img-src 'self' data:",
    `form-action 'self' ${opts.formTargets.join(' ')}`.trim(),
    `frame-ancestors 'self' ${opts.frameAncestors.join(' ')}`.trim(),
    "base-uri 'none'",
  ].join('; ');
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    // The page URL carries the signature parameter: do not leak it to the merchant's pages.
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * Answers a hosted page that the merchant may frame: a fresh nonce for its style and script, and the
 * headers of `cardPageHeaders` for `origins` (the merchant's CSP sources). `origins: null` is a page
 * of no session (an unknown link): it holds no input, so any site may frame it.
 */
export function framedPage(
  c: Context,
  origins: { frameAncestors: readonly string[]; formTargets: readonly string[] } | null,
  status: number,
  render: (nonce: string) => Html,
): Response | Promise<Response> {
  const nonce = pageNonce();
  const headers = cardPageHeaders({
    nonce,
    frameAncestors: origins ? origins.frameAncestors : ['*'],
    formTargets: origins?.formTargets ?? [],
  });
  return c.html(render(nonce), status as 200, headers);
}

/** A whole HTML document around `body`; `script` is trusted code (the page's own). */
export function cardDocument(opts: {
  copy: CardCopy;
  theme: CardTheme;
  nonce: string;
  title: string;
  body: Html;
  script?: string;
  /** Extra `<head>` content (trusted markup, e.g. a refresh). */
  head?: Html;
}): Html {
  // The theme values are six hex digits (schema-checked), safe inside CSS.
  const vars = `:root{--bg:${opts.theme.background};--fg:${opts.theme.font};--btn:${opts.theme.button};--btn-fg:${opts.theme.buttonFont}}`;
  const script = html`\n<script nonce="${opts.nonce}">${raw(HEIGHT_SCRIPT + (opts.script ?? ''))}</script>`;
  return html`<!doctype html>
<html lang="${opts.copy.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${opts.title}</title>${opts.head ?? ''}
<style nonce="${opts.nonce}">${raw(vars + CSS)}</style>
</head>
<body>
<main>
<p class="sandbox">${opts.copy.sandboxBanner}</p>
${opts.body}
</main>${script}
</body>
</html>`;
}
