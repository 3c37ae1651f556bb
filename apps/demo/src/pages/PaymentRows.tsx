import { formatIdr, type PaymentView } from '@kki-kit/contract';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';

/** A payment's kind as the shop labels it: KKI type or card transaction type. */
export function paymentKind(p: PaymentView): string {
  return p.method === 'kki' ? `KKI ${p.kkiKind ?? ''}`.trim() : `Card ${p.cardPaymentType ?? ''}`.trim();
}

/** The payments of an order as a table. */
export function PaymentRows(props: { payments: readonly PaymentView[]; caption: string }): ReactElement {
  const { t, locale } = useShopCopy();
  if (props.payments.length === 0) return <p>{t.noPayments}</p>;
  return (
    <table className="shop-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.method}</th>
          <th scope="col">{t.status}</th>
          <th scope="col">{t.amount}</th>
        </tr>
      </thead>
      <tbody>
        {props.payments.map((p) => (
          <tr key={p.id}>
            <td>
              {paymentKind(p)}
              {p.card?.maskedCpan ? ` · ${p.card.maskedCpan}` : ''}
            </td>
            <td>
              {p.status}
              {p.error ? ` — ${p.error.message}` : ''}
            </td>
            <td>{formatIdr(p.amount, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
