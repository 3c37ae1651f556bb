import { formatIdr } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { cart } from '../cart.js';
import { useShopCopy } from '../i18n.js';
import { shopApi } from '../shop-api.js';

/** The products with their server-side prices. */
export function CataloguePage(): ReactElement {
  const { t, locale } = useShopCopy();
  const products = useQuery({ queryKey: ['shop', 'products'], queryFn: shopApi.products });
  const [added, setAdded] = useState<string | null>(null);
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t.catalogueTitle}</h1>
      {products.isPending && <p>{t.loading}</p>}
      {products.isError && <p role="alert">{t.loadFailed}</p>}
      <ul className="product-grid">
        {products.data?.products.map((p) => {
          const name = locale === 'en' ? p.nameEn : p.name;
          return (
            <li key={p.id} className="product-card">
              <span className="product-card__emoji" aria-hidden="true">
                {p.emoji}
              </span>
              <h2>{name}</h2>
              <p className="product-card__price">{formatIdr(p.price, locale)}</p>
              <button
                type="button"
                className="shop-button"
                aria-label={`${t.addToCart}: ${name}`}
                onClick={() => {
                  cart.add(p.id);
                  setAdded(name);
                }}
              >
                {t.addToCart}
              </button>
            </li>
          );
        })}
      </ul>
      <p role="status" className="shop-status">
        {added ? `${t.added}: ${added}` : ''}
      </p>
    </section>
  );
}
