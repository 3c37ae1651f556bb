// The frame of the sandbox's KKI hosted pages: plain HTML forms with inline styles, no scripts and no
// external assets, readable on a phone and inside an iframe.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Headers for every hosted page: no caching, nothing loaded from elsewhere. Framing is allowed on purpose. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'",
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

/** A whole HTML document. `body` must already be escaped. */
export function renderPage(opts: { title: string; body: string; lang?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${opts.body}
</main>
</body>
</html>`;
}

/** A final message page (used when there is no merchant URL to send the customer back to). */
export function renderResult(opts: {
  title: string;
  message: string;
  ok: boolean;
  backUrl?: string | null;
}): string {
  const back = opts.backUrl ? `<p><a href="${escapeHtml(opts.backUrl)}">Return to the merchant</a></p>` : '';
  return renderPage({
    title: opts.title,
    body: `<div class="card">
<h1>${escapeHtml(opts.title)}</h1>
<div class="${opts.ok ? 'ok' : 'error'}" role="status">${escapeHtml(opts.message)}</div>
${back}
<p class="hint">You can close this window.</p>
</div>`,
  });
}

/** A 303 to the merchant, or a result page when the merchant gave no URL. */
export function finishPage(
  url: string | null,
  result: { title: string; message: string; ok: boolean },
): { redirect: string } | { html: string } {
  if (url) return { redirect: url };
  return { html: renderResult(result) };
}
