import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { callsTo, on } from '../../test/bff-mock.js';
import {
  inMinutes,
  ORDER_ID,
  order,
  PAYMENT_ID,
  payment,
  savedCard,
  VALID_BRI_CPAN,
} from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { KkiPayButton } from './KkiPayButton.js';

setupMockBff();

const issuerApp = (minutes = 5) => ({
  type: 'issuer_app' as const,
  url: 'https://app.bri.test/kki/confirm',
  issuer: 'bri' as const,
  expiresAt: inMinutes(minutes),
});

function baseHandlers(cards = [] as ReturnType<typeof savedCard>[]) {
  on('getOrder', { json: order() });
  on('listSavedCards', { json: { cards } });
}

async function fillNewCard(user: ReturnType<typeof userEvent.setup>, cpan = VALID_BRI_CPAN, ott = 'OTT123') {
  // The form appears once the BFF's config says H2H.
  await user.type(await screen.findByLabelText('Nomor kartu'), cpan);
  await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), ott);
}

describe('KkiPayButton', () => {
  it('idle: shows the form with the order amount from the BFF, in Indonesian and English', async () => {
    baseHandlers();
    const { container, unmount } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('button', { name: 'Bayar Rp 150.000' })).toBeInTheDocument();
    expect(screen.getByLabelText('Nomor kartu')).toHaveAttribute('autocomplete', 'cc-number');
    await expectNoAxeViolations(container);
    unmount();
    renderKki(<KkiPayButton orderId={ORDER_ID} />, { locale: 'en' });
    expect(await screen.findByRole('button', { name: 'Pay IDR 150,000' })).toBeInTheDocument();
    expect(screen.getByLabelText('Card number')).toBeInTheDocument();
  });

  it('invalid input: errors tied to the fields, focus on the first invalid one, nothing sent', async () => {
    baseHandlers();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /Bayar/ }));
    const cpan = screen.getByLabelText('Nomor kartu');
    await waitFor(() => expect(cpan).toHaveFocus());
    expect(cpan).toHaveAttribute('aria-invalid', 'true');
    expect(cpan).toHaveAccessibleDescription(expect.stringContaining('Masukkan nomor kartu Anda.'));
    expect(screen.getByLabelText('Kode sekali pakai dari aplikasi bank')).toHaveAccessibleDescription(
      expect.stringContaining('Masukkan kode sekali pakai'),
    );
    await expectNoAxeViolations(container);

    // Wrong check digit: the catalogue's invalid_cpan copy.
    const bad = `${VALID_BRI_CPAN.slice(0, 15)}${(Number(VALID_BRI_CPAN[15]) + 1) % 10}`;
    await user.type(cpan, bad);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(
      await screen.findByText('Nomor kartu tidak valid. Periksa kembali, lalu coba lagi.'),
    ).toBeInTheDocument();
    // Too short.
    await user.clear(cpan);
    await user.type(cpan, '93600002');
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(await screen.findByText('Nomor kartu terdiri dari 16 sampai 19 digit.')).toBeInTheDocument();
    expect(callsTo('createKkiPayment')).toHaveLength(0);
  });

  it('formats the CPAN in groups of four and names the issuer', async () => {
    baseHandlers();
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const cpan = await screen.findByLabelText('Nomor kartu');
    await user.type(cpan, VALID_BRI_CPAN);
    expect(cpan).toHaveValue(VALID_BRI_CPAN.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(cpan).toHaveAccessibleDescription(expect.stringContaining('Kartu BRI'));
  });

  it('pays with a new card: confirm in the issuer app with a countdown, then succeeded; latest callbacks', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment({ nextAction: issuerApp() }) });
    // DOKU keeps reporting "waiting" until the merchant has swapped its callback below, so the
    // success cannot land (and call the first callback) before the swap.
    let swapped = false;
    on('getPayment', () => ({
      json: swapped ? payment({ status: 'succeeded' }) : payment({ nextAction: issuerApp() }),
    }));
    const first = vi.fn();
    const latest = vi.fn();
    const onRequiresAction = vi.fn();
    const user = userEvent.setup();
    const { container, rerender } = renderKki(
      <KkiPayButton orderId={ORDER_ID} onSuccess={first} onRequiresAction={onRequiresAction} />,
    );
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: 'Bayar Rp 150.000' }));

    const heading = await screen.findByRole('heading', {
      name: 'Konfirmasi pembayaran di aplikasi BRI Anda.',
    });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Buka aplikasi BRI' })).toHaveAttribute(
      'href',
      'https://app.bri.test/kki/confirm',
    );
    expect(await screen.findByRole('timer')).toHaveTextContent(/Sisa waktu: 0[45]:\d\d/);
    expect(onRequiresAction).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'issuer_app' }),
      expect.anything(),
    );
    await expectNoAxeViolations(container);
    // The merchant passes a new callback while waiting: that one is called.
    rerender(<KkiPayButton orderId={ORDER_ID} onSuccess={latest} onRequiresAction={onRequiresAction} />);
    swapped = true;

    expect(
      await screen.findByRole('heading', { name: 'Pembayaran Rp 150.000 berhasil.' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(latest).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);

    const [create] = callsTo('createKkiPayment');
    expect(create?.body).toEqual({
      orderId: ORDER_ID,
      source: { type: 'card', cpan: VALID_BRI_CPAN, ott: 'OTT123', saveCard: false },
    });
    expect(create?.headers.get('X-KKI-Request')).toBe('1');
    expect(create?.headers.get('Idempotency-Key')).toMatch(/^[A-Za-z0-9_.:-]{8,255}$/);
    expect(callsTo('getPayment')[0]?.url.searchParams.get('refresh')).toBe('true');
    expect(screen.getByRole('status')).toHaveTextContent('Pembayaran Rp 150.000 berhasil.');
  });

  it('pays and saves the card when "save this card" is ticked', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment({ kkiKind: 'bind_and_pay', status: 'succeeded' }) });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('checkbox', { name: 'Simpan kartu ini untuk pembayaran berikutnya' }));
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await screen.findByRole('heading', { name: /berhasil/ });
    expect(callsTo('createKkiPayment')[0]?.body).toMatchObject({ source: { saveCard: true } });
  });

  it('pays with a saved card: the saved-card choice and its first card are preselected', async () => {
    baseHandlers([savedCard(), savedCard({ id: 'card_test0002', maskedCpan: '936000******1111' })]);
    on('createKkiPayment', { json: payment({ kkiKind: 'token', status: 'succeeded' }) });
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('radio', { name: 'Kartu tersimpan' })).toBeChecked();
    const cards = screen.getAllByRole('radio', { name: /^BRI / });
    expect(cards[0]).toBeChecked();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('radio', { name: 'BRI 936000******1111' }));
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await screen.findByRole('heading', { name: /berhasil/ });
    expect(callsTo('createKkiPayment')[0]?.body).toEqual({
      orderId: ORDER_ID,
      source: { type: 'saved_card', cardId: 'card_test0002' },
    });
  });

  it('the only saved card is selected: Bayar pays with it at once; "Kartu baru" still offers the form', async () => {
    baseHandlers([savedCard()]);
    on('createKkiPayment', { json: payment({ kkiKind: 'token', status: 'succeeded' }) });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('radio', { name: 'Kartu baru' }));
    expect(screen.getByLabelText('Nomor kartu')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Kartu tersimpan' }));
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await screen.findByRole('heading', { name: /berhasil/ });
    expect(callsTo('createKkiPayment')[0]?.body).toEqual({
      orderId: ORDER_ID,
      source: { type: 'saved_card', cardId: savedCard().id },
    });
  });

  it('failed (not retryable): the catalogue copy, no retry, start over keeps the card number', async () => {
    baseHandlers();
    on('createKkiPayment', { error: 'card_declined' });
    const onError = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} onError={onError} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(await screen.findByRole('heading', { name: 'Pembayaran tidak berhasil' })).toHaveFocus();
    expect(
      screen.getByText(
        'Pembayaran dengan kartu Anda tidak disetujui. Coba kartu lain atau hubungi bank Anda.',
        {
          selector: '.kki-panel-text',
        },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Coba lagi' })).not.toBeInTheDocument();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'card_declined' }), null);
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Mulai lagi' }));
    expect(screen.getByLabelText('Nomor kartu')).not.toHaveValue('');
    expect(screen.getByLabelText('Kode sekali pakai dari aplikasi bank')).toHaveValue('');
  });

  it('order_payment_open: says another payment of the order is in progress, with the payment to resume', async () => {
    baseHandlers();
    const details = { paymentId: 'pay_open0000000000000000001', method: 'card' as const };
    on('createKkiPayment', { error: 'order_payment_open', details });
    const onError = vi.fn();
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} onError={onError} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(
      await screen.findByText(
        'Pesanan ini sudah memiliki pembayaran yang sedang berjalan. Selesaikan pembayaran itu, atau batalkan sebelum membayar dengan cara lain.',
        { selector: '.kki-panel-text' },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Coba lagi' })).not.toBeInTheDocument();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'order_payment_open', details }),
      null,
    );
  });

  it('no answer: unconfirmed, never "failed"; check again resends the same request with its key', async () => {
    baseHandlers();
    on('createKkiPayment', (_c, n) =>
      n === 0 ? { network: true } : { json: payment({ status: 'succeeded' }) },
    );
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    // The BFF may have charged: the customer is told so, not that the payment failed.
    expect(await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' })).toHaveFocus();
    expect(screen.queryByRole('heading', { name: 'Pembayaran tidak berhasil' })).toBeNull();
    expect(screen.getByText(/tidak pernah diproses dua kali/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    await screen.findByRole('heading', { name: /berhasil/ });
    const [a, b] = callsTo('createKkiPayment');
    expect(a?.headers.get('Idempotency-Key')).toBe(b?.headers.get('Idempotency-Key'));
    expect(b?.body).toEqual(a?.body);
  });

  it('no answer, then start over: the form keeps the card number and asks for a new token', async () => {
    baseHandlers();
    on('createKkiPayment', { network: true });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' });
    await user.click(screen.getByRole('button', { name: 'Mulai lagi' }));
    expect(screen.getByLabelText('Nomor kartu')).toHaveValue(VALID_BRI_CPAN.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(screen.getByLabelText('Kode sekali pakai dari aplikasi bank')).toHaveValue('');
  });

  it('a refusal about the OTT goes back to the form, on the OTT field, with a new key next time', async () => {
    baseHandlers();
    on('createKkiPayment', (_c, n) =>
      n === 0 ? { error: 'invalid_ott', field: 'ott' } : { json: payment({ status: 'succeeded' }) },
    );
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    const ott = screen.getByLabelText('Kode sekali pakai dari aplikasi bank');
    await waitFor(() => expect(ott).toHaveAttribute('aria-invalid', 'true'));
    await waitFor(() => expect(ott).toHaveFocus());
    expect(ott).toHaveValue('');
    await expectNoAxeViolations(container);
    await user.type(ott, 'NEWOTT9');
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await screen.findByRole('heading', { name: /berhasil/ });
    const [a, b] = callsTo('createKkiPayment');
    expect(a?.headers.get('Idempotency-Key')).not.toBe(b?.headers.get('Idempotency-Key'));
  });

  it('a second submit while one is in flight does nothing', async () => {
    baseHandlers();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    on('createKkiPayment', async () => {
      await gate;
      return { json: payment({ status: 'succeeded' }) };
    });
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    const button = screen.getByRole('button', { name: /Bayar/ });
    await user.click(button);
    expect(await screen.findByRole('button', { name: 'Pembayaran sedang diproses…' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Pembayaran sedang diproses…' }));
    await user.keyboard('{Enter}');
    release();
    await screen.findByRole('heading', { name: /berhasil/ });
    expect(callsTo('createKkiPayment')).toHaveLength(1);
  });

  it('expired: the issuer-app step runs out of time', async () => {
    baseHandlers();
    const soon = new Date(Date.now() + 300).toISOString();
    const waiting = payment({ nextAction: { ...issuerApp(), expiresAt: soon } });
    on('createKkiPayment', { json: waiting });
    on('getPayment', { json: waiting });
    const onExpire = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} onExpire={onExpire} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(
      await screen.findByRole('heading', {
        name: 'Batas waktu konfirmasi pembayaran sudah habis. Silakan mulai pembayaran baru.',
      }),
    ).toBeInTheDocument();
    await waitFor(() => expect(onExpire).toHaveBeenCalledTimes(1));
    await expectNoAxeViolations(container);
    // Still open at the BFF: asked about slowly (a late confirmation would still show), and the
    // expiry is told once.
    await new Promise((r) => setTimeout(r, 200));
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(
      screen.getByRole('heading', {
        name: 'Batas waktu konfirmasi pembayaran sudah habis. Silakan mulai pembayaran baru.',
      }),
    ).toBeInTheDocument();
  });

  it('resumes the order\u2019s attempt in progress from the server: no form, no second payment', async () => {
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'kki' }) });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', { json: payment({ id: PAYMENT_ID, nextAction: issuerApp() }) });
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('link', { name: /Buka aplikasi/ })).toBeInTheDocument();
    expect(screen.queryByLabelText('Nomor kartu')).not.toBeInTheDocument();
    expect(callsTo('getPayment')[0]?.params.paymentId).toBe(PAYMENT_ID);
    expect(callsTo('createKkiPayment')).toHaveLength(0);
    await expectNoAxeViolations(container);
  });

  it('cancel while waiting for the issuer app', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment({ nextAction: issuerApp() }) });
    on('getPayment', { json: payment({ nextAction: issuerApp() }) });
    on('cancelPayment', {
      json: payment({
        status: 'cancelled',
        error: { code: 'transaction_cancelled', message: 'x', retryable: false, httpStatus: 409 },
      }),
    });
    const onCancel = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} onCancel={onCancel} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await user.click(await screen.findByRole('button', { name: 'Batalkan pembayaran' }));
    expect(await screen.findByRole('heading', { name: 'Pembayaran dibatalkan.' })).toBeInTheDocument();
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(callsTo('cancelPayment')[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('OTP redirect: a link to the bank page; after the return the payment is resumed from this tab', async () => {
    baseHandlers();
    const otp = payment({
      nextAction: { type: 'otp_redirect', url: 'https://otp.doku.test/p/1', expiresAt: inMinutes(5) },
    });
    on('createKkiPayment', { json: otp });
    on('getPayment', { json: otp });
    const user = userEvent.setup();
    const first = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(await screen.findByRole('link', { name: 'Lanjut ke verifikasi' })).toHaveAttribute(
      'href',
      'https://otp.doku.test/p/1',
    );
    await expectNoAxeViolations(first.container);
    first.unmount();
    // Back from the bank: a fresh page for the same order picks the payment up.
    on('getPayment', { json: payment({ status: 'succeeded' }) });
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByRole('heading', { name: /berhasil/ })).toBeInTheDocument();
    expect(callsTo('getPayment').at(-1)?.params.paymentId).toBe(PAYMENT_ID);
    expect(sessionStorage.getItem(`kki-kit:payment:${ORDER_ID}`)).toBeNull();
    // No card data was kept in storage at any point.
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.toContain(VALID_BRI_CPAN);
  });

  it('pending: waiting for the bank without a customer step', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment() });
    on('getPayment', { json: payment() });
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    expect(
      await screen.findByRole('heading', { name: 'Menunggu konfirmasi pembayaran dari bank…' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('polling stops on unmount', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment({ nextAction: issuerApp() }) });
    on('getPayment', { json: payment({ nextAction: issuerApp() }) });
    const user = userEvent.setup();
    const { unmount } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await fillNewCard(user);
    await user.click(screen.getByRole('button', { name: /Bayar/ }));
    await waitFor(() => expect(callsTo('getPayment').length).toBeGreaterThan(1));
    unmount();
    const polls = callsTo('getPayment').length;
    await new Promise((r) => setTimeout(r, 250));
    expect(callsTo('getPayment').length).toBe(polls);
  });

  it('keyboard only: Tab through the fields, type, Enter to pay', async () => {
    baseHandlers();
    on('createKkiPayment', { json: payment({ status: 'succeeded' }) });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await screen.findByRole('button', { name: 'Bayar Rp 150.000' });
    await user.tab();
    expect(screen.getByLabelText('Nomor kartu')).toHaveFocus();
    await user.keyboard(VALID_BRI_CPAN);
    await user.tab();
    expect(screen.getByLabelText('Kode sekali pakai dari aplikasi bank')).toHaveFocus();
    await user.keyboard('OTT123');
    await user.tab();
    await user.keyboard(' ');
    expect(screen.getByRole('checkbox')).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Bayar Rp 150.000' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: /berhasil/ })).toHaveFocus();
    expect(callsTo('createKkiPayment')[0]?.body).toMatchObject({ source: { saveCard: true } });
  });
});
