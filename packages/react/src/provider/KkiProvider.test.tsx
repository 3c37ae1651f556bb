import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { BFF_URL, callsTo, on } from '../../test/bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { createKkiClient } from '@kki-kit/client';
import { createKkiError, getErrorCopy } from '@kki-kit/contract';
import { useKkiPayment } from '../KkiPayButton/useKkiPayment.js';
import { useCardBinding } from '../KkiBindCard/useCardBinding.js';
import { useSavedCards } from '../SavedCardsList/useSavedCards.js';
import { useCardPaymentPage } from '../CardPaymentFrame/useCardPaymentPage.js';
import { useRefund } from '../RefundForm/useRefund.js';
import { KkiPayButton } from '../KkiPayButton/KkiPayButton.js';
import { en } from '../locale/en.js';
import { id } from '../locale/id.js';
import { useKkiContext } from './context.js';
import { useKkiCopy } from './useKkiCopy.js';
import { KkiProvider } from './KkiProvider.js';

setupMockBff();

describe('KkiProvider', () => {
  it('hooks and components throw a clear message outside the provider', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [name, hook] of [
      ['useKkiPayment', () => useKkiPayment({ orderId: ORDER_ID })],
      ['useCardBinding', () => useCardBinding()],
      ['useSavedCards', () => useSavedCards()],
      ['useCardPaymentPage', () => useCardPaymentPage({ orderId: ORDER_ID })],
      ['useRefund', () => useRefund({ paymentId: 'pay_test0001', amount: 1 })],
    ] as const satisfies readonly (readonly [string, () => unknown])[]) {
      expect(() => renderHook(hook as () => unknown)).toThrow(
        `@kki-kit/react: ${name} must be used inside <KkiProvider>`,
      );
    }
    expect(() => render(<KkiPayButton orderId={ORDER_ID} />)).toThrow(
      'KkiPayButton must be used inside <KkiProvider>',
    );
    spy.mockRestore();
  });

  it('sets the --kki-* variables, overrides copy per key, and errors per code', async () => {
    on('getOrder', { json: order() });
    on('listSavedCards', { json: { cards: [] } });
    on('createKkiPayment', { error: 'card_declined' });
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />, {
      appearance: { variables: { colorPrimary: '#E1251B', borderRadius: '2px' } },
      copy: { cardNumberLabel: 'Nomor KKI', payButton: (a) => `Bayar sekarang ${a}` },
      errorCopy: { card_declined: { id: 'Kartu ditolak, silakan pakai kartu lain.' } },
    });
    const root = container.querySelector('.kki-root') as HTMLElement;
    expect(root.style.getPropertyValue('--kki-color-primary')).toBe('#E1251B');
    expect(root.style.getPropertyValue('--kki-radius')).toBe('2px');
    expect(await screen.findByRole('button', { name: 'Bayar sekarang Rp 150.000' })).toBeInTheDocument();
    const { default: userEvent } = await import('@testing-library/user-event');
    const user = userEvent.setup();
    const { VALID_BRI_CPAN } = await import('../../test/fixtures.js');
    await user.type(screen.getByLabelText('Nomor KKI'), VALID_BRI_CPAN);
    await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), 'A1');
    await user.click(screen.getByRole('button', { name: /Bayar sekarang/ }));
    expect(
      await screen.findByText('Kartu ditolak, silakan pakai kartu lain.', { selector: '.kki-panel-text' }),
    ).toBeInTheDocument();
  });

  it('useKkiCopy gives a custom component every key; the context holds the shared copy and what was replaced', () => {
    const read = () => ({ all: useKkiCopy(), ctx: useKkiContext('test').copy });
    const copy = { refundTitle: 'Refund', retry: 'Ulangi' };
    const inLocale = (locale: 'id' | typeof en) =>
      renderHook(read, {
        wrapper: ({ children }: { children: ReactNode }) => (
          <KkiProvider baseUrl={BFF_URL} locale={locale} copy={copy}>
            {children}
          </KkiProvider>
        ),
      }).result.current;

    const inId = inLocale('id');
    expect(inId.all).toEqual({ ...id.copy, refundTitle: 'Refund', retry: 'Ulangi' });
    // Bahasa Indonesia is built in per component: the provider carries only the shared section.
    expect(inId.ctx.cardNumberLabel).toBe(id.copy.cardNumberLabel);
    expect(inId.ctx.retry).toBe('Ulangi');
    expect(inId.ctx.refundTitle).toBe('Refund');
    expect(inId.ctx.payTitle).toBeUndefined();

    const inEn = inLocale(en);
    expect(inEn.all).toEqual({ ...en.copy, refundTitle: 'Refund', retry: 'Ulangi' });
    expect(inEn.ctx.payTitle).toBe(en.copy.payTitle);
  });

  it('speaks English from its own entry, with merchant copy on top; a bare code it has no copy for throws', async () => {
    on('getOrder', { json: order() });
    on('listSavedCards', { json: { cards: [] } });
    renderKki(<KkiPayButton orderId={ORDER_ID} />, {
      locale: 'en',
      copy: { cardNumberLabel: 'KKI card number' },
    });
    expect(await screen.findByRole('button', { name: en.copy.payButton('IDR 150,000') })).toBeInTheDocument();
    expect(screen.getByLabelText('KKI card number')).toBeInTheDocument();
    expect(screen.getByLabelText(en.copy.ottLabel)).toBeInTheDocument();
    expect(callsTo('getOrder')[0]?.headers.get('X-KKI-Locale')).toBe('en');

    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    // What a JavaScript caller without the types could write: English is not built in.
    const bare = { locale: 'en' } as unknown as { locale: 'id' };
    expect(() => render(<KkiProvider baseUrl={BFF_URL} {...bare} />)).toThrow(
      `KkiProvider locale "en" is not built in; pass its copy, e.g. import { en } from '@kki-kit/react/locale/en' and locale={en}`,
    );
    spy.mockRestore();
  });

  it("shows a failed payment's error as the BFF worded it (its copyOverrides); the provider's errorCopy still wins", async () => {
    // The BFF words view errors in the asked language with the merchant's copyOverrides.
    const bffWording = 'Bank Anda menolak pembayaran ini. Silakan pakai kartu lain.';
    const declined = (message: string) =>
      payment({ status: 'failed', error: { ...createKkiError('card_declined', { locale: 'id' }), message } });
    on('getOrder', { json: order() });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', { json: declined(bffWording) });
    const ui = <KkiPayButton orderId={ORDER_ID} resumePaymentId={PAYMENT_ID} />;
    const first = renderKki(ui);
    expect(await screen.findByText(bffWording, { selector: '.kki-panel-text' })).toBeInTheDocument();
    first.unmount();

    const mine = 'Kartu ditolak, silakan pakai kartu lain.';
    const second = renderKki(ui, { errorCopy: { card_declined: { id: mine } } });
    expect(await screen.findByText(mine, { selector: '.kki-panel-text' })).toBeInTheDocument();
    second.unmount();

    // Catalogue copy in another language (a BFF asked in none) is re-worded in the provider's.
    on('getPayment', { json: declined(getErrorCopy('card_declined', 'id')) });
    renderKki(ui, { locale: 'en' });
    expect(
      await screen.findByText(getErrorCopy('card_declined', 'en'), { selector: '.kki-panel-text' }),
    ).toBeInTheDocument();
  });

  it('uses the QueryClient it is given, and a typed client with its own fetch and headers', async () => {
    const queryClient = new QueryClient();
    const fetchSpy = vi.fn(globalThis.fetch);
    const client = createKkiClient({
      baseUrl: `${BFF_URL}/`,
      fetch: fetchSpy,
      headers: () => ({ 'X-Shop': 's1' }),
    });
    on('getPayment', { json: payment({ status: 'succeeded' }) });
    on('getOrder', { json: order() });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <KkiProvider client={client} queryClient={queryClient} locale={en}>
        {children}
      </KkiProvider>
    );
    const { result } = renderHook(
      () => useKkiPayment({ orderId: ORDER_ID, resumePaymentId: 'pay_test0001' }),
      {
        wrapper,
      },
    );
    await waitFor(() => expect(result.current.phase).toBe('succeeded'));
    expect(queryClient.getQueryData(['kki-kit', 'payment', 'pay_test0001'])).toMatchObject({
      status: 'succeeded',
    });
    expect(fetchSpy).toHaveBeenCalled();
    const get = callsTo('getPayment')[0];
    expect(get?.headers.get('X-Shop')).toBe('s1');
    expect(get?.headers.get('X-KKI-Locale')).toBe('en');
    // Reads carry no CSRF header or idempotency key.
    expect(get?.headers.get('X-KKI-Request')).toBeNull();
    expect(get?.headers.get('Idempotency-Key')).toBeNull();
  });

  it('warns once in development when a prop read at mount changes: client, baseUrl, queryClient, savedCardId', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const queryClient = new QueryClient();
    const ui = (baseUrl: string, savedCardId: string) => (
      <KkiProvider baseUrl={baseUrl} queryClient={queryClient}>
        <KkiPayButton orderId={ORDER_ID} showSavedCards={false} savedCardId={savedCardId} />
      </KkiProvider>
    );
    on('getOrder', { json: order() });
    const view = render(ui(BFF_URL, 'card_test0001'));
    view.rerender(ui(BFF_URL, 'card_test0001')); // same values, new render: nothing to say
    expect(warn).not.toHaveBeenCalled();

    view.rerender(ui(`${BFF_URL}/v2`, 'card_test0002'));
    const said = warn.mock.calls.map((c) => String(c[0]));
    expect(said).toHaveLength(2);
    expect(said.some((m) => m.includes("KkiProvider's `baseUrl` changed after mount"))).toBe(true);
    expect(said.some((m) => m.includes("KkiPayButton's `savedCardId` changed after mount"))).toBe(true);

    view.rerender(ui(`${BFF_URL}/v3`, 'card_test0003')); // once per prop, not per change
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('says nothing in production builds', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const { useWarnOnChange } = await import('../internal/useWarnOnChange.js');
    vi.unstubAllEnvs();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = renderHook(({ v }) => useWarnOnChange(v, 'KkiProvider', 'client'), {
      initialProps: { v: 'a' },
    });
    rerender({ v: 'b' });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('checks an open payment at once when the page is shown again (back from the bank app)', async () => {
    const waiting = payment({
      nextAction: {
        type: 'issuer_app',
        url: 'https://app.bri.test/k',
        issuer: 'bri',
        expiresAt: inMinutes(5),
      },
    });
    let confirmed = false;
    on('getPayment', () => ({ json: confirmed ? payment({ status: 'succeeded' }) : waiting }));
    on('getOrder', { json: order() });
    // Polls far apart: only the page being shown again can bring the result in time.
    const wrapper = ({ children }: { children: ReactNode }) => (
      <KkiProvider baseUrl={BFF_URL} polling={{ initialIntervalMs: 600_000, maxIntervalMs: 600_000 }}>
        {children}
      </KkiProvider>
    );
    const { result } = renderHook(() => useKkiPayment({ orderId: ORDER_ID, resumePaymentId: PAYMENT_ID }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.phase).toBe('requires_action'));
    const before = callsTo('getPayment').length;
    confirmed = true; // approved in the bank's app meanwhile
    window.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(result.current.phase).toBe('succeeded'));
    expect(callsTo('getPayment')).toHaveLength(before + 1);
  });
});
