import { formatIdr } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { cart, useCart } from '../cart.js';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { shopApi } from '../shop-api.js';

/** The cart, priced for display from the catalogue (the order is priced again on the server). */
export function CartPage(): ReactElement {
  const { t, locale } = useShopCopy();
  const lines = useCart();
  const products = useQuery({ queryKey: ['shop', 'products'], queryFn: shopApi.products });
  const known = lines.flatMap((l) => {
    const product = products.data?.products.find((p) => p.id === l.productId);
    return product ? [{ ...l, product }] : [];
  });
  const total = known.reduce((sum, l) => sum + l.product.price * l.quantity, 0);
  return (
    <section aria-labelledby="cart-title">
      <h1 id="cart-title">{t.cartTitle}</h1>
      {known.length === 0 ? (
        <p>{products.isPending && lines.length > 0 ? t.loading : t.cartEmpty}</p>
      ) : (
        <>
          <ul className="cart-list">
            {known.map((l) => {
              const name = locale === 'en' ? l.product.nameEn : l.product.name;
              return (
                <li key={l.productId} className="cart-line">
                  <span className="cart-line__name">{name}</span>
                  <label className="cart-line__qty">
                    <span>{t.quantity}</span>
                    <input
                      type="number"
                      min={1}
                      max={20}
                      value={l.quantity}
                      aria-label={`${t.quantity}: ${name}`}
                      onChange={(e) => {
                        const q = Math.trunc(Number(e.target.value));
                        if (q >= 1 && q <= 20) cart.setQuantity(l.productId, q);
                      }}
                    />
                  </label>
                  <span>{formatIdr(l.product.price * l.quantity, locale)}</span>
                  <button
                    type="button"
                    className="shop-button shop-button--quiet"
                    aria-label={`${t.remove}: ${name}`}
                    onClick={() => cart.setQuantity(l.productId, 0)}
                  >
                    {t.remove}
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="cart-total">
            {t.total}: <strong>{formatIdr(total, locale)}</strong>
          </p>
          <Link href="/checkout" className="shop-button">
            {t.checkout}
          </Link>
        </>
      )}
    </section>
  );
}
