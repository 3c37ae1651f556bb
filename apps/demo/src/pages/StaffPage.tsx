import { formatIdr } from '@kki-kit/contract';
import { RefundForm } from '@kki-kit/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactElement, useId, useState } from 'react';
import { useShopCopy } from '../i18n.js';
import { ShopApiError, type ShopSession, shopApi } from '../shop-api.js';
import { PaymentRows } from './PaymentRows.js';
import { StaffDeliveries } from './StaffDeliveries.js';

/** Staff: sign in with the demo staff password, see every order, refund payments. */
export function StaffPage(): ReactElement {
  const { t } = useShopCopy();
  const queryClient = useQueryClient();
  const session = queryClient.getQueryData<ShopSession>(['shop', 'session']);
  const setStaff = (staff: boolean) => {
    if (session) queryClient.setQueryData(['shop', 'session'], { ...session, staff });
    void queryClient.invalidateQueries({ queryKey: ['shop', 'staff'] });
  };
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{t.staffTitle}</h1>
      {session?.staff ? (
        <StaffOrders onLogout={() => setStaff(false)} />
      ) : (
        <StaffLogin onLogin={() => setStaff(true)} />
      )}
    </section>
  );
}

function StaffLogin(props: { onLogin(): void }): ReactElement {
  const { t } = useShopCopy();
  const [password, setPassword] = useState('');
  const id = useId();
  const login = useMutation({ mutationFn: () => shopApi.staffLogin(password), onSuccess: props.onLogin });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <form onSubmit={submit} className="shop-form">
      <label htmlFor={`${id}-pw`}>{t.staffPassword}</label>
      <input
        id={`${id}-pw`}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-describedby={`${id}-hint`}
        aria-invalid={login.isError || undefined}
      />
      <p id={`${id}-hint`} className="shop-hint">
        {t.staffHint}
      </p>
      {login.isError && (
        <p role="alert">
          {login.error instanceof ShopApiError && login.error.code === 'rate_limited'
            ? t.staffLocked
            : t.staffWrong}
        </p>
      )}
      <button type="submit" className="shop-button" disabled={login.isPending}>
        {t.staffLogin}
      </button>
    </form>
  );
}

function StaffOrders(props: { onLogout(): void }): ReactElement {
  const { t, locale } = useShopCopy();
  const orders = useQuery({ queryKey: ['shop', 'staff', 'orders'], queryFn: shopApi.staffOrders });
  const logout = useMutation({ mutationFn: shopApi.staffLogout, onSuccess: props.onLogout });
  return (
    <>
      <button type="button" className="shop-button shop-button--quiet" onClick={() => logout.mutate()}>
        {t.staffLogout}
      </button>
      <h2>{t.ordersAll}</h2>
      {orders.isPending && <p>{t.loading}</p>}
      {orders.isError && <p role="alert">{t.loadFailed}</p>}
      {orders.data?.orders.length === 0 && <p>{t.noOrders}</p>}
      {orders.data?.orders.map(({ order, payments, customerId }) => (
        <article key={order.id} className="staff-order" aria-label={`${t.orderTitle} ${order.id}`}>
          <h3>
            {order.id} · {formatIdr(order.amount, locale)} · {order.status}
          </h3>
          <p className="shop-hint">
            {customerId} — {order.description}
          </p>
          <PaymentRows payments={payments} caption={t.payments} />
          {payments
            .filter((p) => p.status === 'authorized' && p.cardPaymentType === 'AUTHORIZE')
            .map((p) => (
              <CaptureButton key={p.id} paymentId={p.id} amount={p.amount} />
            ))}
          {payments
            .filter(
              (p) => p.status === 'succeeded' || p.status === 'partially_refunded' || p.status === 'refunded',
            )
            .map((p) => (
              <details key={p.id} className="staff-refund">
                <summary>
                  {t.refund} {p.id}
                </summary>
                <RefundForm paymentId={p.id} amount={p.amount} />
              </details>
            ))}
        </article>
      ))}
      <StaffDeliveries />
    </>
  );
}

/** Captures an authorised card payment in full (the server calls the merchant API). */
function CaptureButton(props: { paymentId: string; amount: number }): ReactElement {
  const { t, locale } = useShopCopy();
  const queryClient = useQueryClient();
  const capture = useMutation({
    mutationFn: () => shopApi.capture(props.paymentId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['shop', 'staff', 'orders'] }),
  });
  return (
    <p className="shop-row">
      <button
        type="button"
        className="shop-button"
        disabled={capture.isPending}
        onClick={() => capture.mutate()}
      >
        {t.capture} {formatIdr(props.amount, locale)}
      </button>
      {capture.isError && <span role="alert">{capture.error.message}</span>}
    </p>
  );
}
