// KkiPayButton on the DOKU Checkout path (the BFF's config says `checkout`): no card field, one button
// that opens DOKU's page as an overlay, a popup or a redirect, then the shared waiting and end states.
import { CHECKOUT_RETURN_MESSAGE_TYPE, createKkiError, type PaymentView } from '@kki-kit/contract';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { BFF_URL, callsTo, on } from '../../test/bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { KkiBindCard } from '../KkiBindCard/KkiBindCard.js';
import { SavedCardsList } from '../SavedCardsList/SavedCardsList.js';
import { KkiPayButton } from './KkiPayButton.js';

setupMockBff();
afterEach(() => vi.restoreAllMocks());

const DOKU_URL = 'https://checkout.doku.test/checkout/link/abc';
const onDoku = (over: Partial<PaymentView> = {}) =>
  payment({
    method: 'checkout',
    card: null,
    nextAction: { type: 'checkout_page', url: DOKU_URL, expiresAt: inMinutes(60) },
    ...over,
  });
const paid = () => payment({ method: 'checkout', card: null, status: 'succeeded', checkoutChannel: 'kki' });

function checkoutBff() {
  on('getKitConfig', { json: { kki: { integration: 'checkout' }, checkout: { methods: ['kki', 'card'] } } });
  on('getOrder', { json: order() });
}

/** What the BFF's return page posts to the shop's window from the popup or the overlay. */
function returnMessage(origin: string, status = 'succeeded') {
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', {
        origin,
        data: { type: CHECKOUT_RETURN_MESSAGE_TYPE, paymentId: PAYMENT_ID, status },
      }),
    );
  });
}

