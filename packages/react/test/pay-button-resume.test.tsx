// KkiPayButton resuming the order's open payment (a reload during the payment) never lets the
// customer pay a second time beside it: not when the first read of that payment is lost, not while it
// is still being read (it shows as waiting, not as the form); a refusal pointing at the open payment
// is followed, not shown as the end.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { callsTo, on } from './bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment, VALID_BRI_CPAN } from './fixtures.js';
import { renderKki, setupMockBff } from './render.js';
import { KkiPayButton } from '../src/KkiPayButton/KkiPayButton.js';

setupMockBff();

const issuerApp = () => ({
  type: 'issuer_app' as const,
  url: 'https://app.bri.test/kki/confirm',
  issuer: 'bri' as const,
  expiresAt: inMinutes(5),
});
const openPayment = () => ({ json: payment({ id: PAYMENT_ID, nextAction: issuerApp() }) });

/** The customer, if shown the pay form, pays again with a new card. */
async function payIfOffered(user: ReturnType<typeof userEvent.setup>, form: HTMLElement | null) {
  if (form === null) return;
  await user.type(form, VALID_BRI_CPAN);
  await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), 'OTT999');
  await user.click(screen.getByRole('button', { name: /Bayar/ }));
}

describe('KkiPayButton resuming the open payment', () => {
  it('reads it again when the first read is lost, and never sends a second payment', async () => {
    sessionStorage.setItem(`kki-kit:payment:${ORDER_ID}`, PAYMENT_ID);
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'kki' }) });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', (_c, n) => (n === 0 ? { network: true } : openPayment()));
    on('createKkiPayment', {
      error: 'order_payment_open',
      details: { paymentId: PAYMENT_ID, method: 'kki' },
    });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await delay(800);
    await payIfOffered(user, screen.queryByLabelText('Nomor kartu'));
    await delay(200);
    expect(callsTo('getPayment').length).toBeGreaterThan(1);
    expect(callsTo('createKkiPayment')).toHaveLength(0);
    expect(screen.getByRole('link', { name: /Buka aplikasi/ })).toBeInTheDocument();
  });

  it('sends no second payment while the open one is still being read, and ends on it', async () => {
    sessionStorage.setItem(`kki-kit:payment:${ORDER_ID}`, PAYMENT_ID);
    on('getOrder', { json: order() }); // an order view read before the payment was made
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', async (_c, n) => {
      if (n === 0) await delay(1500); // a slow mobile network after the reload
      return openPayment();
    });
    on('createKkiPayment', async () => {
      await delay(1600);
      return { error: 'order_payment_open', details: { paymentId: PAYMENT_ID, method: 'kki' } };
    });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await payIfOffered(
      user,
      await screen.findByLabelText('Nomor kartu', {}, { timeout: 1000 }).catch(() => null),
    );
    await delay(2800);
    expect(callsTo('createKkiPayment')).toHaveLength(0);
    expect(screen.getByRole('link', { name: /Buka aplikasi/ })).toBeInTheDocument();
  });

  it('shows the payment being picked up as waiting, never the form, until it is read', async () => {
    sessionStorage.setItem(`kki-kit:payment:${ORDER_ID}`, PAYMENT_ID);
    on('getOrder', { json: order() });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', async () => {
      await delay(600);
      return openPayment();
    });
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByText('Menunggu konfirmasi pembayaran dari bank…')).toBeInTheDocument();
    expect(screen.queryByLabelText('Nomor kartu')).toBeNull();
    expect(await screen.findByRole('link', { name: /Buka aplikasi/ }, { timeout: 2000 })).toBeInTheDocument();
  });
});
