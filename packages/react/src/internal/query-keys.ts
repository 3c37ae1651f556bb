// TanStack Query keys of the kit, in one place so hooks that share data share keys. Each key is its
// own export too, so a component's bundle carries only the keys it uses (the object is for callers).

/** The config key (the BFF's public configuration). */
export const configKey = () => ['kki-kit', 'config'] as const;
/** The key of one order. */
export const orderKey = (orderId: string) => ['kki-kit', 'order', orderId] as const;
/** The key of one payment. */
export const paymentKey = (paymentId: string) => ['kki-kit', 'payment', paymentId] as const;
/** The key of one card binding. */
export const bindingKey = (bindingId: string) => ['kki-kit', 'binding', bindingId] as const;
/** The key of the customer's saved cards. */
export const savedCardsKey = () => ['kki-kit', 'saved-cards'] as const;
/** The key of one payment's refunds. */
export const refundsKey = (paymentId: string) => ['kki-kit', 'refunds', paymentId] as const;

/** Query keys, all under `['kki-kit', …]`. */
export const kkiQueryKeys = {
  all: ['kki-kit'] as const,
  config: configKey,
  order: orderKey,
  payment: paymentKey,
  binding: bindingKey,
  savedCards: savedCardsKey,
  refunds: refundsKey,
};
