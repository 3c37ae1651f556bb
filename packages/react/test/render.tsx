// Renders kit UI inside a KkiProvider pointed at the mock BFF, with fast polling.
import type { KkiLocale } from '@kki-kit/contract';
import { QueryClient } from '@tanstack/react-query';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { en } from '../src/locale/en.js';
import { KkiProvider, type KkiProviderProps } from '../src/provider/KkiProvider.js';
import { BFF_URL, calls, server } from './bff-mock.js';

/** Starts msw for the file and resets handlers and recorded calls between tests. */
export function setupMockBff(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    calls.length = 0;
    sessionStorage.clear();
  });
  afterAll(() => server.close());
}

export type Extra = Omit<Partial<KkiProviderProps>, 'baseUrl' | 'client' | 'children' | 'locale'> & {
  /** The language by code; English is passed as its entry (`@kki-kit/react/locale/en`). */
  locale?: KkiLocale;
};

/** Renders `ui` in a provider; polling every 20-60 ms so tests stay quick. */
export function renderKki(ui: ReactElement, extra: Extra = {}): RenderResult & { queryClient: QueryClient } {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  // A wrapper (not a parent element) so `rerender` keeps the provider and its state.
  const { locale, ...props } = extra;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <KkiProvider
      baseUrl={BFF_URL}
      queryClient={queryClient}
      polling={{ initialIntervalMs: 20, maxIntervalMs: 60, factor: 1.5 }}
      locale={locale === 'en' ? en : 'id'}
      {...props}
    >
      {children}
    </KkiProvider>
  );
  const result = render(ui, { wrapper });
  return { ...result, queryClient };
}
