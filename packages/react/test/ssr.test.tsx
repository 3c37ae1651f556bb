// @vitest-environment node
// Every component renders on the server without touching window or document: with renderToString,
// and KkiPayButton, whose KKI path loads on its own (React.lazy), with a streaming render that waits
// for it, as Next.js and other streaming servers do.
import { Writable } from 'node:stream';
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  CardPaymentFrame,
  KkiBindCard,
  KkiPayButton,
  KkiProvider,
  kkiQueryKeys,
  RefundForm,
  SavedCardsList,
} from '../src/index.js';
import { en } from '../src/locale/en.js';

/**
 * A QueryClient holding the BFF's config, as a server prefetches it: the components follow the
 * server's KKI path, so the pay form can be server-rendered only once that path is known.
 */
function withConfig(integration: 'h2h' | 'checkout'): QueryClient {
  const queryClient = new QueryClient();
  queryClient.setQueryData(kkiQueryKeys.config(), {
    kki: { integration },
    checkout: integration === 'checkout' ? { methods: ['kki', 'card'] } : null,
  });
  return queryClient;
}

/** The HTML once everything, lazily loaded parts included, has rendered (a streaming server's). */
function renderAll(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
    });
    sink.on('finish', () => resolve(html));
    const stream = renderToPipeableStream(element, {
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: reject,
    });
  });
}

const cases = [
  ['KkiPayButton', <KkiPayButton key="a" orderId="ord_test0001" />, 'Nomor kartu'],
  ['KkiBindCard', <KkiBindCard key="b" mode="otp" />, 'Tambah kartu'],
  ['SavedCardsList', <SavedCardsList key="c" />, 'Memuat kartu tersimpan'],
  ['CardPaymentFrame', <CardPaymentFrame key="d" orderId="ord_test0001" />, 'Bayar dengan kartu'],
  [
    'RefundForm',
    <RefundForm key="e" paymentId="pay_test0001" amount={150000} />,
    'Riwayat pengembalian dana',
  ],
] as const;

describe('server rendering', () => {
  it('has no DOM here', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it.each(cases)('%s renders on the server inside KkiProvider', async (name, element, text) => {
    const render = name === 'KkiPayButton' ? renderAll : renderToString;
    const html = await render(
      <KkiProvider
        baseUrl="/api/kki"
        queryClient={withConfig('h2h')}
        appearance={{ variables: { colorPrimary: '#E1251B' } }}
      >
        {element}
      </KkiProvider>,
    );
    expect(html).toContain(text);
    expect(html).toContain('--kki-color-primary:#E1251B');
    // The live region is rendered (empty) on the server, ready before anything is said.
    expect(html).toMatch(/role="status"[^>]*aria-live="polite"/);
  });

  it('renders in English too', async () => {
    const html = await renderAll(
      <KkiProvider baseUrl="/api/kki" locale={en} queryClient={withConfig('h2h')}>
        <KkiPayButton orderId="ord_test0001" />
      </KkiProvider>,
    );
    expect(html).toContain('Card number');
  });

  it('KkiPayButton follows the known path on the server, and renders no card field before it is known', async () => {
    const checkout = await renderAll(
      <KkiProvider baseUrl="/api/kki" queryClient={withConfig('checkout')}>
        <KkiPayButton orderId="ord_test0001" />
      </KkiProvider>,
    );
    expect(checkout).toContain('Bayar di DOKU');
    expect(checkout).not.toContain('Nomor kartu');
    const unknown = renderToString(
      <KkiProvider baseUrl="/api/kki">
        <KkiPayButton orderId="ord_test0001" />
      </KkiProvider>,
    );
    expect(unknown).toContain('role="status"');
    expect(unknown).not.toContain('Nomor kartu');
    // renderToString does not wait for a path's code, but once the server process has loaded it (any
    // earlier render did), renders the form too.
    const h2h = (
      <KkiProvider baseUrl="/api/kki" queryClient={withConfig('h2h')}>
        <KkiPayButton orderId="ord_test0001" />
      </KkiProvider>
    );
    await renderAll(h2h);
    expect(renderToString(h2h)).toContain('Nomor kartu');
  });

  it('every entry file starts with "use client"', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const entry of [
      'index',
      'KkiPayButton/index',
      'KkiBindCard/index',
      'SavedCardsList/index',
      'CardPaymentFrame/index',
      'RefundForm/index',
    ]) {
      const text = await readFile(new URL(`../src/${entry}.ts`, import.meta.url), 'utf8');
      expect(text.startsWith("'use client';"), entry).toBe(true);
    }
  });
});
