// The order being paid, read from the BFF: the amount always comes from the merchant's server.
import type { KkiError, OrderView } from '@kki-kit/contract';
import { useQuery } from '@tanstack/react-query';
import type { KkiContextValue } from '../provider/context.js';
import { orderKey } from './query-keys.js';

/** The order `orderId` (undefined while loading) and the error reading it, if any. */
export function useOrder(
  ctx: KkiContextValue,
  orderId: string | undefined,
): { readonly order: OrderView | undefined; readonly orderError: KkiError | null } {
  const query = useQuery(
    {
      queryKey: orderKey(orderId ?? ''),
      queryFn: ({ signal }) =>
        ctx.client.request('getOrder', { params: { orderId: orderId ?? '' }, signal, locale: ctx.locale }),
      enabled: orderId !== undefined,
      staleTime: 30_000,
      retry: false,
    },
    ctx.queryClient,
  );
  return { order: query.data, orderError: query.error === null ? null : ctx.toError(query.error) };
}
