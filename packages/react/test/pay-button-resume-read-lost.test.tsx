// KkiPayButton resuming the order's open payment whose first read is lost keeps following it: the
// customer is never offered a second payment.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

describe('resumed payment, first read lost', () => {
  it('keeps showing the open payment, never the pay form', async () => {
    sessionStorage.setItem(`kki-kit:payment:${ORDER_ID}`, PAYMENT_ID); // reload during the payment
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID }) });
    on('listSavedCards', { json: { cards: [] } });
    on('getPayment', (_c, n) =>
      n === 0 ? { network: true } : { json: payment({ id: PAYMENT_ID, nextAction: issuerApp() }) },
    );
    on('createKkiPayment', {
      error: 'order_payment_open',
      details: { paymentId: PAYMENT_ID, method: 'kki' },
    });
    const user = userEvent.setup();
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    await new Promise((r) => setTimeout(r, 800));
    const form = screen.queryByLabelText('Nomor kartu');
    if (form !== null) {
      // The customer, shown a form, pays again.
      await user.type(form, VALID_BRI_CPAN);
      await user.type(screen.getByLabelText('Kode sekali pakai dari aplikasi bank'), 'OTT999');
      await user.click(screen.getByRole('button', { name: /Bayar/ }));
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(callsTo('getPayment').length).toBeGreaterThan(1);
    expect(callsTo('createKkiPayment')).toHaveLength(0);
    expect(screen.getByRole('link', { name: /Buka aplikasi/ })).toBeInTheDocument();
  });
});
