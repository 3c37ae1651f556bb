// A merchant's TypeScript, checked against the installed packages' .d.ts files under Node's own
// module resolution (nodenext), the strictest a user can pick. Wrong usage must not compile.
import { createKkiBff, type KkiBff } from '@kki-kit/bff';
import type { KkiErrorCode, PaymentActionResult, PaymentView } from '@kki-kit/contract';
import { KkiProvider, useKkiPayment } from '@kki-kit/react';
import { KkiPayButton } from '@kki-kit/react/KkiPayButton';
import { en } from '@kki-kit/react/locale/en';
import { RefundForm } from '@kki-kit/react/RefundForm';

export async function server(): Promise<KkiBff> {
  const bff = await createKkiBff({
    publicUrl: 'https://shop.example/api/kki',
    authenticate: (c) => c.req.header('x-customer-id') ?? null,
  });
  const order = await bff.merchant.createOrder({ customerId: 'c1', amount: 150_000 });
  const id: string = order.id;
  void id;
  // @ts-expect-error publicUrl and authenticate are required
  await createKkiBff({});
  return bff;
}

export function Checkout({ onPaid }: { onPaid: (payment: PaymentView) => void }) {
  const code: KkiErrorCode = 'insufficient_funds';
  // @ts-expect-error not a catalogue code
  const wrong: KkiErrorCode = 'insufficent_funds';
  void wrong;
  return (
    <KkiProvider baseUrl="/api/kki" locale="id">
      <KkiPayButton orderId="ord_1" onSuccess={onPaid} />
      {/* @ts-expect-error orderId is required */}
      <KkiPayButton />
      {/* @ts-expect-error only id and en */}
      <KkiProvider baseUrl="/api/kki" locale="fr">
        {code}
      </KkiProvider>
      {/* @ts-expect-error English is its own entry: locale={en} */}
      <KkiProvider baseUrl="/api/kki" locale="en">
        {code}
      </KkiProvider>
      <KkiProvider baseUrl="/api/kki" locale={en}>
        <RefundForm paymentId="pay_1" amount={150_000} />
      </KkiProvider>
    </KkiProvider>
  );
}

export function useCheckout(orderId: string): (cpan: string, ott: string) => Promise<PaymentActionResult> {
  const payment = useKkiPayment({ orderId });
  return (cpan, ott) => payment.pay({ type: 'card', cpan, ott });
}
