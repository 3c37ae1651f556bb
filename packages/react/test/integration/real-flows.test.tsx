// Every customer and staff flow through the real components against the real BFF (createKkiBff with
// its default services) on its in-process DOKU sandbox: no mocks between the kit and DOKU's emulator.
// The customer's part is done in the components (user-event); what happens outside the page (the
// issuer app, DOKU's OTP and card pages) is done through the sandbox's control API or its hosted form.
import type { BindingView, PaymentView, RefundView } from '@kki-kit/contract';
import { createKkiBff, type KkiBff } from '@kki-kit/bff';
import { KKI_TEST_OTP, kkiTestCpan, type Sandbox } from '@kki-kit/doku-sandbox';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, type Mock, vi } from 'vitest';
import { CardPaymentFrame } from '../../src/CardPaymentFrame/CardPaymentFrame.js';
import { createKkiClient } from '@kki-kit/client';
import { KkiBindCard } from '../../src/KkiBindCard/KkiBindCard.js';
import { KkiPayButton } from '../../src/KkiPayButton/KkiPayButton.js';
import { RefundForm } from '../../src/RefundForm/RefundForm.js';
import { SavedCardsList } from '../../src/SavedCardsList/SavedCardsList.js';
import { renderWithClient } from './provider.js';

const ORIGIN = 'https://shop.test';
const MOUNT = '/api/kki';
/** A Visa test card the sandbox's card page approves. */
const APPROVED_CARD = '4111111111111111';

let bff: KkiBff;
let sandbox: Sandbox;
let serial = 100;
let ottCounter = 0;

beforeAll(async () => {
  // The BFF runs on jsdom's Request here, as in a merchant's component tests.
  bff = await createKkiBff({
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    authorizeRefund: (c) => c.req.header('x-test-staff') === 'yes',
    logger: () => {},
    reconciliation: { enabled: false },
    rateLimits: { payment: { max: 1000, windowMs: 60_000 }, otp: { max: 1000, windowMs: 60_000 } },
    offlineSandbox: { control: true },
  });
  if (!bff.doku.sandbox) throw new Error('expected the offline sandbox');
  sandbox = bff.doku.sandbox;
}, 60_000);
afterAll(async () => {
  await bff?.close();
});

/** A fresh test CPAN of `issuer` (each test binds or pays with its own card). */
const newCpan = (issuer: Parameters<typeof kkiTestCpan>[0]) => kkiTestCpan(issuer, undefined, ++serial);
/** A fresh OTT (the sandbox accepts each once). */
const newOtt = () => `OTT${Date.now().toString(36)}${++ottCounter}`;

/** What the browser does: a request to an absolute URL on the shop's origin, reaching the mounted BFF. */
function browserFetch(url: string, init: RequestInit = {}, extraHeaders: Record<string, string> = {}) {
  const target = new URL(url);
  if (target.origin !== ORIGIN || !target.pathname.startsWith(MOUNT)) throw new Error(`not the BFF: ${url}`);
  const headers = new Headers(init.headers);
  headers.set('origin', ORIGIN); // a browser adds it; jsdom's fetch stand-in does not
  for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
  const { signal: _signal, ...rest } = init;
  return bff.app.fetch(
    new Request(`${ORIGIN}${target.pathname.slice(MOUNT.length)}${target.search}`, { ...rest, headers }),
  );
}

