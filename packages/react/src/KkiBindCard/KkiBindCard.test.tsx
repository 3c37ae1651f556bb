import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { callsTo, on } from '../../test/bff-mock.js';
import { BINDING_ID, binding, inMinutes, VALID_BRI_CPAN } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { KkiBindCard } from './KkiBindCard.js';

setupMockBff();

const otpStep = (attemptsLeft = 3) => ({ type: 'otp_input' as const, expiresAt: inMinutes(5), attemptsLeft });
const active = () => binding({ status: 'active', cardId: 'card_test0001' });

describe('KkiBindCard', () => {
  it('idle and invalid input: labelled fields, errors described, focus on the first invalid', async () => {
    const user = userEvent.setup();
    const { container } = renderKki(<KkiBindCard mode="otp" />);
    await expectNoAxeViolations(container);
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    const cpan = screen.getByLabelText('Nomor kartu');
    await waitFor(() => expect(cpan).toHaveFocus());
    expect(cpan).toHaveAccessibleDescription(expect.stringContaining('Masukkan nomor kartu Anda.'));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      expect.stringContaining('Masukkan alamat email seperti nama@contoh.com.'),
    );
    await expectNoAxeViolations(container);
    expect(callsTo('createBinding')).toHaveLength(0);
  });

  it('H2H: OTP typed in the component (autocomplete one-time-code), a wrong code, then active', async () => {
    on('createBinding', { json: binding({ nextAction: otpStep(3) }) });
    on('verifyBindingOtp', (_c, n) => (n === 0 ? { error: 'invalid_otp' } : { json: active() }));
    on('getBinding', { json: binding({ nextAction: otpStep(2) }) });
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiBindCard mode="otp" onSuccess={onSuccess} />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.type(screen.getByLabelText('Nama sesuai kartu'), 'Siti Rahma');
    await user.type(screen.getByLabelText('Nomor ponsel'), '6281234567890');
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));

    const otp = await screen.findByLabelText('Kode verifikasi (OTP)');
    expect(otp).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.getByText('Sisa 3 kali percobaan.')).toBeInTheDocument();
    expect(await screen.findByRole('timer')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    expect(callsTo('createBinding')[0]?.body).toEqual({
      cpan: VALID_BRI_CPAN,
      mode: 'otp',
      holder: { name: 'Siti Rahma', phone: '6281234567890' },
    });

    // Too short: caught before sending.
    await user.type(otp, '12');
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    expect(await screen.findByText('Kode verifikasi terdiri dari 4 sampai 8 digit.')).toBeInTheDocument();
    expect(callsTo('verifyBindingOtp')).toHaveLength(0);

    await user.clear(otp);
    await user.type(otp, '000000');
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Kode verifikasi (OTP)')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(await screen.findByText('Sisa 2 kali percobaan.')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.type(screen.getByLabelText('Kode verifikasi (OTP)'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    expect(
      await screen.findByRole('heading', { name: 'Kartu 936000******5678 berhasil ditambahkan.' }),
    ).toHaveFocus();
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(callsTo('verifyBindingOtp').map((c) => c.params.bindingId)).toEqual([BINDING_ID, BINDING_ID]);
    expect(callsTo('verifyBindingOtp')[1]?.body).toEqual({ otp: '123456' });
    await expectNoAxeViolations(container);
  });

  it("DH: DOKU's OTP page in a new tab (never a frame), polled until active", async () => {
    const page = {
      type: 'otp_redirect' as const,
      url: 'https://otp.doku.test/bind/1',
      expiresAt: inMinutes(5),
    };
    on('createBinding', { json: binding({ mode: 'redirect', nextAction: page }) });
    on('getBinding', (_c, n) => ({
      json: n < 2 ? binding({ mode: 'redirect', nextAction: page }) : active(),
    }));
    const user = userEvent.setup();
    const { container } = renderKki(<KkiBindCard />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    const link = await screen.findByRole('link', { name: 'Buka halaman verifikasi' });
    expect(link).toHaveAttribute('href', 'https://otp.doku.test/bind/1');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(container.querySelector('iframe')).toBeNull();
    await expectNoAxeViolations(container);
    expect(await screen.findByRole('heading', { name: /berhasil ditambahkan/ })).toBeInTheDocument();
    expect(callsTo('createBinding')[0]?.body).toMatchObject({ mode: 'redirect' });
  });

  // A first read that fails for now is tried again, and the form (which would start a second
  // binding) never shows while the binding is being picked up.
  it.each([
    ['gets no answer', { network: true }],
    ['is refused for now (rate limited)', { error: 'rate_limited' }],
  ] as const)(
    'back from DOKU\u2019s page: a first read that %s is tried again, and the form never shows',
    async (_why, first) => {
      on('getBinding', (_c, n) => (n === 0 ? first : { json: active() }));
      renderKki(<KkiBindCard resumeBindingId={BINDING_ID} />);
      expect(
        await screen.findByRole('heading', { name: 'Kartu Anda sedang didaftarkan…' }),
      ).toBeInTheDocument();
      expect(screen.queryByLabelText('Nomor kartu')).toBeNull();
      expect(await screen.findByRole('heading', { name: /berhasil ditambahkan/ })).toBeInTheDocument();
      expect(callsTo('getBinding').length).toBeGreaterThanOrEqual(2);
    },
  );

  // A definite refusal (an id the BFF does not know, no session) shows the form: no wait without end.
  it.each(['not_found', 'unauthenticated'] as const)(
    'back with a binding the BFF refuses (%s): the form, and no reading again',
    async (code) => {
      on('getBinding', { error: code });
      renderKki(<KkiBindCard resumeBindingId={BINDING_ID} />);
      expect(await screen.findByLabelText('Nomor kartu')).toBeInTheDocument();
      await new Promise((r) => setTimeout(r, 200));
      expect(callsTo('getBinding')).toHaveLength(1);
    },
  );

  it('DH by redirect: a link that leaves the page', async () => {
    const page = { type: 'otp_redirect' as const, url: 'https://otp.doku.test/bind/2', expiresAt: null };
    on('createBinding', { json: binding({ mode: 'redirect', nextAction: page }) });
    on('getBinding', { json: binding({ mode: 'redirect', nextAction: page }) });
    const user = userEvent.setup();
    renderKki(<KkiBindCard otpPage="redirect" />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    const link = await screen.findByRole('link', { name: 'Buka halaman verifikasi' });
    expect(link).toHaveAttribute('href', 'https://otp.doku.test/bind/2');
    expect(link).not.toHaveAttribute('target');
  });

  it('failed: card already bound (catalogue copy, not retryable)', async () => {
    on('createBinding', { error: 'card_already_bound' });
    const onError = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<KkiBindCard onError={onError} />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    expect(await screen.findByRole('heading', { name: 'Kartu belum ditambahkan' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Coba lagi' })).not.toBeInTheDocument();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'card_already_bound' }), null);
    await expectNoAxeViolations(container);
  });

  it('failed (retryable): retry returns to the form with the card kept', async () => {
    on('createBinding', { error: 'doku_unavailable' });
    const user = userEvent.setup();
    renderKki(<KkiBindCard />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    await user.click(await screen.findByRole('button', { name: 'Coba lagi' }));
    await waitFor(() => expect(screen.getByLabelText('Nomor kartu')).toHaveFocus());
    expect(screen.getByLabelText('Nomor kartu')).toHaveValue(VALID_BRI_CPAN.replace(/(\d{4})(?=\d)/g, '$1 '));
  });

  it('expired: the OTP step runs out of time', async () => {
    const soon = {
      type: 'otp_input' as const,
      expiresAt: new Date(Date.now() + 300).toISOString(),
      attemptsLeft: 3,
    };
    on('createBinding', { json: binding({ nextAction: soon }) });
    on('getBinding', { json: binding({ nextAction: soon }) });
    const user = userEvent.setup();
    const { container } = renderKki(<KkiBindCard mode="otp" />);
    await user.type(screen.getByLabelText('Nomor kartu'), VALID_BRI_CPAN);
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    expect(
      await screen.findByRole('heading', {
        name: 'Batas waktu verifikasi kartu sudah habis. Silakan mulai lagi.',
      }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('keyboard only: bind and verify with Tab and Enter', async () => {
    on('createBinding', { json: binding({ nextAction: otpStep() }) });
    on('verifyBindingOtp', { json: active() });
    const user = userEvent.setup();
    renderKki(<KkiBindCard mode="otp" />, { locale: 'en' });
    await user.tab();
    expect(screen.getByLabelText('Card number')).toHaveFocus();
    await user.keyboard(VALID_BRI_CPAN);
    await user.keyboard('{Enter}');
    const otp = await screen.findByLabelText('Verification code (OTP)');
    await user.click(otp);
    await user.keyboard('123456{Enter}');
    expect(
      await screen.findByRole('heading', { name: 'Card 936000******5678 has been added.' }),
    ).toBeInTheDocument();
  });
});
