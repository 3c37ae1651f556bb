import { formatIdr } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { shopApi } from '../shop-api.js';

/** The signed-in customer's orders (also where DOKU's pages send the customer back). */
export function MyOrders(): ReactElement {
  const { t, locale } = useShopCopy();
  const orders = useQuery({ queryKey: ['shop', 'orders'], queryFn: shopApi.myOrders });
  if (orders.isPending) return <p>{t.loading}</p>;
  if (orders.isError) return <p role="alert">{t.loadFailed}</p>;
  if (orders.data.orders.length === 0) return <p>{t.noOrders}</p>;
  return (
    <ul className="order-list" aria-label={t.myOrders}>
      {orders.data.orders.map((o) => (
        <li key={o.id}>
          <Link href={`/orders/${encodeURIComponent(o.id)}`}>{o.description ?? o.id}</Link>{' '}
          <span>{formatIdr(o.amount, locale)}</span>{' '}
          <span className={o.status === 'paid' ? 'shop-ok' : 'shop-warn'}>
            {o.status === 'paid' ? t.orderPaid : t.orderOpen}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** /orders: the customer's orders. */
export function OrdersPage(): ReactElement {
  const { t } = useShopCopy();
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t.myOrders}</h1>
      <MyOrders />
    </section>
  );
}
