// TanStack Query keys of the kit, in one place so hooks that share data share keys.

/** Query keys, all under `['kki-kit', …]`. */
export const kkiQueryKeys = {
  all: ['kki-kit'] as const,
  config: () => ['kki-kit', 'config'] as const,
  order: (orderId: string) => ['kki-kit', 'order', orderId] as const,
  payment: (paymentId: string) => ['kki-kit', 'payment', paymentId] as const,
  binding: (bindingId: string) => ['kki-kit', 'binding', bindingId] as const,
  savedCards: () => ['kki-kit', 'saved-cards'] as const,
  refunds: (paymentId: string) => ['kki-kit', 'refunds', paymentId] as const,
};
