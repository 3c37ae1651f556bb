// A TanStack query that polls with backoff until its data is settled or its deadline has passed.
import { isOutcomeUnknown, nextPoll, pollDelay } from '@kki-kit/client';
import { type QueryKey, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { KkiContextValue } from '../provider/context.js';

/** Options of {@link usePolledQuery}. */
export interface PolledQueryOptions<T> {
  readonly queryKey: QueryKey;
  readonly queryFn: (signal: AbortSignal) => Promise<T>;
  readonly enabled: boolean;
  /** True once the data will not change any more (terminal state): polling stops. */
  readonly isSettled: (data: T) => boolean;
  /** The data's deadline; polling stops once it has passed. */
  readonly expiresAt?: (data: T) => string | null | undefined;
  /**
   * Whether a failed read before any data is read again (with backoff) rather than taken as the
   * answer. Default: only a read that got no answer (`isOutcomeUnknown`).
   */
  readonly readAgain?: (error: unknown) => boolean;
}

/**
 * Polls while enabled and unsettled, waiting `pollDelay(n)` between polls, and at once when the page
 * is shown again (a shopper back from the bank's app sees the result without waiting for the next
 * poll); before any data, reads again with backoff while reads get no answer (or `readAgain` says). Stops at a settled
 * state, at expiry, and on unmount (TanStack Query drops the interval with the last observer and
 * aborts the in-flight request through the signal).
 */
export function usePolledQuery<T>(ctx: KkiContextValue, options: PolledQueryOptions<T>): UseQueryResult<T> {
  const readAgain = options.readAgain ?? isOutcomeUnknown;
  return useQuery(
    {
      queryKey: options.queryKey,
      queryFn: ({ signal }) => options.queryFn(signal),
      enabled: options.enabled,
      retry: false,
      // Data just written from an action's answer counts as fresh until the first poll is due.
      staleTime: ctx.polling.initialIntervalMs,
      refetchOnWindowFocus: (query) => {
        const data = query.state.data;
        return (data === undefined ? readAgain(query.state.error) : !options.isSettled(data))
          ? 'always'
          : false;
      },
      refetchInterval: (query) => {
        const data = query.state.data;
        // Nothing read yet: a read that got no answer (a network blip as the shopper comes back) is
        // tried again with backoff; a refusal (e.g. not found) is the answer, unless `readAgain` says.
        if (data === undefined)
          return readAgain(query.state.error)
            ? pollDelay(query.state.errorUpdateCount - 1, ctx.polling)
            : false;
        const attempt = query.state.dataUpdateCount + query.state.errorUpdateCount - 1;
        return nextPoll(options.isSettled(data), options.expiresAt?.(data), attempt, ctx.polling);
      },
    },
    ctx.queryClient,
  );
}
