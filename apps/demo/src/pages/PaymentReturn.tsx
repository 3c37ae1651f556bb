import { useKkiContext } from '@kki-kit/react';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useEffect } from 'react';
import { useShopCopy } from '../i18n.js';
import { navigate } from '../router.js';
import { OrdersPage } from './OrdersPage.js';

/**
 * Where the bank app sends the shopper back (`/orders?kki_payment=…`, the BFF's return URLs): the
 * payment is read from the BFF as the signed-in customer (refreshed with DOKU), and the shopper
 * moves on to its order's result page. The URL only names the payment; another customer's payment
 * or a made-up id ends on the order list.
 */
export function PaymentReturn(props: { paymentId: string }): ReactElement {
  const { t } = useShopCopy();
  const { client, locale } = useKkiContext('PaymentReturn');
  const payment = useQuery({
    queryKey: ['shop', 'return', props.paymentId],
    queryFn: ({ signal }) =>
      client.request('getPayment', {
        params: { paymentId: props.paymentId },
        query: { refresh: 'true' },
        signal,
        locale,
      }),
  });
  const orderId = payment.data?.orderId;
  useEffect(() => {
    // Replaced, not pushed: Back from the result leaves the return address behind.
    if (orderId) navigate(`/orders/${encodeURIComponent(orderId)}`, { replace: true });
  }, [orderId]);
  if (payment.isError) {
    return (
      <>
        <p role="alert">{payment.error.message}</p>
        <OrdersPage />
      </>
    );
  }
  return <p role="status">{t.resultReturning}</p>;
}
