import {
  CARD_PAGE_FALLBACK_HEIGHT_PX,
  CARD_PAGE_FRAME_SANDBOX,
  CARD_PAGE_HEIGHT_MESSAGE_TYPE,
  CARD_RETURN_MESSAGE_TYPE,
  getErrorCopy,
} from '@kki-kit/contract';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { BFF_URL, callsTo, on } from '../../test/bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { CardPaymentFrame } from './CardPaymentFrame.js';

setupMockBff();

const cardPayment = (over: Parameters<typeof payment>[0] = {}) =>
  payment({ method: 'card', kkiKind: null, cardPaymentType: 'SALE', card: null, ...over });
const onPage = () =>
  cardPayment({
    nextAction: { type: 'card_page', url: 'https://pay.doku.test/card/1', expiresAt: inMinutes(10) },
  });

function postReturn(origin: string, status: string) {
  window.dispatchEvent(
    new MessageEvent('message', {
      origin,
      data: { type: CARD_RETURN_MESSAGE_TYPE, paymentId: PAYMENT_ID, status },
    }),
  );
}

describe('CardPaymentFrame', () => {
  it('opens the card page in a titled frame and confirms the result through the BFF, not the message', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    // The BFF keeps saying "on the page" until the customer is back, then succeeded.
    let back = false;
    on('getPayment', () => ({ json: back ? cardPayment({ status: 'succeeded' }) : onPage() }));
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(
      <CardPaymentFrame
        orderId={ORDER_ID}
        theme={{ buttonBackgroundColor: '#E1251B' }}
        onSuccess={onSuccess}
      />,
      { polling: { initialIntervalMs: 5_000, maxIntervalMs: 5_000, factor: 1 } },
    );
    await expectNoAxeViolations(container);
    await user.click(await screen.findByRole('button', { name: 'Bayar Rp 150.000 dengan kartu' }));
    const frame = await screen.findByTitle('Pembayaran kartu');
    expect(frame).toHaveAttribute('src', 'https://pay.doku.test/card/1');
    expect(screen.getByRole('timer')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(callsTo('createCardPayment')[0]?.body).toEqual({
      orderId: ORDER_ID,
      language: 'id',
      paymentType: 'SALE',
      theme: { buttonBackgroundColor: '#E1251B' },
    });

    // A message from another origin, claiming success, is ignored.
    const before = callsTo('getPayment').length;
    act(() => postReturn('https://evil.test', 'succeeded'));
    await new Promise((r) => setTimeout(r, 50));
    expect(callsTo('getPayment').length).toBe(before);
    expect(screen.getByTitle('Pembayaran kartu')).toBeInTheDocument();

    // The BFF's own message only prompts a read; the BFF's answer decides.
    act(() => postReturn(new URL(BFF_URL).origin, 'succeeded'));
    await waitFor(() => expect(callsTo('getPayment').length).toBe(before + 1));
    expect(screen.getByTitle('Pembayaran kartu')).toBeInTheDocument();
    back = true;
    act(() => postReturn(new URL(BFF_URL).origin, 'failed'));
    expect(await screen.findByRole('heading', { name: 'Pembayaran kartu berhasil.' })).toBeInTheDocument();
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    await expectNoAxeViolations(container);
  });

  it('installments: pick a plan (required) by bank name and monthly amount, passed through with the payment type', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    const { container } = renderKki(
      <CardPaymentFrame
        orderId={ORDER_ID}
        paymentTypes={['SALE', 'INSTALLMENT']}
        installmentPlans={[
          { acquirer: 'BNI', tenor: 3 },
          { acquirer: 'BANK_MANDIRI', tenor: 12 },
        ]}
        allowedTenors={[3, 12]}
      />,
      { locale: 'en' },
    );
    await user.click(await screen.findByRole('radio', { name: 'Installments' }));
    await user.click(screen.getByRole('button', { name: 'Pay IDR 150,000 by card' }));
    const select = screen.getByLabelText('Installment plan');
    await waitFor(() => expect(select).toHaveFocus());
    expect(select).toHaveAccessibleDescription('Choose a plan');
    await expectNoAxeViolations(container);
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Choose a plan',
      'BNI: 3 × IDR 50,000/month',
      'Bank Mandiri: 12 × IDR 12,500/month',
    ]);
    await user.selectOptions(select, 'Bank Mandiri: 12 × IDR 12,500/month');
    await user.click(screen.getByRole('button', { name: 'Pay IDR 150,000 by card' }));
    await screen.findByTitle('Card payment');
    expect(callsTo('createCardPayment')[0]?.body).toEqual({
      orderId: ORDER_ID,
      language: 'en',
      paymentType: 'INSTALLMENT',
      installment: { acquirer: 'BANK_MANDIRI', tenor: 12 },
      allowedTenors: [3, 12],
    });
  });

  it('one plan offered is the choice: no second question before the card page', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    renderKki(
      <CardPaymentFrame
        orderId={ORDER_ID}
        paymentTypes={['INSTALLMENT']}
        installmentPlans={[{ acquirer: 'OCBC_NISP', tenor: 3 }]}
      />,
    );
    const select = await screen.findByLabelText('Pilihan cicilan');
    await waitFor(() => expect(select).toHaveDisplayValue(/^OCBC NISP: 3 × Rp\s50\.000\/bulan$/));
    await user.click(screen.getByRole('button', { name: /dengan kartu/ }));
    await screen.findByTitle('Pembayaran kartu');
    expect(callsTo('createCardPayment')[0]?.body).toMatchObject({
      paymentType: 'INSTALLMENT',
      installment: { acquirer: 'OCBC_NISP', tenor: 3 },
    });
  });

  it("the frame grows to the height the card page posts, from the page's own origin and window only", async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    const frame = (await screen.findByTitle('Pembayaran kartu')) as HTMLIFrameElement;
    // DOKU's page may post nothing: a fallback tall enough to reach its pay button.
    expect(frame.style.height).toBe(`${CARD_PAGE_FALLBACK_HEIGHT_PX}px`);
    // A cross-origin page: sandboxed with what DOKU's page needs.
    expect(frame.getAttribute('sandbox')).toBe(CARD_PAGE_FRAME_SANDBOX);
    const post = (origin: string, data: unknown, source: MessageEventSource | null = frame.contentWindow) =>
      act(() => {
        window.dispatchEvent(new MessageEvent('message', { origin, data, source }));
      });
    const height = (h: unknown) => ({ type: CARD_PAGE_HEIGHT_MESSAGE_TYPE, height: h });
    post('https://evil.test', height(900));
    post('https://pay.doku.test', height(900), window);
    post('https://pay.doku.test', height(1e9));
    post('https://pay.doku.test', height(-5));
    post('https://pay.doku.test', height('900'));
    post('https://pay.doku.test', { type: 'other', height: 900 });
    expect(frame.style.height).toBe(`${CARD_PAGE_FALLBACK_HEIGHT_PX}px`);
    post('https://pay.doku.test', height(912.4));
    expect(frame.style.height).toBe('913px');
    post('https://pay.doku.test', height(540));
    expect(frame.style.height).toBe('540px');
  });

  it('submitting, then a refusal with the catalogue copy and a retry when retryable', async () => {
    on('getOrder', { json: order() });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    on('createCardPayment', async (_c, n) => {
      if (n === 0) {
        await gate;
        return { error: 'doku_unavailable' };
      }
      return { json: onPage() };
    });
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    const { container } = renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(
      await screen.findByRole('button', { name: 'Membuka halaman kartu yang aman…' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
    release();
    expect(await screen.findByRole('heading', { name: 'Pembayaran kartu tidak berhasil' })).toHaveFocus();
    expect(
      screen.getByText(/Layanan pembayaran sedang tidak tersedia untuk sementara/, {
        selector: '.kki-panel-text',
      }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Coba lagi' }));
    await user.click(screen.getByRole('button', { name: /dengan kartu/ }));
    expect(await screen.findByTitle('Pembayaran kartu')).toBeInTheDocument();
  });

  it('no answer: unconfirmed, never "failed"; check again opens the page of the same request', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', (_c, n) => (n === 0 ? { network: true } : { json: onPage() }));
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    const { container } = renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' })).toHaveFocus();
    expect(screen.queryByRole('heading', { name: 'Pembayaran kartu tidak berhasil' })).toBeNull();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    expect(await screen.findByTitle('Pembayaran kartu')).toBeInTheDocument();
    const [a, b] = callsTo('createCardPayment');
    expect(b?.headers.get('Idempotency-Key')).toBe(a?.headers.get('Idempotency-Key'));
  });

  it('declined on the page (read from the BFF), and AUTHORIZE shown as approved', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    on('getPayment', (_c, n) => ({
      json:
        n === 0
          ? cardPayment({
              status: 'failed',
              // Worded by the BFF as it words every view error: the catalogue's copy in the asked language.
              error: {
                code: 'do_not_honor',
                message: getErrorCopy('do_not_honor', 'id'),
                retryable: false,
                httpStatus: 402,
              },
            })
          : onPage(),
    }));
    const user = userEvent.setup();
    const first = renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(
      await screen.findByText(/ditolak oleh bank penerbit/, { selector: '.kki-panel-text' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Coba lagi' })).not.toBeInTheDocument();
    first.unmount();

    on('createCardPayment', { json: cardPayment({ cardPaymentType: 'AUTHORIZE', status: 'authorized' }) });
    renderKki(<CardPaymentFrame orderId={ORDER_ID} paymentTypes={['AUTHORIZE']} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(
      await screen.findByRole('heading', {
        name: 'Pembayaran kartu disetujui. Toko akan segera menyelesaikannya.',
      }),
    ).toBeInTheDocument();
  });

  it('expired: the page runs out of time', async () => {
    on('getOrder', { json: order() });
    const soon = cardPayment({
      nextAction: {
        type: 'card_page',
        url: 'https://pay.doku.test/card/1',
        expiresAt: new Date(Date.now() + 300).toISOString(),
      },
    });
    on('createCardPayment', { json: soon });
    on('getPayment', { json: soon });
    const user = userEvent.setup();
    const { container } = renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(
      await screen.findByRole('heading', {
        name: 'Halaman kartu sudah kedaluwarsa. Silakan mulai pembayaran baru.',
      }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('keyboard only: choose the type and open the page', async () => {
    on('getOrder', { json: order() });
    on('createCardPayment', { json: onPage() });
    on('getPayment', { json: onPage() });
    const user = userEvent.setup();
    renderKki(<CardPaymentFrame orderId={ORDER_ID} paymentTypes={['SALE', 'AUTHORIZE']} />);
    await screen.findByRole('button', { name: /dengan kartu/ });
    await user.tab();
    expect(screen.getByRole('radio', { name: 'Bayar penuh' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('radio', { name: 'Otorisasi sekarang, tagih nanti' })).toBeChecked();
    await user.tab();
    await user.keyboard('{Enter}');
    await screen.findByTitle('Pembayaran kartu');
    expect(callsTo('createCardPayment')[0]?.body).toMatchObject({ paymentType: 'AUTHORIZE' });
  });
});
