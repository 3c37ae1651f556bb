// Views the mock BFF answers with. Each builder parses its result with the contract's schema, so a
// fixture that drifts from the contract fails the test that uses it.
import {
  type BindingView,
  bindingViewSchema,
  type OrderView,
  orderViewSchema,
  type PaymentView,
  paymentViewSchema,
  type RefundView,
  refundViewSchema,
  type SavedCardView,
  savedCardViewSchema,
} from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';

export const ORDER_ID = 'ord_test0001';
export const PAYMENT_ID = 'pay_test0001';
export const BINDING_ID = 'bind_test0001';
const T0 = '2026-03-26T08:00:00.000Z';

/** A Luhn-valid BRI test CPAN, from the sandbox's own test-card helper. */
export const VALID_BRI_CPAN = kkiTestCpan('bri');

export function order(over: Partial<OrderView> = {}): OrderView {
  return orderViewSchema.parse({
    id: ORDER_ID,
    amount: 150_000,
    currency: 'IDR',
    description: 'Kopi susu',
    lineItems: [{ name: 'Kopi susu', price: 150_000, quantity: 1 }],
    status: 'open',
    paidPaymentId: null,
    openPaymentId: null,
    openPaymentMethod: null,
    paidAt: null,
    cardOptions: null,
    createdAt: T0,
    ...over,
  });
}

export function payment(over: Partial<PaymentView> = {}): PaymentView {
  return paymentViewSchema.parse({
    id: PAYMENT_ID,
    orderId: ORDER_ID,
    method: 'kki',
    kkiKind: 'single',
    cardPaymentType: null,
    checkoutChannel: null,
    status: 'pending',
    amount: 150_000,
    currency: 'IDR',
    refundedAmount: 0,
    refundableAmount: 0,
    nextAction: { type: 'none' },
    error: null,
    card: { maskedCpan: '936000******5678', issuer: 'bri', cardId: null },
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

export function binding(over: Partial<BindingView> = {}): BindingView {
  return bindingViewSchema.parse({
    id: BINDING_ID,
    mode: 'otp',
    status: 'pending',
    maskedCpan: '936000******5678',
    issuer: 'bri',
    nextAction: { type: 'none' },
    cardId: null,
    error: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function savedCard(over: Partial<SavedCardView> = {}): SavedCardView {
  return savedCardViewSchema.parse({
    id: 'card_test0001',
    maskedCpan: '936000******5678',
    issuer: 'bri',
    issuerName: 'BRI',
    addedAt: T0,
    status: 'active',
    ...over,
  });
}

export function refund(over: Partial<RefundView> = {}): RefundView {
  return refundViewSchema.parse({
    id: 'ref_test0001',
    paymentId: PAYMENT_ID,
    amount: 50_000,
    currency: 'IDR',
    type: 'KKI_PARTIAL_REFUND',
    status: 'succeeded',
    reason: null,
    error: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}