describe('KkiPayButton on the Checkout path', () => {
  it('idle: no card field and no saved cards, one button with the amount, in both languages', async () => {
    checkoutBff();
    const { container, unmount } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('button', { name: 'Bayar Rp 150.000 di DOKU' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Nomor kartu')).toBeNull();
    expect(screen.queryByLabelText('Kode sekali pakai dari aplikasi bank')).toBeNull();
    expect(screen.getByText(/halaman pembayaran DOKU yang aman/)).toBeInTheDocument();
    expect(callsTo('listSavedCards')).toHaveLength(0);
    await expectNoAxeViolations(container);
    unmount();
    renderKki(<KkiPayButton orderId={ORDER_ID} />, { locale: 'en' });
    expect(await screen.findByRole('button', { name: 'Pay IDR 150,000 on DOKU' })).toBeInTheDocument();
  });

  it('overlay: DOKU in a modal frame; Esc closes it without cancelling; the return message brings the result', async () => {
    checkoutBff();
    on('createCheckoutPayment', { json: onDoku() });
    let done = false;
    on('getPayment', () => ({ json: done ? paid() : onDoku() }));
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} checkoutMode="overlay" onSuccess={onSuccess} />, {
      polling: { initialIntervalMs: 600_000, maxIntervalMs: 600_000 },
    });
    await user.click(await screen.findByRole('button', { name: /di DOKU/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Halaman pembayaran DOKU' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog.querySelector('iframe')).toHaveAttribute('src', DOKU_URL);
    const close = screen.getByRole('button', { name: 'Tutup' });
    await waitFor(() => expect(close).toHaveFocus());
    // Focus stays in the dialog: Tab from the frame goes back to the close button.
    dialog.querySelector('iframe')?.focus();
    await user.tab();
    expect(close).toHaveFocus();
    const body = callsTo('createCheckoutPayment')[0]?.body;
    expect(body).toMatchObject({ orderId: ORDER_ID, language: 'id', display: 'overlay' });
    expect(callsTo('createCheckoutPayment')[0]?.headers.get('Idempotency-Key')).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      screen.getByRole('heading', { name: 'Selesaikan pembayaran di halaman pembayaran DOKU.' }),
    ).toBeInTheDocument();
    expect(callsTo('cancelPayment')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Buka halaman pembayaran DOKU' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();

    // A message from another origin is ignored; the BFF's one triggers a read, never trusted as such.
    const reads = callsTo('getPayment').length;
    done = true;
    returnMessage('https://evil.test');
    expect(callsTo('getPayment')).toHaveLength(reads);
    returnMessage(new URL(BFF_URL).origin);
    expect(
      await screen.findByRole('heading', { name: 'Pembayaran Rp 150.000 berhasil.' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Dibayar dengan KKI.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('no answer: unconfirmed; check again goes through the opener and shows DOKU\u2019s page', async () => {
    checkoutBff();
    on('createCheckoutPayment', (_c, n) => (n === 0 ? { network: true } : { json: onDoku() }));
    on('getPayment', { json: onDoku() });
    const onError = vi.fn();
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} checkoutMode="overlay" onError={onError} />, {
      polling: { initialIntervalMs: 600_000, maxIntervalMs: 600_000 },
    });
    await user.click(await screen.findByRole('button', { name: /di DOKU/ }));
    await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' });
    // Not a failure the merchant should act on: the answer of the check fires the callbacks.
    expect(onError).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Halaman pembayaran DOKU' });
    expect(dialog.querySelector('iframe')).toHaveAttribute('src', DOKU_URL);
    const [a, b] = callsTo('createCheckoutPayment');
    expect(b?.headers.get('Idempotency-Key')).toBe(a?.headers.get('Idempotency-Key'));
  });

  it('popup: opened blank in the click, sent to DOKU once the BFF answers; blocked: a button opens it', async () => {
    checkoutBff();
    on('createCheckoutPayment', { json: onDoku() });
    on('getPayment', { json: onDoku() });
    const popup = { closed: false, close: vi.fn(), location: { href: 'about:blank' } };
    const open = vi.spyOn(window, 'open').mockReturnValueOnce(popup as unknown as Window);
    const user = userEvent.setup();
    const first = renderKki(<KkiPayButton orderId={ORDER_ID} checkoutMode="popup" />);
    await user.click(await screen.findByRole('button', { name: /di DOKU/ }));
    await waitFor(() => expect(popup.location.href).toBe(DOKU_URL));
    expect(open).toHaveBeenCalledWith('', 'kki-checkout', expect.stringContaining('popup'));
    expect(callsTo('createCheckoutPayment')[0]?.body).toMatchObject({ display: 'popup' });
    first.unmount();
    sessionStorage.clear();

    open.mockReturnValue(null);
    renderKki(<KkiPayButton orderId={ORDER_ID} checkoutMode="popup" />);
    await user.click(await screen.findByRole('button', { name: /di DOKU/ }));
    expect(await screen.findByText(/memblokir jendela pembayaran/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Buka halaman pembayaran DOKU' }));
    expect(open).toHaveBeenLastCalledWith(DOKU_URL, 'kki-checkout', expect.stringContaining('popup'));
  });

  it('redirect (default): back on the shop page, the payment named in the address is resumed and the address cleaned', async () => {
    checkoutBff();
    on('getPayment', { json: paid() });
    const onSuccess = vi.fn();
    window.history.replaceState(null, '', `/checkout?order=1&kki_payment=${PAYMENT_ID}&kki_status=succeeded`);
    renderKki(<KkiPayButton orderId={ORDER_ID} onSuccess={onSuccess} />);
    expect(
      await screen.findByRole('heading', { name: 'Pembayaran Rp 150.000 berhasil.' }),
    ).toBeInTheDocument();
    expect(callsTo('getPayment')[0]?.params.paymentId).toBe(PAYMENT_ID);
    expect(window.location.search).toBe('?order=1');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    window.history.replaceState(null, '', '/');
  });

  it('cancel asks first; "keep paying" changes nothing, "yes" cancels at the BFF', async () => {
    checkoutBff();
    on('getPayment', { json: onDoku() });
    on('cancelPayment', {
      json: onDoku({
        status: 'cancelled',
        nextAction: { type: 'none' },
        error: createKkiError('transaction_cancelled', { locale: 'id' }),
      }),
    });
    const onCancel = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(
      <KkiPayButton orderId={ORDER_ID} resumePaymentId={PAYMENT_ID} onCancel={onCancel} />,
    );
    await user.click(await screen.findByRole('button', { name: 'Batalkan pembayaran' }));
    expect(screen.getByText(/Batalkan pembayaran ini\?/)).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Tidak, lanjutkan membayar' }));
    expect(callsTo('cancelPayment')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Batalkan pembayaran' }));
    await user.click(screen.getByRole('button', { name: 'Ya, batalkan pembayaran' }));
    expect(await screen.findByRole('heading', { name: 'Pembayaran dibatalkan.' })).toBeInTheDocument();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("expired: DOKU's page ran out of time while open; refused: the catalogue copy", async () => {
    checkoutBff();
    const soon = onDoku({
      nextAction: { type: 'checkout_page', url: DOKU_URL, expiresAt: inMinutes(0.005) },
    });
    on('getPayment', { json: soon });
    const onExpire = vi.fn();
    const first = renderKki(
      <KkiPayButton orderId={ORDER_ID} resumePaymentId={PAYMENT_ID} onExpire={onExpire} />,
    );
    expect(await screen.findByRole('heading', { name: /Batas waktu/ })).toBeInTheDocument();
    expect(onExpire).toHaveBeenCalledTimes(1);
    first.unmount();
    sessionStorage.clear();

    on('createCheckoutPayment', { error: 'order_payment_open' });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /di DOKU/ }));
    expect(await screen.findByRole('heading', { name: 'Pembayaran tidak berhasil' })).toBeInTheDocument();
  });

  it('the config cannot be read: says so, and offers no way to pay', async () => {
    on('getKitConfig', { network: true });
    on('getOrder', { json: order() });
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('heading', { name: 'Pembayaran tidak berhasil' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Bayar/ })).toBeNull();
  });

  it('SavedCardsList and KkiBindCard say what they do on this path, in both languages', async () => {
    checkoutBff();
    on('listSavedCards', { json: { cards: [] } });
    const id = renderKki(
      <>
        <SavedCardsList />
        <KkiBindCard />
      </>,
    );
    expect(await screen.findByText(/Kartu disimpan di halaman pembayaran DOKU/)).toBeInTheDocument();
    expect(await screen.findByText(/kartu tidak bisa ditambahkan di sini/)).toBeInTheDocument();
    // No card field: the BFF takes no card number on this path.
    expect(screen.queryByLabelText('Nomor kartu')).toBeNull();
    await expectNoAxeViolations(id.container);
    id.unmount();
    renderKki(
      <>
        <SavedCardsList />
        <KkiBindCard />
      </>,
      { locale: 'en' },
    );
    expect(await screen.findByText(/Cards are saved on DOKU's payment page/)).toBeInTheDocument();
    expect(await screen.findByText(/a card cannot be added here/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Card number')).toBeNull();
  });
});
