// The shop's shell: header with navigation, language switch and customer switch; the page for the
// current path; KkiProvider around everything with the chosen locale.
import { CHECKOUT_RETURN_PARAMS, type KkiLocale } from '@kki-kit/contract';
import { KkiProvider } from '@kki-kit/react';
import { en } from '@kki-kit/react/locale/en';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { LocaleContext, useShopCopy } from './i18n.js';
import { Link } from './Link.js';
import { AccountPage } from './pages/AccountPage.js';
import { CartPage } from './pages/CartPage.js';
import { CataloguePage } from './pages/CataloguePage.js';
import { CheckoutPage } from './pages/CheckoutPage.js';
import { OrderPage } from './pages/OrderPage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { PaymentReturn } from './pages/PaymentReturn.js';
import { PayPage } from './pages/PayPage.js';
import { StaffPage } from './pages/StaffPage.js';
import { TestValuesPage } from './pages/TestValuesPage.js';
import { hasNavigated, matchPath, useLocation } from './router.js';
import { setApiLocale, shopApi } from './shop-api.js';

const LOCALE_KEY = 'kki-demo-locale';

function initialLocale(): KkiLocale {
  return window.localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'id';
}

/** The whole shop. */
export function App(): ReactElement {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } } }),
  );
  const [locale, setLocaleState] = useState<KkiLocale>(initialLocale);
  setApiLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    window.localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  return (
    <LocaleContext.Provider value={{ locale, setLocale: setLocaleState }}>
      <QueryClientProvider client={queryClient}>
        {/* Bahasa Indonesia is built in; English is its own import, passed when picked. */}
        <KkiProvider baseUrl="/api/kki" locale={locale === 'en' ? en : 'id'} queryClient={queryClient}>
          <Shell />
        </KkiProvider>
      </QueryClientProvider>
    </LocaleContext.Provider>
  );
}

function Shell(): ReactElement {
  const { t } = useShopCopy();
  // Asking for the session first gives a first visit its cookie before any BFF call.
  const session = useQuery({ queryKey: ['shop', 'session'], queryFn: shopApi.session });
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="shop-header">
        <div className="shop-header__row">
          <Link href="/" className="shop-brand">
            🛍️ {t.shopName}
          </Link>
          <div className="shop-header__controls">
            <LanguageSwitch />
            {session.data && <CustomerSwitch slot={session.data.slot} />}
          </div>
        </div>
        <NavBar staff={session.data?.staff ?? false} />
        <p className="shop-note">{t.demoNote}</p>
      </header>
      <main id="main" className="shop-main">
        {session.isPending ? (
          <p>{t.loading}</p>
        ) : session.isError ? (
          <p role="alert">{t.loadFailed}</p>
        ) : (
          <Page />
        )}
      </main>
    </>
  );
}

function NavBar(props: { staff: boolean }): ReactElement {
  const { t } = useShopCopy();
  const { path } = useLocation();
  const items: [string, string][] = [
    ['/', t.navShop],
    ['/cart', t.navCart],
    ['/account', t.navAccount],
    ['/staff', props.staff ? `${t.navStaff} ✓` : t.navStaff],
    ['/test-values', t.navTestValues],
  ];
  return (
    <nav aria-label={t.nav} className="shop-nav">
      {items.map(([href, label]) => (
        <Link key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

function LanguageSwitch(): ReactElement {
  const { t, locale } = useShopCopy();
  return (
    <LocaleContext.Consumer>
      {({ setLocale }) => (
        <label className="shop-select">
          <span>{t.language}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'id')}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
      )}
    </LocaleContext.Consumer>
  );
}

function CustomerSwitch(props: { slot: 'a' | 'b' }): ReactElement {
  const { t } = useShopCopy();
  const queryClient = useQueryClient();
  const change = async (slot: 'a' | 'b') => {
    const next = await shopApi.switchCustomer(slot);
    // Everything cached belonged to the other customer.
    queryClient.clear();
    queryClient.setQueryData(['shop', 'session'], next);
  };
  return (
    <label className="shop-select">
      <span>{t.customer}</span>
      <select value={props.slot} onChange={(e) => void change(e.target.value === 'b' ? 'b' : 'a')}>
        <option value="a">{t.customerA}</option>
        <option value="b">{t.customerB}</option>
      </select>
    </label>
  );
}

function Page(): ReactElement {
  const { path, query } = useLocation();
  // After a move to another page, focus its heading so screen readers start there (not at the top,
  // nor on the link that is gone). The first load keeps the browser's own focus.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger (a new page), not an input
  useEffect(() => {
    if (!hasNavigated()) return;
    const focus = (heading: HTMLElement) => {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    };
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      focus(heading);
      return;
    }
    // A page still loading its data shows its heading later: focus it when it appears.
    const main = document.getElementById('main');
    if (!main) return;
    const watch = new MutationObserver(() => {
      const later = main.querySelector<HTMLElement>('h1');
      if (!later) return;
      watch.disconnect();
      focus(later);
    });
    watch.observe(main, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [path]);
  const pay = matchPath('/orders/:orderId/pay', path);
  if (pay?.orderId) return <PayPage orderId={pay.orderId} resumePaymentId={query.get('paymentId')} />;
  // The bank app's way back names the payment; the result page is its order's.
  const returned = query.get(CHECKOUT_RETURN_PARAMS.paymentId);
  if (returned && path.replace(/\/+$/, '') === '/orders') return <PaymentReturn paymentId={returned} />;
  const order = matchPath('/orders/:orderId', path);
  if (order?.orderId) return <OrderPage orderId={order.orderId} />;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/cart':
      return <CartPage />;
    case '/checkout':
      return <CheckoutPage />;
    case '/orders':
      return <OrdersPage />;
    case '/account':
      return <AccountPage />;
    case '/staff':
      return <StaffPage />;
    case '/test-values':
      return <TestValuesPage />;
    default:
      return <CataloguePage />;
  }
}
