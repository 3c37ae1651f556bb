import { formatIdr } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { shopApi } from '../shop-api.js';
import { PaymentRows } from './PaymentRows.js';

/** The order's result: paid or not, and every payment attempt. */
export function OrderPage(props: { orderId: string }): ReactElement {
  const { t, locale } = useShopCopy();
  const order = useQuery({
    queryKey: ['shop', 'order', props.orderId],
    queryFn: () => shopApi.order(props.orderId),
    // A card AUTHORIZE or a KKI payment can still settle by notification: look again for a while.
    refetchInterval: (q) => (q.state.data?.order.status === 'paid' ? false : 3000),
  });
  if (order.isPending) return <p>{t.loading}</p>;
  if (order.isError) return <p role="alert">{order.error.message}</p>;
  const { order: o, payments } = order.data;
  return (
    <section aria-labelledby="order-title">
      <h1 id="order-title">
        {t.orderTitle} {o.id}
      </h1>
      <p className="order-summary">
        {o.description} — <strong>{formatIdr(o.amount, locale)}</strong>
      </p>
      <p role="status" className={o.status === 'paid' ? 'shop-ok' : 'shop-warn'}>
        {o.status === 'paid' ? t.orderPaid : t.orderOpen}
      </p>
      <PaymentRows payments={payments} caption={t.payments} />
      <p className="shop-row">
        {o.status !== 'paid' && (
          <Link className="shop-button" href={`/orders/${encodeURIComponent(o.id)}/pay`}>
            {t.payAgain}
          </Link>
        )}
        <Link href="/">{t.backToShop}</Link>
      </p>
    </section>
  );
}
