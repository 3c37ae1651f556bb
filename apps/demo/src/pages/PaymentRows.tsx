import {
  formatIdr,
  getErrorCopy,
  type KkiLocale,
  type PaymentView,
  paymentMethodLabel,
  paymentStatusLabel,
} from '@kki-kit/contract';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';

/**
 * Why `p` failed, in the shop's language: the shop's API hands the BFF's views on as stored (worded
 * when the payment failed), so the copy is looked up again here.
 */
export function errorText(p: PaymentView, locale: KkiLocale): string {
  return p.error ? getErrorCopy(p.error.code, locale, undefined, p.error.field) : '';
}

/** The payments of an order as a table, statuses and methods in the shop's language. */
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
          <tr key={p.id} data-status={p.status}>
            <td>
              {paymentMethodLabel(p, locale)}
              {p.card?.maskedCpan ? ` · ${p.card.maskedCpan}` : ''}
            </td>
            <td>
              {paymentStatusLabel(p.status, locale)}
              {p.error ? ` — ${errorText(p, locale)}` : ''}
            </td>
            <td>{formatIdr(p.amount, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
