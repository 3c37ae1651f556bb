// CardPaymentFrame follows the order's open attempt (another tab, a reload) instead of opening a
// second card page, which would replace the one the customer may be paying on.
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { callsTo, on } from './bff-mock.js';
import { inMinutes, ORDER_ID, order, PAYMENT_ID, payment } from './fixtures.js';
import { renderKki, setupMockBff } from './render.js';
import { CardPaymentFrame } from '../src/CardPaymentFrame/CardPaymentFrame.js';

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
    on('getOrder', { json: order({ openPaymentId: PAYMENT_ID }) });
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
});
