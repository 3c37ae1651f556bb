// The shop page of the integration tests: kit UI in a KkiProvider whose client reaches the real BFF.
import { QueryClient } from '@tanstack/react-query';
import { type RenderResult, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { KkiClient } from '@kki-kit/client';
import { KkiProvider } from '../../src/provider/KkiProvider.js';

/** Renders `ui` with `client`, no query retries and polling every 20-60 ms so tests stay quick. */
export function renderWithClient(ui: ReactElement, client: KkiClient): RenderResult {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <KkiProvider
      client={client}
      queryClient={queryClient}
      polling={{ initialIntervalMs: 20, maxIntervalMs: 60 }}
    >
      {ui}
    </KkiProvider>,
  );
}
