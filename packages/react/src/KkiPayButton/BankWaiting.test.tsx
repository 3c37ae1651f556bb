import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { BFF_URL, callsTo, on } from '../../test/bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { KkiPayButton } from './KkiPayButton.js';

setupMockBff();

const issuerApp = (expiresAt: string) => ({
  type: 'issuer_app' as const,
  url: 'https://app.bri.test/kki/confirm',
  issuer: 'bri' as const,
  expiresAt,
});

/** The order has an attempt waiting for the bank: the button resumes it at once. */
function waitingFor(expiresAt: string) {
  on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'kki' }) });
  on('listSavedCards', { json: { cards: [] } });
  on('getPayment', { json: payment({ id: PAYMENT_ID, nextAction: issuerApp(expiresAt) }) });
}

/** A desktop pointer or not (jsdom has no matchMedia of its own). */
function desktop(matches: boolean) {
  window.matchMedia = (query: string) =>
    ({
      matches,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }) as unknown as MediaQueryList;
}

afterEach(() => {
  Reflect.deleteProperty(window, 'matchMedia');
});

describe('waiting for the bank', () => {
  it('"check now" asks the BFF at once and says when the bank has not confirmed yet', async () => {
    waitingFor(inMinutes(5));
    const user = userEvent.setup();
    const { container } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const check = await screen.findByRole('button', { name: 'Saya sudah konfirmasi: cek status' });
    const before = callsTo('getPayment').length;
    await user.click(check);
    await screen.findByText('Bank Anda belum mengonfirmasi. Kami terus memeriksa.', { selector: 'p' });
    expect(callsTo('getPayment').length).toBeGreaterThan(before);
    expect(callsTo('getPayment').at(-1)?.url.searchParams.get('refresh')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('on a desktop the bank link opens a new tab and says so; on a phone it opens in place', async () => {
    desktop(true);
    waitingFor(inMinutes(5));
    const { unmount } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const link = await screen.findByRole('link', { name: /^Buka aplikasi BRI\s*\(terbuka di tab baru\)$/ });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    unmount();

    desktop(false);
    waitingFor(inMinutes(5));
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const inPlace = await screen.findByRole('link', { name: 'Buka aplikasi BRI' });
    expect(inPlace).not.toHaveAttribute('target');
  });

  it("on a desktop shows the BFF's QR code of the app link, in the shopper's language; on a phone none", async () => {
    desktop(true);
    waitingFor(inMinutes(5));
    const { container, unmount } = renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const qr = await screen.findByRole('img', {
      name: 'Kode QR: pindai dengan ponsel untuk membuka aplikasi BRI',
    });
    expect(qr).toHaveAttribute('src', `${BFF_URL}/payments/${PAYMENT_ID}/app-link.svg`);
    await expectNoAxeViolations(container);
    unmount();

    waitingFor(inMinutes(5));
    const english = renderKki(<KkiPayButton orderId={ORDER_ID} />, { locale: 'en' });
    await screen.findByRole('img', { name: 'QR code: scan it with your phone to open the BRI app' });
    english.unmount();

    desktop(false);
    waitingFor(inMinutes(5));
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await screen.findByRole('link', { name: 'Buka aplikasi BRI' });
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows no QR code for a web page the bank opens (OTP), only for its app', async () => {
    desktop(true);
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'kki' }) });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', {
      json: payment({
        id: PAYMENT_ID,
        nextAction: { type: 'otp_redirect', url: 'https://otp.bank.test/verify', expiresAt: inMinutes(5) },
      }),
    });
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await screen.findByRole('link', { name: /^Lanjut ke verifikasi/ });
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('tells screen readers once less than a minute is left', async () => {
    // Just over a minute: the panel's own title is announced first, the warning as the clock crosses.
    waitingFor(new Date(Date.now() + 61_500).toISOString());
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Konfirmasi pembayaran di aplikasi BRI Anda.'),
    );
    await waitFor(
      () =>
        expect(screen.getByRole('status')).toHaveTextContent(
          'Waktu konfirmasi pembayaran tinggal kurang dari satu menit.',
        ),
      { timeout: 5_000 },
    );
  });
});
