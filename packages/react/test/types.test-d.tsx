// Type tests (checked by tsc, not run): the public types accept right usage and reject wrong usage.
import type { KkiError, PaymentActionResult } from '@kki-kit/contract';
import {
  CardPaymentFrame,
  createKkiClient,
  KkiBindCard,
  KkiPayButton,
  KkiProvider,
  RefundForm,
  SavedCardsList,
  useKkiPayment,
} from '../src/index.js';
import { en } from '../src/locale/en.js';

const client = createKkiClient({ baseUrl: '/api/kki' });

// --- KkiProvider: a URL or a client, never both, never neither; only shipped locales -------------
export const okUrl = <KkiProvider baseUrl="/api/kki" />;
export const okClient = <KkiProvider client={client} locale={en} />;
export const okId = <KkiProvider baseUrl="/api/kki" locale="id" />;
// @ts-expect-error English is not built in: pass its entry, locale={en}
export const bareEnglish = <KkiProvider baseUrl="/x" locale="en" />;
// @ts-expect-error baseUrl and client together
export const both = <KkiProvider baseUrl="/api/kki" client={client} />;
// @ts-expect-error neither baseUrl nor client
export const neither = <KkiProvider locale="id" />;
// @ts-expect-error no French copy
export const french = <KkiProvider baseUrl="/x" locale="fr" />;
// @ts-expect-error copy keys are checked
export const badCopy = <KkiProvider baseUrl="/x" copy={{ notAKey: 'x' }} />;
// @ts-expect-error error copy is per catalogue code
export const badErrorCopy = <KkiProvider baseUrl="/x" errorCopy={{ not_a_code: { id: 'x' } }} />;

// --- Components: required props and typed callbacks ----------------------------------------------
// @ts-expect-error orderId is required
export const noOrder = <KkiPayButton />;
// @ts-expect-error the amount never comes from the browser
export const withAmount = <KkiPayButton orderId="ord_1" amount={1000} />;
export const typedCallbacks = (
  <KkiPayButton
    orderId="ord_1"
    onSuccess={(p) => p.status satisfies string}
    onError={(e: KkiError) => e.code satisfies string}
    onRequiresAction={(a) => (a.type === 'issuer_app' ? a.issuer : a.url)}
  />
);
// @ts-expect-error onSuccess receives a PaymentView, not a number
export const wrongCallback = <KkiPayButton orderId="ord_1" onSuccess={(n: number) => n} />;
// @ts-expect-error binding modes are redirect | otp
export const badMode = <KkiBindCard mode="sms" />;
// @ts-expect-error paymentTypes come from DOKU's list
export const badType = <CardPaymentFrame orderId="ord_1" paymentTypes={['CASH']} />;
const acme = [{ acquirer: 'ACME', tenor: 3 }] as const;
// @ts-expect-error installment acquirers come from DOKU's list
export const badAcquirer = <CardPaymentFrame orderId="ord_1" installmentPlans={acme} />;
// @ts-expect-error RefundForm needs the payment's amount
export const noAmount = <RefundForm paymentId="pay_1" />;
export const list = <SavedCardsList onSelect={(card) => card.maskedCpan} />;

// --- The typed client: params, body and idempotency key exactly as each route needs ---------------
export async function clientUsage() {
  const p = await client.request('getPayment', {
    params: { paymentId: 'pay_1' },
    query: { refresh: 'true' },
  });
  p.status satisfies string;
  // @ts-expect-error getPayment needs its path parameter
  await client.request('getPayment', {});
  // @ts-expect-error a state-changing route needs an idempotency key
  await client.request('createRefund', { params: { paymentId: 'pay_1' }, body: {} });
  // @ts-expect-error a read takes no idempotency key
  await client.request('listSavedCards', { idempotencyKey: 'k-12345678' });
  // @ts-expect-error the body is checked against the route's schema type
  await client.request('createKkiPayment', { body: { orderId: 'ord_1' }, idempotencyKey: 'k-12345678' });
  // @ts-expect-error the HTML return page is not a JSON route
  await client.request('cardPaymentReturn', { params: { paymentId: 'pay_1' } });
}

// --- Hooks: results are the contract's union ------------------------------------------------------
export function HookUsage() {
  const flow = useKkiPayment({ orderId: 'ord_1' });
  void flow.pay({ type: 'saved_card', cardId: 'card_1' }).then((r: PaymentActionResult) => {
    if (r.status === 'failed') r.error.code satisfies string;
    // @ts-expect-error only a failed result has an error
    if (r.status === 'succeeded') void r.error;
  });
  // @ts-expect-error a new card needs its one-time token
  void flow.pay({ type: 'card', cpan: '9360000212345678' });
  return null;
}
