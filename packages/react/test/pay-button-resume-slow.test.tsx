// While KkiPayButton is still reading the payment it resumes, a payment started is not sent beside it,
// and a refusal pointing at the open payment is followed, not shown as the end.
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

describe('pay form while a remembered payment is being resumed', () => {
  it('does not offer the form (nor send a second payment) while the open payment is being read', async () => {
    sessionStorage.setItem(`kki-kit:payment:${ORDER_ID}`, PAYMENT_ID); // reload during the payment
    on('getOrder', { json: order() }); // cached/stale order view without openPaymentId
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', async (_c, n) => {
      if (n === 0) await delay(1500); // a slow mobile network after the reload
      return { json: payment({ id: PAYMENT_ID, nextAction: issuerApp() }) };
    });
    on('createKkiPayment', async () => {
      await delay(1600);
      return { error: 'order_payment_open', details: { paymentId: PAYMENT_ID, method: 'kki' } };
    });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    const cpan = await screen.findByLabelText('Nomor kartu', {}, { timeout: 1000 }).catch(() => null);
    if (cpan !== null) {
      await user.type(cpan, VALID_BRI_CPAN);
      await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), 'OTT999');
      await user.click(screen.getByRole('button', { name: /Bayar/ }));
    }
    await new Promise((r) => setTimeout(r, 2800));
    expect(callsTo('createKkiPayment')).toHaveLength(0);
    expect(screen.getByRole('link', { name: /Buka aplikasi/ })).toBeInTheDocument();
  });
});
