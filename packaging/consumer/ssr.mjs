// Every component rendered on the server from the installed package, the way a Next.js page or an
// SSR framework imports it: no window, no document. Prints the HTML of each as one JSON line.
import { QueryClient } from '@tanstack/react-query';
import { KkiProvider, kkiQueryKeys } from '@kki-kit/react';
import { CardPaymentFrame } from '@kki-kit/react/CardPaymentFrame';
import { KkiBindCard } from '@kki-kit/react/KkiBindCard';
import { KkiPayButton } from '@kki-kit/react/KkiPayButton';
import { RefundForm } from '@kki-kit/react/RefundForm';
import { SavedCardsList } from '@kki-kit/react/SavedCardsList';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';

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
  html[name] = renderToString(h(KkiProvider, { baseUrl: '/api/kki', queryClient }, element));
}
console.log(JSON.stringify({ hasWindow: typeof window !== 'undefined', html }));
