// What KkiProvider shares with the hooks and components.
import type { KkiClient, KkiPollingOptions } from '@kki-kit/client';
import type { KkiCopyOverrides, KkiError, KkiLocale } from '@kki-kit/contract';
import type { QueryClient } from '@tanstack/react-query';
import { type CSSProperties, createContext, useContext } from 'react';
import type { KkiCopyOverridesUi, KkiSharedCopy } from '../copy/index.js';

export type { KkiPollingOptions };

declare const process: { readonly env: { readonly NODE_ENV?: string } } | undefined;

/** The provider's value. */
export interface KkiContextValue {
  readonly client: KkiClient;
  readonly locale: KkiLocale;
  /**
   * The shared copy (text more than one component shows) in the provider's language, with every key
   * the language or the merchant's `copy` sets. A component's own built-in text is in its section, so
   * a custom component that needs any key reads `useKkiCopy()`.
   */
  readonly copy: KkiSharedCopy & KkiCopyOverridesUi;
  readonly errorCopy: KkiCopyOverrides | undefined;
  readonly queryClient: QueryClient;
  readonly polling: KkiPollingOptions;
  readonly style: CSSProperties | undefined;
  /** Says `message` in the provider's polite live region. */
  readonly announce: (message: string) => void;
  /** Any thrown value as a catalogue error in the provider's locale, with the merchant's copy. */
  readonly toError: (cause: unknown) => KkiError;
}

/** @internal The context; `null` outside a provider. */
export const KkiContext = createContext<KkiContextValue | null>(null);

/**
 * The provider's value.
 *
 * @throws Error naming `caller` when used outside `<KkiProvider>`.
 */
export function useKkiContext(caller: string): KkiContextValue {
  const value = useContext(KkiContext);
  if (value === null) {
    // The how-to hint is for development; production builds keep the short message only.
    const hint =
      typeof process === 'object' && process.env.NODE_ENV !== 'production'
        ? '. Wrap your checkout in <KkiProvider baseUrl="/api/kki"> (or pass a client from createKkiClient).'
        : '';
    throw new Error(`@kki-kit/react: ${caller} must be used inside <KkiProvider>${hint}`);
  }
  return value;
}
