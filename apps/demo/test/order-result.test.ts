// The order's result page: which payment it is about and what it says, in both languages, from the
// BFF's views alone.
import {
  createKkiError,
  formatIdr,
  getErrorCopy,
  type KkiLocale,
  type OrderView,
  type PaymentView,
  shortId,
} from '@kki-kit/contract';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { order as orderFixture, payment as paymentFixture } from '../../../packages/react/test/fixtures.js';
import { LocaleContext } from '../src/i18n.js';
import { orderResult } from '../src/pages/order-result.js';
import { OrderResultView } from '../src/pages/OrderPage.js';

const ORDER_ID = 'ord_demo7k2m9q4x';
const T0 = '2026-03-26T08:00:00.000Z';
const PAID_AT = '2026-03-26T08:03:00.000Z';

// The kit's view fixtures (each parsed by the contract's schema), on this test's order.
const order = (over: Partial<OrderView> = {}): OrderView =>
  orderFixture({ id: ORDER_ID, amount: 275_000, description: 'Batik tulis', ...over });
const payment = (id: string, over: Partial<PaymentView> = {}): PaymentView =>
  paymentFixture({ id, orderId: ORDER_ID, amount: 275_000, createdAt: T0, updatedAt: T0, ...over });

const failed = payment('pay_failed0001', {
  status: 'failed',
  // Stored as first worded (the default language): the page words it in its own.
  error: createKkiError('insufficient_funds', { locale: 'id' }),
});
const paid = payment('pay_paid00001', {
  status: 'succeeded',
  createdAt: '2026-03-26T08:01:00.000Z',
  updatedAt: PAID_AT,
});
const paidOrder = order({ status: 'paid', paidPaymentId: paid.id, paidAt: PAID_AT });

function render(locale: KkiLocale, o: OrderView, payments: PaymentView[]): string {
  return renderToStaticMarkup(
    createElement(
      LocaleContext.Provider,
      { value: { locale, setLocale: () => {} } },
      createElement(OrderResultView, { order: o, payments }),
    ),
  );
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
const heading = (html: string) => /<h1[^>]*>(.*?)<\/h1>/.exec(html)?.[1];

describe('orderResult', () => {
  it('is about the paying payment once paid, whatever attempts came before', () => {
    expect(orderResult(paidOrder, [failed, paid])).toEqual({ state: 'paid', payment: paid });
  });

  it('waits on the open attempt', () => {
    const open = payment('pay_open00001');
    expect(orderResult(order({ openPaymentId: open.id }), [failed, open])).toEqual({
      state: 'waiting',
      payment: open,
    });
  });

  it('reports the latest attempt when it ended without taking money', () => {
    const earlier = payment('pay_expired01', { status: 'expired', createdAt: '2026-03-26T07:00:00.000Z' });
    expect(orderResult(order(), [failed, earlier])).toEqual({ state: 'failed', payment: failed });
  });

  it('is an unpaid order without attempts', () => {
    expect(orderResult(order(), [])).toEqual({ state: 'open', payment: null });
  });
});

describe('OrderResultView', () => {
  it('thanks the shopper with the amount, card, date, status and short order number (en)', () => {
    const html = render('en', paidOrder, [failed, paid]);
    expect(heading(html)).toBe('Thank you! Your payment went through');
    const body = text(html);
    expect(body).toContain('Order number #7K2M9Q4X');
    expect(body).toContain(`Amount ${formatIdr(275_000, 'en')}`);
    expect(body).toContain('Card BRI · 936000******5678');
    expect(body).toContain('Status Paid');
    expect(body).toContain('26 March 2026');
    expect(html).toContain(`dateTime="${PAID_AT}"`);
    // The raw id is never the title, and the earlier attempt stays listed.
    expect(body).not.toContain(ORDER_ID);
    expect(html).toContain('<table');
  });

  it('says the same in Bahasa Indonesia', () => {
    const body = text(render('id', paidOrder, [paid]));
    expect(body).toContain('Terima kasih! Pembayaran berhasil');
    expect(body).toContain(`Nomor pesanan #${shortId(ORDER_ID)}`);
    expect(body).toContain(`Jumlah ${formatIdr(275_000, 'id')}`);
    expect(body).toContain('Status Lunas');
    expect(body).toContain('26 Maret 2026');
  });

  it('shows a waiting payment with a way back to it', () => {
    const open = payment('pay_open00001');
    const html = render('id', order({ openPaymentId: open.id }), [open]);
    expect(heading(html)).toBe('Menunggu konfirmasi pembayaran');
    expect(text(html)).toContain('Status Menunggu pembayaran');
    expect(html).toContain(`href="/orders/${ORDER_ID}/pay"`);
    expect(text(html)).toContain('Lanjutkan pembayaran');
  });

  it('shows why the payment failed and offers another try', () => {
    const html = render('en', order(), [failed]);
    expect(heading(html)).toBe('The payment did not go through');
    expect(text(html)).toContain(getErrorCopy('insufficient_funds', 'en'));
    expect(text(html)).not.toContain(getErrorCopy('insufficient_funds', 'id'));
    expect(text(html)).toContain('Try paying again');
    expect(text(html)).toContain('Status Failed');
  });

  it('titles an order without attempts by its short number', () => {
    expect(heading(render('en', order(), []))).toBe(`Order #${shortId(ORDER_ID)}`);
  });
});
