// CardPaymentFrame follows the order's open card page attempt (another tab, a reload) instead of
// opening a second card page, which would replace the one the customer may be paying on. An open
// attempt of another method is not its to show (KkiPayButton's): the BFF's refusal says why; and
// KkiPayButton leaves a card page attempt alone in turn.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { callsTo, on } from './bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from './fixtures.js';
import { renderKki, setupMockBff } from './render.js';
import { CardPaymentFrame } from '../src/CardPaymentFrame/CardPaymentFrame.js';
import { KkiPayButton } from '../src/KkiPayButton/KkiPayButton.js';

setupMockBff();

const onPage = (id = PAYMENT_ID, url = 'https://pay.doku.test/card/1') =>
  payment({
    id,
    method: 'card',
    kkiKind: null,
    cardPaymentType: 'SALE',
    card: null,
    nextAction: { type: 'card_page', url, expiresAt: inMinutes(10) },
  });

describe('CardPaymentFrame and the order\u2019s open attempt', () => {
  it('a second tab resumes the open card page instead of opening another', async () => {
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'card' }) });
    on('getPayment', { json: onPage() });
    on('createCardPayment', { json: onPage('pay_test0002', 'https://pay.doku.test/card/2') });
    const user = userEvent.setup();
    renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await new Promise((r) => setTimeout(r, 300));
    const open = screen.queryByRole('button', { name: /dengan kartu/ });
    if (open !== null) await user.click(open);
    await new Promise((r) => setTimeout(r, 200));
    expect(callsTo('createCardPayment')).toHaveLength(0);
    expect(screen.getByTitle('Pembayaran kartu')).toHaveAttribute('src', 'https://pay.doku.test/card/1');
  });

  it('an open KKI attempt is not followed: opening the page gets the BFF\u2019s refusal, which says why', async () => {
    const details = { paymentId: PAYMENT_ID, method: 'kki' as const };
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'kki' }) });
    on('getPayment', { json: payment() });
    on('createCardPayment', { error: 'order_payment_open', details });
    const user = userEvent.setup();
    renderKki(<CardPaymentFrame orderId={ORDER_ID} />);
    await user.click(await screen.findByRole('button', { name: /dengan kartu/ }));
    expect(
      await screen.findByText(/sudah memiliki pembayaran yang sedang berjalan/, {
        selector: '.kki-panel-text',
      }),
    ).toBeInTheDocument();
    expect(callsTo('getPayment')).toHaveLength(0);
  });

  it('KkiPayButton does not follow an open card page attempt', async () => {
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID, openPaymentMethod: 'card' }) });
    on('getPayment', { json: onPage() });
    on('listSavedCards', { json: { cards: [] } });
    renderKki(<KkiPayButton orderId={ORDER_ID} />);
    expect(await screen.findByLabelText('Nomor kartu')).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 200));
    expect(callsTo('getPayment')).toHaveLength(0);
  });
});
