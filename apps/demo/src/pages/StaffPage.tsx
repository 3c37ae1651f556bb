import { formatIdr, type OrderView, type PaymentView, paymentMethodLabel, shortId } from '@kki-kit/contract';
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

type StaffOrder = { customerId: string; order: OrderView; payments: PaymentView[] };
type StaffFilter = 'all' | 'open' | 'paid' | 'authorized' | 'refunded';

const REFUNDABLE = ['succeeded', 'partially_refunded', 'refunded'] as const;

/** Whether an order passes the staff filter. */
function matchesFilter({ order, payments }: StaffOrder, filter: StaffFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'open':
    case 'paid':
      return order.status === filter;
    case 'authorized':
      return payments.some((p) => p.status === 'authorized');
    case 'refunded':
      return payments.some((p) => p.status === 'partially_refunded' || p.status === 'refunded');
  }
}

/** Whether an order matches the search: its number (short or full), its customer, a payment id. */
function matchesSearch({ order, payments, customerId }: StaffOrder, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^#/, '');
  if (q === '') return true;
  return [order.id, shortId(order.id), customerId, ...payments.map((p) => p.id)].some((v) =>
    v.toLowerCase().includes(q),
  );
}

function StaffOrders(props: { onLogout(): void }): ReactElement {
  const { t, locale } = useShopCopy();
  const queryClient = useQueryClient();
  const orders = useQuery({ queryKey: ['shop', 'staff', 'orders'], queryFn: shopApi.staffOrders });
  const logout = useMutation({ mutationFn: shopApi.staffLogout, onSuccess: props.onLogout });
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StaffFilter>('all');
  const ids = useId();
  // Every action ends with the list read again, so statuses never stay stale until a reload.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['shop', 'staff', 'orders'] });
  const shown = (orders.data?.orders ?? []).filter(
    (o) => matchesFilter(o, filter) && matchesSearch(o, query),
  );
  return (
    <>
      <button type="button" className="shop-button shop-button--quiet" onClick={() => logout.mutate()}>
        {t.staffLogout}
      </button>
      <h2>{t.ordersAll}</h2>
      <search className="staff-tools">
        <label htmlFor={`${ids}-q`}>{t.staffSearch}</label>
        <input
          id={`${ids}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={`${ids}-count`}
        />
        <label htmlFor={`${ids}-f`}>{t.staffFilter}</label>
        <select id={`${ids}-f`} value={filter} onChange={(e) => setFilter(e.target.value as StaffFilter)}>
          {(['all', 'open', 'paid', 'authorized', 'refunded'] as const).map((f) => (
            <option key={f} value={f}>
              {t.staffFilters[f]}
            </option>
          ))}
        </select>
      </search>
      {orders.isPending && <p>{t.loading}</p>}
      {orders.isError && <p role="alert">{t.loadFailed}</p>}
      {orders.data && (
        <p id={`${ids}-count`} className="shop-hint" aria-live="polite">
          {t.staffShown(shown.length, orders.data.orders.length)}
        </p>
      )}
      {orders.data?.orders.length === 0 && <p>{t.noOrders}</p>}
      {shown.map(({ order, payments, customerId }) => (
        <article key={order.id} className="staff-order" aria-label={`${t.orderTitle} #${shortId(order.id)}`}>
          <h3>
            #{shortId(order.id)} · {formatIdr(order.amount, locale)} ·{' '}
            {order.status === 'paid' ? t.orderPaid : t.orderOpen}
          </h3>
          <p className="shop-hint">
            {customerId} — {order.description}
          </p>
          <PaymentRows payments={payments} caption={t.payments} />
          {payments
            .filter((p) => p.status === 'authorized' && p.cardPaymentType === 'AUTHORIZE')
            .map((p) => (
              <CaptureButton key={p.id} paymentId={p.id} amount={p.amount} onDone={refresh} />
            ))}
          {payments
            .filter((p) => (REFUNDABLE as readonly string[]).includes(p.status))
            .map((p) => (
              <details key={p.id} className="staff-refund">
                <summary>
                  {t.refund} · {paymentMethodLabel(p, locale)} · {formatIdr(p.amount, locale)}
                </summary>
                <RefundForm
                  paymentId={p.id}
                  amount={p.amount}
                  confirm
                  onSuccess={refresh}
                  onPending={refresh}
                />
              </details>
            ))}
        </article>
      ))}
      <StaffDeliveries />
    </>
  );
}

/** Captures an authorised card payment in full, after staff confirm the amount (the server calls the merchant API). */
function CaptureButton(props: { paymentId: string; amount: number; onDone(): void }): ReactElement {
  const { t, locale } = useShopCopy();
  const [asking, setAsking] = useState(false);
  const capture = useMutation({
    mutationFn: () => shopApi.capture(props.paymentId),
    onSettled: props.onDone,
  });
  const amount = formatIdr(props.amount, locale);
  if (asking) {
    return (
      <fieldset className="shop-row shop-confirm">
        <legend>{t.captureQuestion(amount)}</legend>
        <button
          type="button"
          className="shop-button"
          // biome-ignore lint/a11y/noAutofocus: the question replaces the button staff just pressed
          autoFocus
          onClick={() => {
            setAsking(false);
            capture.mutate();
          }}
        >
          {t.captureYes}
        </button>
        <button type="button" className="shop-button shop-button--quiet" onClick={() => setAsking(false)}>
          {t.captureBack}
        </button>
      </fieldset>
    );
  }
  return (
    <p className="shop-row">
      <button
        type="button"
        className="shop-button"
        disabled={capture.isPending}
        onClick={() => setAsking(true)}
      >
        {t.capture} {amount}
      </button>
      {capture.isError && <span role="alert">{capture.error.message}</span>}
    </p>
  );
}
