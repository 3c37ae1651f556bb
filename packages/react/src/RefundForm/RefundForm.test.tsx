import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { callsTo, on } from '../../test/bff-mock.js';
import { PAYMENT_ID, refund } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { RefundForm } from './RefundForm.js';

setupMockBff();

const earlier = refund({ amount: 50_000, reason: 'Barang rusak' });

describe('RefundForm', () => {
  it('idle with history; partial amount validated against what is left (focus, described)', async () => {
    on('listRefunds', { json: { refunds: [earlier] } });
    const user = userEvent.setup();
    const { container } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    // Part was refunded before: the "everything" choice is the rest, not the whole payment.
    expect(await screen.findByRole('radio', { name: 'Sisanya (Rp 100.000)' })).toBeChecked();
    const table = screen.getByRole('table', { name: 'Riwayat pengembalian dana' });
    expect(within(table).getByText('Rp 50.000')).toBeInTheDocument();
    expect(within(table).getByText('Pengembalian sebagian')).toBeInTheDocument();
    expect(within(table).getByText('Barang rusak')).toBeInTheDocument();
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('radio', { name: 'Kembalikan sebagian' }));
    const amount = screen.getByLabelText('Jumlah (IDR)');
    expect(amount).toHaveAccessibleDescription('Maksimal Rp 100.000.');
    // No amount typed: the button names none (never "Rp 0").
    await user.click(screen.getByRole('button', { name: 'Kembalikan' }));
    await waitFor(() => expect(amount).toHaveFocus());
    expect(amount).toHaveAccessibleDescription(expect.stringContaining('Masukkan jumlah yang dikembalikan.'));
    await user.type(amount, '120000');
    // The button says what was typed, even above what is left (the check below refuses it).
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 120.000' }));
    expect(amount).toHaveAccessibleDescription(
      expect.stringContaining('Jumlah maksimal yang bisa dikembalikan Rp 100.000.'),
    );
    await expectNoAxeViolations(container);
    expect(callsTo('createRefund')).toHaveLength(0);
  });

  it('partial refund: pending, then succeeded with its type; the history updates', async () => {
    const created = refund({
      id: 'ref_test0002',
      amount: 30_000,
      type: null,
      status: 'pending',
      reason: 'Ongkir',
    });
    const done = { ...created, type: 'KKI_PARTIAL_REFUND' as const, status: 'succeeded' as const };
    on('listRefunds', (_c, n) => ({ json: { refunds: n === 0 ? [earlier] : [earlier, done] } }));
    on('createRefund', { json: created });
    const onPending = vi.fn();
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(
      <RefundForm paymentId={PAYMENT_ID} amount={150_000} onPending={onPending} onSuccess={onSuccess} />,
    );
    await user.click(await screen.findByRole('radio', { name: 'Kembalikan sebagian' }));
    await user.type(screen.getByLabelText('Jumlah (IDR)'), '30.000');
    await user.type(screen.getByLabelText('Alasan (opsional)'), 'Ongkir');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 30.000' }));
    await waitFor(() => expect(onPending).toHaveBeenCalledTimes(1));
    expect(
      await screen.findByText('Pengembalian dana dicatat. Jenis: Pengembalian sebagian. Status: Berhasil.', {
        selector: '.kki-refund-result',
      }),
    ).toBeInTheDocument();
    expect(onSuccess).toHaveBeenCalledWith(done);
    expect(screen.getByRole('radio', { name: 'Sisanya (Rp 70.000)' })).toBeInTheDocument();
    const [call] = callsTo('createRefund');
    expect(call?.body).toEqual({ amount: 30_000, reason: 'Ongkir' });
    expect(call?.params.paymentId).toBe(PAYMENT_ID);
    expect(call?.headers.get('Idempotency-Key')).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it('full refund sends no amount; nothing left afterwards', async () => {
    const full = refund({ id: 'ref_test0003', amount: 150_000, type: 'KKI_FULL_REFUND' });
    on('listRefunds', (_c, n) => ({ json: { refunds: n === 0 ? [] : [full] } }));
    on('createRefund', { json: full });
    const user = userEvent.setup();
    const { container } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />, { locale: 'en' });
    expect(await screen.findByText('No refunds yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refund IDR 150,000' }));
    expect(await screen.findByText('This payment has been refunded in full.')).toBeInTheDocument();
    expect(
      screen.getByText('Refund recorded. Type: Full refund. Status: Succeeded.', {
        selector: '.kki-refund-result',
      }),
    ).toBeInTheDocument();
    expect(callsTo('createRefund')[0]?.body).toEqual({});
    await expectNoAxeViolations(container);
  });

  it('with confirm: asks with the amount first, sends only on yes; back changes nothing', async () => {
    const created = refund({ id: 'ref_test0009', amount: 40_000, type: 'KKI_PARTIAL_REFUND' });
    on('listRefunds', (_c, n) => ({ json: { refunds: n === 0 ? [] : [created] } }));
    on('createRefund', { json: created });
    const user = userEvent.setup();
    const { container } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} confirm />, {
      locale: 'en',
    });
    expect(await screen.findByRole('radio', { name: 'Full refund (IDR 150,000)' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Partial refund' }));
    await user.type(screen.getByLabelText('Amount (IDR)'), '40000');
    await user.click(screen.getByRole('button', { name: 'Refund IDR 40,000' }));
    const question = screen.getByRole('group', {
      name: 'Refund IDR 40,000 to the customer? This cannot be undone.',
    });
    expect(within(question).getByRole('button', { name: 'Yes, refund' })).toHaveFocus();
    expect(screen.getByLabelText('Amount (IDR)')).toBeDisabled();
    await expectNoAxeViolations(container);
    await user.click(within(question).getByRole('button', { name: 'Back' }));
    expect(callsTo('createRefund')).toHaveLength(0);
    expect(screen.getByLabelText('Amount (IDR)')).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Refund IDR 40,000' }));
    await user.click(screen.getByRole('button', { name: 'Yes, refund' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(1));
    expect(callsTo('createRefund')[0]?.body).toEqual({ amount: 40_000 });
  });

  it('refused: the catalogue copy in a panel that takes focus', async () => {
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', { error: 'refund_not_authorized' });
    const onError = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} onError={onError} />);
    await user.click(await screen.findByRole('button', { name: 'Kembalikan Rp 150.000' }));
    const refusedTitle = await screen.findByRole('heading', { name: 'Pengembalian dana tidak berhasil' });
    // The panel takes focus in an effect after it renders: waited for, not raced (a busy machine).
    await waitFor(() => expect(refusedTitle).toHaveFocus());
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'refund_not_authorized' }), null);
    await expectNoAxeViolations(container);
  });

  it('a request whose answer was lost holds the form as sent, and is sent again as it was, with its key', async () => {
    const made = refund({ id: 'ref_test0002', amount: 30_000, status: 'pending', reason: 'Ongkr' });
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', (_c, n) => (n === 0 ? { network: true } : { json: made }));
    const user = userEvent.setup();
    renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await user.click(await screen.findByRole('radio', { name: 'Kembalikan sebagian' }));
    await user.type(screen.getByLabelText('Jumlah (IDR)'), '30000');
    await user.type(screen.getByLabelText('Alasan (opsional)'), 'Ongkr');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 30.000' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(1));
    // The form holds what was sent: the BFF must see the first request again, not an edited one.
    expect(await screen.findByLabelText('Alasan (opsional)')).toBeDisabled();
    expect(screen.getByLabelText('Jumlah (IDR)')).toBeDisabled();
    expect(screen.getByLabelText('Alasan (opsional)')).toHaveValue('Ongkr');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 30.000' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(2));
    const [first, second] = callsTo('createRefund');
    expect(second?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
    expect(second?.body).toEqual({ amount: 30_000, reason: 'Ongkr' });
  });

  it('no answer: unconfirmed, never "failed"; check again resends the request as it was, with its key', async () => {
    const made = refund({ id: 'ref_test0003', amount: 30_000, status: 'pending' });
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', (_c, n) => (n === 0 ? { network: true } : { json: made }));
    const user = userEvent.setup();
    renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await user.click(await screen.findByRole('radio', { name: 'Kembalikan sebagian' }));
    await user.type(screen.getByLabelText('Jumlah (IDR)'), '30000');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 30.000' }));
    expect(await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Pengembalian dana tidak berhasil' })).toBeNull();
    // Starting over would still send the same request: only "check again" is offered.
    expect(screen.queryByRole('button', { name: 'Mulai lagi' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(2));
    const [first, second] = callsTo('createRefund');
    expect(second?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
    expect(second?.body).toEqual({ amount: 30_000 });
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Hasilnya belum kami terima' })).toBeNull(),
    );
  });

  it('no answer, then the check again meets an ended session: still unconfirmed, and the next check keeps the key', async () => {
    const made = refund({ id: 'ref_test0004', amount: 30_000, status: 'pending' });
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', (_c, n) =>
      n === 0 ? { network: true } : n === 1 ? { error: 'unauthenticated' } : { json: made },
    );
    const user = userEvent.setup();
    renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await user.click(await screen.findByRole('radio', { name: 'Kembalikan sebagian' }));
    await user.type(screen.getByLabelText('Jumlah (IDR)'), '30000');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 30.000' }));
    await user.click(await screen.findByRole('button', { name: 'Periksa lagi' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(2));
    // Signed out meanwhile: that says nothing of the first request, which may have refunded.
    expect(await screen.findByRole('heading', { name: 'Hasilnya belum kami terima' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mulai lagi' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Periksa lagi' }));
    await waitFor(() => expect(callsTo('createRefund')).toHaveLength(3));
    const keys = callsTo('createRefund').map((c) => c.headers.get('Idempotency-Key'));
    expect(new Set(keys).size).toBe(1);
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: 'Hasilnya belum kami terima' })).toBeNull(),
    );
  });

  it('shown for another payment, keeps nothing of the previous one’s refusal', async () => {
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', { error: 'refund_not_authorized' });
    const user = userEvent.setup();
    const { rerender } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await user.click(await screen.findByRole('button', { name: 'Kembalikan Rp 150.000' }));
    await screen.findByRole('heading', { name: 'Pengembalian dana tidak berhasil' });
    rerender(<RefundForm paymentId="pay_other0001" amount={80_000} />);
    expect(await screen.findByRole('button', { name: 'Kembalikan Rp 80.000' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Pengembalian dana tidak berhasil' })).toBeNull();
  });

  it('the BFF says it exceeds what is left: shown on the amount field', async () => {
    on('listRefunds', { json: { refunds: [] } });
    on('createRefund', { error: 'refund_exceeds_remaining', field: 'amount' });
    const user = userEvent.setup();
    renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await user.click(await screen.findByRole('radio', { name: 'Kembalikan sebagian' }));
    const amount = screen.getByLabelText('Jumlah (IDR)');
    await user.type(amount, '1000');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 1.000' }));
    await waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    await waitFor(() => expect(amount).toHaveFocus());
  });

  it('keyboard only: choose partial, type, submit', async () => {
    const r = refund({ id: 'ref_test0004', amount: 5_000 });
    on('listRefunds', (_c, n) => ({ json: { refunds: n === 0 ? [] : [r] } }));
    on('createRefund', { json: r });
    const user = userEvent.setup();
    renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    await screen.findByText('Belum ada pengembalian dana.');
    await user.tab();
    expect(screen.getByRole('radio', { name: /Kembalikan penuh/ })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    await user.tab();
    expect(screen.getByLabelText('Jumlah (IDR)')).toHaveFocus();
    await user.keyboard('5000{Enter}');
    await screen.findByText(/Pengembalian dana dicatat/, { selector: '.kki-refund-result' });
    expect(callsTo('createRefund')[0]?.body).toEqual({ amount: 5_000 });
  });
});

describe('RefundForm history', () => {
  it('says why the history could not be read', async () => {
    on('listRefunds', { error: 'refund_not_authorized' });
    const { container } = renderKki(<RefundForm paymentId={PAYMENT_ID} amount={150_000} />);
    expect(
      await screen.findByText('Anda tidak diizinkan mengembalikan dana pembayaran ini.', {
        selector: '.kki-field-error',
      }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});
