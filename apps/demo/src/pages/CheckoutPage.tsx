import { useMutation } from '@tanstack/react-query';
import { type ReactElement, useEffect, useRef } from 'react';
import { cart, useCart } from '../cart.js';
import { useShopCopy } from '../i18n.js';
import { Link } from '../Link.js';
import { navigate } from '../router.js';
import { shopApi } from '../shop-api.js';

/** Sends the cart (ids and quantities) to the server, which creates and prices the order. */
export function CheckoutPage(): ReactElement {
  const { t } = useShopCopy();
  const lines = useCart();
  const started = useRef(false);
  const create = useMutation({
    mutationFn: () =>
      shopApi.createOrder(lines.map((l) => ({ productId: l.productId, quantity: l.quantity }))),
    onSuccess: ({ order }) => {
      cart.clear();
      // The checkout page created the order: Back goes to the cart, never here again.
      navigate(`/orders/${encodeURIComponent(order.id)}/pay`, { replace: true });
    },
  });
  useEffect(() => {
    // Once per visit of this page, even under StrictMode's double effects.
    if (started.current || lines.length === 0) return;
    started.current = true;
    create.mutate();
  }, [lines.length, create]);

  return (
    <section aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t.checkoutTitle}</h1>
      {lines.length === 0 && !create.isPending && !create.isSuccess ? (
        <p>
          {t.cartEmpty} <Link href="/">{t.backToShop}</Link>
        </p>
      ) : create.isError ? (
        <p role="alert">
          {t.orderFailed} {create.error.message}
        </p>
      ) : (
        <p role="status">{t.creatingOrder}</p>
      )}
    </section>
  );
}
