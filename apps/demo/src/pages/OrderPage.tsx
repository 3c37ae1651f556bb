import {
  formatIdr,
  issuerById,
  type KkiLocale,
  type OrderView,
  type PaymentView,
  paymentMethodLabel,
  paymentStatusLabel,
  shortId,
} from '@kki-kit/contract';
import { useKkiContext } from '@kki-kit/react';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { shopApi } from '../shop-api.js';
import { orderResult } from './order-result.js';
import { errorText, PaymentRows } from './PaymentRows.js';

/**
 * The order's result page, where the bank app, DOKU's OTP page and DOKU Checkout send the shopper
 * back: thanks and a receipt once paid, a wait that looks again while the bank decides, the reason
 * and a way to try again after a failure. Everything shown is read from the server.
 */
export function OrderPage(props: { orderId: string }): ReactElement {
  const { t } = useShopCopy();
  const { client } = useKkiContext('OrderPage');
  const order = useQuery({
    queryKey: ['shop', 'order', props.orderId],
    queryFn: async ({ signal }) => {
      const data = await shopApi.order(props.orderId);
      const { state, payment } = orderResult(data.order, data.payments);
      if (state !== 'waiting' || !payment) return data;
      // A waiting payment is checked with DOKU through the BFF (throttled there), so one whose bank
      // window closed without a word ends here too (a failed check changes nothing shown); then the
      // order is read again.
      await client
        .request('getPayment', { params: { paymentId: payment.id }, query: { refresh: 'true' }, signal })
        .catch(() => null);
      return shopApi.order(props.orderId);
    },
    // A KKI payment or a card page can still settle by notification: look again while one waits.
    refetchInterval: (q) =>
      q.state.data && orderResult(q.state.data.order, q.state.data.payments).state === 'waiting'
        ? 3000
        : false,
  });
  if (order.isPending) return <p>{t.loading}</p>;
  if (order.isError) return <p role="alert">{order.error.message}</p>;
  return <OrderResultView order={order.data.order} payments={order.data.payments} />;
}

/** The result page's content for an order and its payments as the BFF reported them. */
export function OrderResultView(props: { order: OrderView; payments: readonly PaymentView[] }): ReactElement {
  const { t, locale } = useShopCopy();
  const { order: o, payments } = props;
  const { state, payment } = orderResult(o, payments);
  const number = shortId(o.id);
  const title = {
    paid: t.resultPaidTitle,
    waiting: t.resultWaitingTitle,
    failed: t.resultFailedTitle,
    open: `${t.orderTitle} #${number}`,
  }[state];
  const issuer = issuerById(payment?.card?.issuer)?.name;
  const card = [issuer, payment?.card?.maskedCpan].filter(Boolean).join(' · ');
  const at = state === 'paid' ? (o.paidAt ?? payment?.updatedAt) : payment?.updatedAt;
  const payHref = `/orders/${encodeURIComponent(o.id)}/pay`;
  return (
    <section aria-labelledby="order-title" className="order-result" data-state={state}>
      <h1 id="order-title">{title}</h1>
      <p role="status" className={state === 'paid' ? 'shop-ok' : 'shop-warn'}>
        {state === 'paid' ? t.orderPaid : state === 'waiting' ? t.resultWaitingNote : t.orderOpen}
      </p>
      {state === 'failed' && payment?.error && <p className="shop-error">{errorText(payment, locale)}</p>}
      <h2 id="order-details">{t.resultDetails}</h2>
      <dl className="shop-dl order-receipt" aria-labelledby="order-details">
        <dt>{t.orderNumber}</dt>
        <dd>#{number}</dd>
        <dt>{t.amount}</dt>
        <dd>{formatIdr(payment?.amount ?? o.amount, locale)}</dd>
        {payment && (
          <>
            <dt>{t.method}</dt>
            <dd>{paymentMethodLabel(payment, locale)}</dd>
            {card && (
              <>
                <dt>{t.resultCard}</dt>
                <dd>{card}</dd>
              </>
            )}
            <dt>{t.status}</dt>
            <dd>{paymentStatusLabel(payment.status, locale)}</dd>
          </>
        )}
        {at && (
          <>
            <dt>{t.resultDate}</dt>
            <dd>
              <time dateTime={at}>{formatDateTime(at, locale)}</time>
            </dd>
          </>
        )}
      </dl>
      {o.description && <p className="order-summary">{o.description}</p>}
      <p className="shop-row">
        {state === 'waiting' && (
          <Link className="shop-button" href={payHref}>
            {t.resultContinue}
          </Link>
        )}
        {(state === 'failed' || state === 'open') && (
          <Link className="shop-button" href={payHref}>
            {state === 'failed' ? t.resultTryAgain : t.payAgain}
          </Link>
        )}
        <Link href="/">{t.backToShop}</Link>
      </p>
      {payments.length > 1 && <PaymentRows payments={payments} caption={t.payments} />}
    </section>
  );
}

function formatDateTime(iso: string, locale: KkiLocale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}
