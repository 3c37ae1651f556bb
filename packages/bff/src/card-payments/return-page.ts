// The page DOKU's card page lands on inside the shop's frame once DOKU is done: it tells the frame
// (a message to the shop's origins; the frame then asks the BFF), and, for a shopper who sees it (a
// stale page paid in an old tab, a frame no longer listening), says in the shop's language what
// became of the payment. Rendered with hono/html, which escapes every interpolated value.
import {
  CARD_RETURN_MESSAGE_TYPE,
  type KkiLocale,
  type LocalizedText,
  type PaymentStatus,
  paymentStatusLabel,
} from '@kki-kit/contract';
import { html, raw } from 'hono/html';

type Outcome = 'paid' | 'returned' | 'checking' | 'failed';

const OUTCOME: { readonly [S in PaymentStatus]: Outcome } = {
  created: 'checking',
  pending: 'checking',
  authorized: 'paid',
  succeeded: 'paid',
  partially_refunded: 'paid',
  refunded: 'returned',
  failed: 'failed',
  expired: 'failed',
  cancelled: 'failed',
};

const MESSAGES: { readonly [O in Outcome]: LocalizedText } = {
  paid: { id: 'Pembayaran Anda sudah diterima.', en: 'Your payment has been received.' },
  // A success the order does not keep (it was paid another way, or this attempt was replaced) is
  // refunded at once: the shopper who paid an old page reads why.
  returned: {
    id: 'Pesanan ini sudah dibayar, jadi pembayaran ini dikembalikan ke kartu Anda.',
    en: 'This order was already paid, so this payment is being returned to your card.',
  },
  checking: {
    id: 'Kami sedang memastikan pembayaran Anda dengan bank.',
    en: 'We are confirming your payment with the bank.',
  },
  failed: { id: 'Pembayaran ini tidak berhasil.', en: 'This payment did not go through.' },
};

const CLOSE: LocalizedText = {
  id: 'Kembali ke halaman toko untuk melanjutkan. Anda dapat menutup halaman ini.',
  en: 'Go back to the shop to continue. You can close this page.',
};

const CSS = `body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f8fb;color:#1a1a1a}
main{max-width:460px;margin:0 auto;padding:16px}
.panel{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.14);padding:20px}
h1{font-size:20px;margin:0 0 8px}p{margin:8px 0}.paid h1{color:#0b5a30}.failed h1,.returned h1{color:#8a1c12}`;

/** The return page's HTML: its status in words, and the script that tells the frame to ask the BFF. */
export function cardReturnPage(
  message: { paymentId: string; status: PaymentStatus },
  targetOrigins: readonly string[],
  locale: KkiLocale,
): string {
  const data = JSON.stringify({ type: CARD_RETURN_MESSAGE_TYPE, ...message }).replace(/</g, '\\u003c');
  const origins = JSON.stringify(targetOrigins).replace(/</g, '\\u003c');
  const outcome = OUTCOME[message.status];
  const title = paymentStatusLabel(message.status, locale);
  const script = `(function(){var d=${data};var o=${origins};for(var i=0;i<o.length;i++){try{window.parent.postMessage(d,o[i]);}catch(e){}}})();`;
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main><div class="panel ${outcome}" role="status">
<h1>${title}</h1>
<p>${MESSAGES[outcome][locale]}</p>
<p>${CLOSE[locale]}</p>
</div></main>
<script>${raw(script)}</script>
</body>
</html>`.toString();
}
