// Every component rendered on the server from the installed package, the way a Next.js page or an
// SSR framework imports it: no window, no document. Prints the HTML of each as one JSON line. Rendered
// as a streaming server does (Next.js): it waits for KkiPayButton's KKI path, which loads on its own.
import { Writable } from 'node:stream';
import { QueryClient } from '@tanstack/react-query';
import { KkiProvider, kkiQueryKeys } from '@kki-kit/react';
import { CardPaymentFrame } from '@kki-kit/react/CardPaymentFrame';
import { KkiBindCard } from '@kki-kit/react/KkiBindCard';
import { KkiPayButton } from '@kki-kit/react/KkiPayButton';
import { RefundForm } from '@kki-kit/react/RefundForm';
import { SavedCardsList } from '@kki-kit/react/SavedCardsList';
import { createElement as h } from 'react';
import { renderToPipeableStream } from 'react-dom/server';

/** The HTML once everything, lazily loaded parts included, has rendered. */
function renderAll(element) {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        html += chunk.toString();
        done();
      },
    });
    sink.on('finish', () => resolve(html));
    const stream = renderToPipeableStream(element, {
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: reject,
    });
  });
}

const components = {
  KkiPayButton: h(KkiPayButton, { orderId: 'ord_test0001' }),
  KkiBindCard: h(KkiBindCard, { mode: 'otp' }),
  SavedCardsList: h(SavedCardsList),
  CardPaymentFrame: h(CardPaymentFrame, { orderId: 'ord_test0001' }),
  RefundForm: h(RefundForm, { paymentId: 'pay_test0001', amount: 150000 }),
};
// The BFF's config, prefetched as a server does: the pay form follows the server's KKI path, so it
// renders on the server once that path is known (here host-to-host, the card field).
const queryClient = new QueryClient();
queryClient.setQueryData(kkiQueryKeys.config(), { kki: { integration: 'h2h' }, checkout: null });
const html = {};
for (const [name, element] of Object.entries(components)) {
  html[name] = await renderAll(h(KkiProvider, { baseUrl: '/api/kki', queryClient }, element));
}
console.log(JSON.stringify({ hasWindow: typeof window !== 'undefined', html }));
