'use client';
// KkiProvider: the BFF client, language and copy, appearance, TanStack Query client, live region.
import { createKkiClient, DEFAULT_POLLING, type KkiClient } from '@kki-kit/client';
import { DEFAULT_LOCALE, type KkiCopyOverrides } from '@kki-kit/contract';
import { QueryClient } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ID_SHARED } from '../copy/id/shared.js';
import type { KkiCopy, KkiUiLocale } from '../copy/index.js';
import { LiveRegion } from '../fields/LiveRegion.js';
import { useWarnOnChange } from '../internal/useWarnOnChange.js';
import { appearanceStyle, type KkiAppearance } from './appearance.js';
import { KkiContext, type KkiContextValue, type KkiPollingOptions } from './context.js';
import { toKkiError } from './to-error.js';

// Declared here rather than taken from @types/node: the kit's browser build has no Node types.
declare const process: { readonly env: { readonly NODE_ENV?: string } } | undefined;

/** Where the BFF is: its URL, or a client made with `createKkiClient`. */
export type KkiProviderTarget =
  | {
      /** The BFF's mount, e.g. `/api/kki`. */
      readonly baseUrl: string;
      readonly client?: never;
    }
  | {
      /** A typed client (custom fetch, headers or credentials). */
      readonly client: KkiClient;
      readonly baseUrl?: never;
    };

/** Props of {@link KkiProvider}. */
export type KkiProviderProps = KkiProviderTarget & {
  /**
   * The language: `'id'` (Bahasa Indonesia, the default, built in) or a language imported from its
   * own entry, e.g. `en` from `@kki-kit/react/locale/en`. Also sent to the BFF, which words errors in it.
   */
  readonly locale?: 'id' | KkiUiLocale;
  /** Replacements for any UI copy key, in the chosen locale. */
  readonly copy?: Partial<KkiCopy>;
  /** Replacements for the catalogue's error copy, per code and locale. */
  readonly errorCopy?: KkiCopyOverrides;
  /** CSS variables (`--kki-*`) set on every component's root. */
  readonly appearance?: KkiAppearance;
  /** The app's TanStack Query client; the kit makes its own when none is given. */
  readonly queryClient?: QueryClient;
  /** Polling backoff for pending payments, bindings and refunds. */
  readonly polling?: Partial<KkiPollingOptions>;
  readonly children?: ReactNode;
};

/**
 * The language `locale` names; `undefined` for the built-in Bahasa Indonesia, whose text each component
 * brings itself. A bare code other than `'id'` (untyped code) has no copy to show.
 */
function uiLocaleOf(locale: KkiProviderProps['locale']): KkiUiLocale | undefined {
  if (locale === undefined || locale === 'id') return undefined;
  if (typeof locale === 'object') return locale;
  throw new Error(
    `@kki-kit/react: KkiProvider locale "${String(locale)}" is not built in; pass its copy, e.g. import { en } from '@kki-kit/react/locale/en' and locale={en}`,
  );
}

/**
 * Makes the kit's hooks and components work below it. Renders its children and one visually hidden
 * polite live region through which every component announces status changes.
 */
export function KkiProvider(props: KkiProviderProps): ReactElement {
  const { copy: copyOverrides, errorCopy, appearance, children } = props;
  const uiLocale = uiLocaleOf(props.locale);
  const locale = uiLocale?.code ?? DEFAULT_LOCALE;
  // The kit's own client lives as long as the provider; hooks pass it explicitly, so an app-level
  // QueryClientProvider elsewhere is neither needed nor shadowed.
  const [ownQueryClient] = useState(
    () =>
      props.queryClient ?? new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  const queryClient = props.queryClient ?? ownQueryClient;
  // What QueryClientProvider would do: TanStack then hears the page being shown again and the
  // network coming back (the kit's polled queries refetch on focus while they wait on the bank).
  useEffect(() => {
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient]);
  const baseUrl = props.baseUrl;
  // The BFF and the cache are fixed for the provider's life: hooks below hold state from them.
  // Development only, written out so production bundles drop it (see useWarnOnChange).
  if (typeof process === 'object' && process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: the build fixes the condition, so the hook order is stable
    useWarnOnChange(props.client, 'KkiProvider', 'client');
    // biome-ignore lint/correctness/useHookAtTopLevel: the build fixes the condition, so the hook order is stable
    useWarnOnChange(baseUrl, 'KkiProvider', 'baseUrl');
    // biome-ignore lint/correctness/useHookAtTopLevel: the build fixes the condition, so the hook order is stable
    useWarnOnChange(props.queryClient, 'KkiProvider', 'queryClient');
  }
  const client = useMemo(
    () => props.client ?? createKkiClient({ baseUrl: baseUrl ?? '' }),
    [props.client, baseUrl],
  );

  const [message, setMessage] = useState('');
  const counter = useRef(0);
  const announce = useCallback((next: string) => {
    // A repeated message gets an invisible variation, so screen readers read it again.
    counter.current += 1;
    setMessage(counter.current % 2 === 0 ? next : `${next}\u00a0`);
  }, []);

  // The shared section under the language's copy and the merchant's: components lay their own
  // section under this (useSectionCopy), so the provider carries no component's text.
  const copy = useMemo(
    () => ({ ...ID_SHARED, ...uiLocale?.copy, ...copyOverrides }),
    [uiLocale, copyOverrides],
  );
  const pollInitial = props.polling?.initialIntervalMs;
  const pollMax = props.polling?.maxIntervalMs;
  const pollFactor = props.polling?.factor;
  const polling = useMemo<KkiPollingOptions>(
    () => ({
      initialIntervalMs: pollInitial ?? DEFAULT_POLLING.initialIntervalMs,
      maxIntervalMs: pollMax ?? DEFAULT_POLLING.maxIntervalMs,
      factor: pollFactor ?? DEFAULT_POLLING.factor,
    }),
    [pollInitial, pollMax, pollFactor],
  );
  const style = useMemo(() => appearanceStyle(appearance), [appearance]);

  const value = useMemo<KkiContextValue>(
    () => ({
      client,
      locale,
      copy,
      errorCopy,
      queryClient,
      polling,
      style,
      announce,
      toError: (cause) => toKkiError(cause, locale, copy, errorCopy),
    }),
    [client, locale, copy, errorCopy, queryClient, polling, style, announce],
  );

  return (
    <KkiContext.Provider value={value}>
      {children}
      <LiveRegion message={message} />
    </KkiContext.Provider>
  );
}
