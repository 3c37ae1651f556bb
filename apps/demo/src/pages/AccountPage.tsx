import { KkiBindCard, SavedCardsList } from '@kki-kit/react';
import type { ReactElement } from 'react';
import { useShopCopy } from '../i18n.js';
import { useLocation } from '../router.js';
import { MyOrders } from './OrdersPage.js';

/** The customer's account: orders, saved KKI cards, and adding a card. */
export function AccountPage(): ReactElement {
  const { t } = useShopCopy();
  const { query } = useLocation();
  const resumeBindingId = query.get('bindingId');
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t.accountTitle}</h1>
      <h2>{t.myOrders}</h2>
      <MyOrders />
      {/* The list brings its own "saved cards" heading. */}
      <SavedCardsList />
      <h2>{t.addCard}</h2>
      <KkiBindCard {...(resumeBindingId && { resumeBindingId })} />
    </section>
  );
}
