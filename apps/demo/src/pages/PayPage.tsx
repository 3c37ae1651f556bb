import { type CardPaymentType, formatIdr, type PaymentView } from '@kki-kit/contract';
import type { KkiInstallmentChoice } from '@kki-kit/react';
import { CardPaymentFrame, KkiPayButton, kkiQueryKeys } from '@kki-kit/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { navigate } from '../router.js';
import { shopApi } from '../shop-api.js';

// The shop's installment offer; the shopper picks one plan in the kit's list, and DOKU's page opens on it.
const INSTALLMENT_PLANS: readonly KkiInstallmentChoice[] = (
  ['BCA', 'BANK_MANDIRI', 'BANK_CIMB', 'OCBC_NISP'] as const
).flatMap((acquirer) => [3, 6, 12].map((tenor) => ({ acquirer, tenor })));

/** Pays an order: KKI (new card, pay and save, saved card) or the DOKU card page (SALE, INSTALLMENT, AUTHORIZE). */
export function PayPage(props: { orderId: string; resumePaymentId: string | null }): ReactElement {
  const { t, locale } = useShopCopy();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['shop', 'order', props.orderId],
    queryFn: () => shopApi.order(props.orderId),
  });
  // The same query the kit's components read (shared QueryClient): the path the BFF was started with.
  const kitConfig = useQuery({
    queryKey: kkiQueryKeys.config(),
    queryFn: () => shopApi.kitConfig(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const integration = kitConfig.data?.kki.integration;
  const [method, setMethod] = useState<'kki' | 'card'>('kki');
  const [cardType, setCardType] =
    useState<Extract<CardPaymentType, 'SALE' | 'INSTALLMENT' | 'AUTHORIZE'>>('SALE');

  const done = (payment: PaymentView) => {
    void queryClient.invalidateQueries({ queryKey: ['shop'] });
    navigate(`/orders/${encodeURIComponent(payment.orderId)}`);
  };

  // A paid order has nothing left to pay: its result page (e.g. back from DOKU Checkout, whose
  // return settled the order before this page loaded). Replaced, so Back skips this page.
  const paid = order.data?.order.status === 'paid';
  useEffect(() => {
    if (paid) navigate(`/orders/${encodeURIComponent(props.orderId)}`, { replace: true });
  }, [paid, props.orderId]);

  if (order.isPending) return <p>{t.loading}</p>;
  if (order.isError) return <p role="alert">{order.error.message}</p>;
  const { order: o } = order.data;

  return (
    <section aria-labelledby="pay-title">
      <h1 id="pay-title">{t.checkoutTitle}</h1>
      <p className="order-summary">
        {o.description} — <strong>{formatIdr(o.amount, locale)}</strong>
      </p>
      {o.status === 'paid' ? (
        <p>
          {t.orderPaid} <Link href={`/orders/${encodeURIComponent(o.id)}`}>{t.orderTitle}</Link>
        </p>
      ) : (
        <>
          {integration && (
            <aside className="shop-path" aria-label={t.pathTitle}>
              <p>
                <strong>{t.pathTitle}:</strong>{' '}
                <span data-integration={integration}>
                  {integration === 'checkout' ? t.pathCheckout : t.pathH2h}
                </span>
              </p>
              <p className="shop-note">{t.pathSwitch}</p>
            </aside>
          )}
          <fieldset className="shop-fieldset">
            <legend>{t.method}</legend>
            <label>
              <input
                type="radio"
                name="method"
                checked={method === 'kki'}
                onChange={() => setMethod('kki')}
              />{' '}
              {integration === 'checkout' ? t.methodCheckout : t.methodKki}
            </label>
            <label>
              <input
                type="radio"
                name="method"
                checked={method === 'card'}
                onChange={() => setMethod('card')}
              />{' '}
              {t.methodCard}
            </label>
          </fieldset>

          {method === 'kki' ? (
            <KkiPayButton
              orderId={o.id}
              {...(props.resumePaymentId && { resumePaymentId: props.resumePaymentId })}
              onSuccess={done}
            />
          ) : (
            <>
              <fieldset className="shop-fieldset">
                <legend>{t.cardType}</legend>
                {(
                  [
                    ['SALE', t.typeSale],
                    ['INSTALLMENT', t.typeInstallment],
                    ['AUTHORIZE', t.typeAuthorize],
                  ] as const
                ).map(([value, label]) => (
                  <label key={value}>
                    <input
                      type="radio"
                      name="card-type"
                      checked={cardType === value}
                      onChange={() => setCardType(value)}
                    />{' '}
                    {label}
                  </label>
                ))}
              </fieldset>
              <CardPaymentFrame
                // A new page for each type: DOKU's page is created with it (and the plan chosen in the kit).
                key={cardType}
                orderId={o.id}
                paymentTypes={[cardType]}
                {...(cardType === 'INSTALLMENT' && { installmentPlans: INSTALLMENT_PLANS })}
                onSuccess={done}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