/** The sandbox's control API (approving in the issuer app, paying a card page, moving its clock). */
async function control(path: string, body: unknown = {}) {
  const res = await sandbox.app.request(`/__sandbox${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status, `control ${path}`).toBe(200);
  await sandbox.app.request('/__sandbox/idle', { method: 'POST' });
  return res;
}

/** Renders `ui` as `user`'s page on the shop (staff get the refund header). */
function renderAs(ui: ReactElement, user: string, staff = false) {
  const client = createKkiClient({
    baseUrl: `${ORIGIN}${MOUNT}`,
    headers: { 'x-test-customer': user, ...(staff && { 'x-test-staff': 'yes' }) },
    fetch: async (input, init) => browserFetch(String(input), init),
  });
  return renderWithClient(ui, client);
}

/** DOKU's reference of a payment the BFF made (to approve it in the sandbox's issuer app). */
async function partnerReferenceNo(paymentId: string): Promise<string> {
  const row = await bff.store.payments.get(paymentId);
  if (!row) throw new Error(`payment ${paymentId} not stored`);
  return row.partnerReferenceNo;
}

/** The sandbox's record of a KKI payment. */
async function kkiLedgerRow(paymentId: string) {
  const ref = await partnerReferenceNo(paymentId);
  return sandbox.ledger().payments.find((p) => p.partnerReferenceNo === ref);
}

/** Waits for the success KkiBindCard shows once the card is saved. */
async function expectCardAdded() {
  expect(
    await screen.findByRole(
      'heading',
      { name: /^Kartu 936\S+ berhasil ditambahkan\.$/ },
      { timeout: 10_000 },
    ),
  ).toBeInTheDocument();
}

type User = ReturnType<typeof userEvent.setup>;

/** KkiPayButton's `onRequiresAction`, recorded: the test reads the payment it reports. */
type RequiresAction = Mock<(action: unknown, payment: PaymentView) => void>;

/**
 * Submits KkiPayButton (form already filled), checks the issuer-app step the customer sees, approves
 * the payment in the sandbox's issuer app, and waits for the success shown. Returns the payment.
 */
async function submitAndApprove(
  user: User,
  onRequiresAction: RequiresAction,
  amountText: string,
  issuer: string,
): Promise<PaymentView> {
  await user.click(screen.getByRole('button', { name: `Bayar ${amountText}` }));
  expect(
    await screen.findByRole('heading', { name: `Konfirmasi pembayaran di aplikasi ${issuer} Anda.` }),
  ).toBeInTheDocument();
  const link = screen.getByRole('link', { name: `Buka aplikasi ${issuer}` });
  // The issuer-app page is served on the shop's origin by the offline sandbox.
  expect(link.getAttribute('href')).toMatch(new RegExp(`^${ORIGIN}${MOUNT}/__doku/`));
  const page = await browserFetch(link.getAttribute('href') ?? '');
  expect(page.status).toBe(200);
  await waitFor(() => expect(onRequiresAction).toHaveBeenCalled());
  const payment = onRequiresAction.mock.calls[0]?.[1];
  if (!payment) throw new Error('no payment reported');
  expect(payment.status).toBe('pending');
  await control(`/kki/payments/${await partnerReferenceNo(payment.id)}/approve`);
  expect(
    await screen.findByRole('heading', { name: `Pembayaran ${amountText} berhasil.` }, { timeout: 10_000 }),
  ).toBeInTheDocument();
  return payment;
}

/** Renders KkiPayButton for a new order of `customer` and pays it with a new card, approved in the app. */
async function payWithNewCard(customer: string, amount: number, amountText: string, saveCard = false) {
  const order = await bff.merchant.createOrder({ customerId: customer, amount, description: 'Kemeja' });
  const user = userEvent.setup();
  const onSuccess = vi.fn<(payment: PaymentView) => void>();
  const onRequiresAction: RequiresAction = vi.fn();
  const view = renderAs(
    <KkiPayButton orderId={order.id} onSuccess={onSuccess} onRequiresAction={onRequiresAction} />,
    customer,
  );
  await screen.findByRole('button', { name: `Bayar ${amountText}` });
  await user.type(screen.getByLabelText('Nomor kartu'), newCpan('bri'));
  await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), newOtt());
  if (saveCard)
    await user.click(screen.getByRole('checkbox', { name: 'Simpan kartu ini untuk pembayaran berikutnya' }));
  const payment = await submitAndApprove(user, onRequiresAction, amountText, 'BRI');
  await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
  expect(onSuccess.mock.calls[0]?.[0]).toMatchObject({ id: payment.id, status: 'succeeded', amount });
  return { order, payment, view };
}

describe('KKI through the components, against the real BFF and sandbox', () => {
  it('pays with a new card: confirm in the issuer app, approved there, succeeded for the customer', async () => {
    const { order, payment, view } = await payWithNewCard('rina', 275_000, 'Rp 275.000');
    // The BFF and DOKU agree: the order is paid, DOKU holds the payment for the order amount.
    expect((await bff.store.orders.get(order.id))?.status).toBe('paid');
    expect(await bff.merchant.getPayment(payment.id)).toMatchObject({ status: 'succeeded' });
    const row = await kkiLedgerRow(payment.id);
    expect(row).toMatchObject({ amount: 275_000, issuer: 'BRI' });
    expect(row?.kind).not.toMatch(/bind/i);
    // No card number in what the customer's page holds after paying.
    expect(view.container.innerHTML).not.toMatch(/\d{16}/);
  });

  it('pays and saves the card, then pays again with the saved card picked in the form', async () => {
    const first = await payWithNewCard('sari', 150_000, 'Rp 150.000', true);
    first.view.unmount();
    // DOKU issued the card token with the approval: the card is the customer's saved card now.
    expect((await kkiLedgerRow(first.payment.id))?.issuedBindingReferenceNo).toBeTruthy();
    const saved = renderAs(<SavedCardsList />, 'sari');
    const list = await screen.findByRole('list', { name: 'Kartu tersimpan' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent(/BRI 936000\**\d{4}/);
    saved.unmount();

    const order = await bff.merchant.createOrder({ customerId: 'sari', amount: 80_000 });
    const user = userEvent.setup();
    const onRequiresAction: RequiresAction = vi.fn();
    renderAs(<KkiPayButton orderId={order.id} onRequiresAction={onRequiresAction} />, 'sari');
    await user.click(await screen.findByRole('radio', { name: 'Kartu tersimpan' }));
    await user.click(screen.getByRole('radio', { name: /^BRI 936000/ }));
    const second = await submitAndApprove(user, onRequiresAction, 'Rp 80.000', 'BRI');
    expect((await bff.store.orders.get(order.id))?.status).toBe('paid');
    const [card] = await bff.store.savedCards.listForCustomer('sari');
    const secondRow = await kkiLedgerRow(second.id);
    expect(secondRow).toMatchObject({ amount: 80_000, status: expect.stringMatching(/success/i) });
    expect(card?.status).toBe('active');
  });

  it("binds a card on DOKU's OTP page (DH) opened in a new tab; the card is then saved", async () => {
    const onSuccess = vi.fn<(binding: BindingView) => void>();
    const user = userEvent.setup();
    renderAs(<KkiBindCard onSuccess={onSuccess} />, 'tono');
    await user.type(screen.getByLabelText('Nomor kartu'), newCpan('mandiri'));
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    const link = await screen.findByRole('link', { name: 'Buka halaman verifikasi' });
    expect(link).toHaveAttribute('target', '_blank');
    const pageUrl = link.getAttribute('href') ?? '';
    expect(pageUrl).toMatch(new RegExp(`^${ORIGIN}${MOUNT}/__doku/`));
    // The customer types the OTP in DOKU's page (the tab jsdom does not open): its form is posted.
    const page = await browserFetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const posted = await browserFetch(pageUrl, {
      method: 'POST',
      body: new URLSearchParams({ otp: KKI_TEST_OTP.correct, action: 'verify' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status).toBeLessThan(400);
    await sandbox.app.request('/__sandbox/idle', { method: 'POST' });
    await expectCardAdded();
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    const binding = onSuccess.mock.calls[0]?.[0];
    expect(binding?.status).toBe('active');
    const cards = await bff.store.savedCards.listForCustomer('tono');
    expect(cards.map((c) => [c.id, c.status])).toEqual([[binding?.cardId, 'active']]);
    // DOKU holds the binding as successful, for the card the customer typed.
    const row = sandbox.ledger().bindings.find((b) => b.maskedCardNo === binding?.maskedCpan);
    expect(row?.status).toBe('SUCCESS');
  });

  it('binds a card with the OTP typed in the component (H2H): a wrong OTP first, then the right one', async () => {
    const user = userEvent.setup();
    renderAs(<KkiBindCard mode="otp" />, 'umi');
    await user.type(screen.getByLabelText('Nomor kartu'), newCpan('bjb'));
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    expect(
      await screen.findByRole('heading', {
        name: 'Masukkan kode verifikasi yang dikirim bank Anda lewat SMS.',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sisa 3 kali percobaan.')).toBeInTheDocument();
    const otp = screen.getByLabelText('Kode verifikasi (OTP)');
    await user.type(otp, '000000');
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    // Refused by DOKU: the customer stays on the OTP step with the reason, the field emptied.
    await waitFor(() =>
      expect(screen.getByLabelText('Kode verifikasi (OTP)')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(screen.getByLabelText('Kode verifikasi (OTP)')).toHaveValue('');
    expect(await bff.store.savedCards.listForCustomer('umi')).toHaveLength(0);
    await user.type(screen.getByLabelText('Kode verifikasi (OTP)'), KKI_TEST_OTP.correct);
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    await expectCardAdded();
    const cards = await bff.store.savedCards.listForCustomer('umi');
    expect(cards.map((c) => [c.issuer, c.status])).toEqual([['bjb', 'active']]);
  });

  it('removes a saved card: DOKU unbinds it (PENDING first), the list then shows no card', async () => {
    const user = userEvent.setup();
    const bind = renderAs(<KkiBindCard mode="otp" />, 'vina');
    await user.type(screen.getByLabelText('Nomor kartu'), newCpan('bri'));
    await user.click(screen.getByRole('button', { name: 'Tambah kartu' }));
    await user.type(await screen.findByLabelText('Kode verifikasi (OTP)'), KKI_TEST_OTP.correct);
    await user.click(screen.getByRole('button', { name: 'Verifikasi' }));
    await screen.findByRole('heading', { name: /berhasil ditambahkan/ });
    bind.unmount();
    const [card] = await bff.store.savedCards.listForCustomer('vina');
    if (!card) throw new Error('card not saved');

    renderAs(<SavedCardsList />, 'vina');
    const list = await screen.findByRole('list', { name: 'Kartu tersimpan' });
    await user.click(within(list).getByRole('button', { name: 'Hapus' }));
    await user.click(screen.getByRole('button', { name: 'Ya, hapus' }));
    // DOKU answers the unbinding PENDING: the card stays listed as being removed.
    expect(await screen.findByText(/Sedang dihapus/)).toBeInTheDocument();
    expect((await bff.store.savedCards.get(card.id))?.status).toBe('removing');
    // DOKU finishes the unbinding and notifies the BFF; the polled list drops the card.
    await control('/clock/advance', { seconds: 10 });
    expect(
      await screen.findByText('Anda belum punya kartu tersimpan.', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect((await bff.store.savedCards.get(card.id))?.status).toBe('removed');
  });

  it('staff refund part of a KKI payment, then the rest, in RefundForm', async () => {
    const { payment, view } = await payWithNewCard('wati', 100_000, 'Rp 100.000');
    view.unmount();
    const onSuccess = vi.fn<(refund: RefundView) => void>();
    const user = userEvent.setup();
    renderAs(<RefundForm paymentId={payment.id} amount={100_000} onSuccess={onSuccess} />, 'staff', true);
    expect(await screen.findByText('Belum ada pengembalian dana.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Kembalikan sebagian' }));
    await user.type(screen.getByLabelText('Jumlah (IDR)'), '40000');
    await user.type(screen.getByLabelText('Alasan (opsional)'), 'Satu barang dikembalikan');
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 40.000' }));
    expect(
      await screen.findByText('Pengembalian dana dicatat. Jenis: Pengembalian sebagian. Status: Berhasil.', {
        selector: 'p',
      }),
    ).toBeInTheDocument();
    expect(await bff.merchant.getPayment(payment.id)).toMatchObject({
      status: 'partially_refunded',
      refundedAmount: 40_000,
    });

    // The rest: "full" now means what is left.
    await user.click(screen.getByRole('radio', { name: 'Sisanya (Rp 60.000)' }));
    await user.click(screen.getByRole('button', { name: 'Kembalikan Rp 60.000' }));
    expect(await screen.findByText('Dana pembayaran ini sudah dikembalikan seluruhnya.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Riwayat pengembalian dana' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      /Rp 40\.000.*Pengembalian sebagian.*Berhasil.*Satu barang dikembalikan/,
    );
    expect(rows[1]).toHaveTextContent(/Rp 60\.000.*Pengembalian penuh.*Berhasil/);
    expect(onSuccess.mock.calls.map(([r]) => [r.amount, r.type])).toEqual([
      [40_000, 'KKI_PARTIAL_REFUND'],
      [60_000, 'KKI_FULL_REFUND'],
    ]);
    // The BFF and DOKU agree.
    expect(await bff.merchant.getPayment(payment.id)).toMatchObject({
      status: 'refunded',
      refundableAmount: 0,
    });
    const row = await kkiLedgerRow(payment.id);
    expect(row?.refundedAmount).toBe(100_000);
    expect(row?.refunds.map((r) => r.amount)).toEqual([40_000, 60_000]);
  });
});

describe('DOKU Cards through CardPaymentFrame, against the real BFF and sandbox', () => {
  it("opens DOKU's card page in the frame; paid there, the customer sees the success", async () => {
    const order = await bff.merchant.createOrder({
      customerId: 'yudi',
      amount: 320_000,
      metadata: { email: 'yudi@example.com' },
    });
    const onSuccess = vi.fn<(payment: PaymentView) => void>();
    const user = userEvent.setup();
    renderAs(<CardPaymentFrame orderId={order.id} onSuccess={onSuccess} />, 'yudi');
    await user.click(await screen.findByRole('button', { name: 'Bayar Rp 320.000 dengan kartu' }));
    const frame = await screen.findByTitle('Pembayaran kartu');
    const pageUrl = new URL(frame.getAttribute('src') ?? '');
    expect(pageUrl.href.startsWith(`${ORIGIN}${MOUNT}/__doku/`)).toBe(true);
    const requestId = pageUrl.searchParams.get('requestId');
    expect(requestId).toBeTruthy();

    // The customer pays on DOKU's page (in the frame); the component learns the result from the BFF.
    const paid = await control(`/cards/pages/${requestId}/pay`, {
      card_number: APPROVED_CARD,
      expiry: '12/39',
      cvv: '123',
      name: 'Yudi Pratama',
    });
    expect(((await paid.json()) as { result: string }).result).toBe('completed');
    expect(
      await screen.findByRole('heading', { name: 'Pembayaran kartu berhasil.' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    const payment = onSuccess.mock.calls[0]?.[0];
    expect(payment).toMatchObject({ status: 'succeeded', amount: 320_000, method: 'card' });
    expect((await bff.store.orders.get(order.id))?.status).toBe('paid');
    const cards = sandbox.ledger().cards as { orders: { status: string; amount: number; card: unknown }[] };
    const row = cards.orders.find((o) => o.amount === 320_000);
    expect(row?.status).toMatch(/success/i);
  });
});
