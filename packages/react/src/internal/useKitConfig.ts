// Which KKI path the merchant's server chose (DOKU Checkout or host-to-host), read once per provider:
// the components follow the server, the merchant passes no prop for it.
import type { KitConfig, KkiError } from '@kki-kit/contract';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { KkiContextValue } from '../provider/context.js';
import { configKey } from './query-keys.js';

/** The BFF's public configuration (`undefined` while loading, or when it could not be read). */
export function useKitConfigQuery(ctx: KkiContextValue, enabled = true): UseQueryResult<KitConfig> {
  return useQuery(
    {
      queryKey: configKey(),
      queryFn: ({ signal }) => ctx.client.request('getKitConfig', { signal, locale: ctx.locale }),
      enabled,
      // The server's choice does not change while the page lives; one read per QueryClient (provider).
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    },
    ctx.queryClient,
  );
}

/** The BFF's public configuration (`undefined` while loading) and why it could not be read. */
export function useKitConfig(
  ctx: KkiContextValue,
  enabled = true,
): { readonly config: KitConfig | undefined; readonly configError: KkiError | null } {
  const query = useKitConfigQuery(ctx, enabled);
  return {
    config: query.data,
    configError: query.error === null || query.data !== undefined ? null : ctx.toError(query.error),
  };
}
