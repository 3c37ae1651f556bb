// The views the stories' mock BFF answers with. Each is parsed by the contract's schema, so a story
// whose data drifts from the contract fails instead of showing something the BFF never sends.
import {
  type BindingView,
  bindingViewSchema,
  isValidCpan,
  type OrderView,
  orderViewSchema,
  type PaymentView,
  paymentViewSchema,
  type RefundView,
  refundViewSchema,
  type SavedCardView,
  savedCardViewSchema,
} from '@kki-kit/contract';

export const STORY_ORDER_ID = 'ord_story0001';
export const STORY_PAYMENT_ID = 'pay_story0001';
export const STORY_AMOUNT = 250_000;
const CREATED = '2026-06-01T03:00:00.000Z';

/**
 * A BRI test CPAN (prefix 936000 02) with a valid check digit, typed by play functions.
 * Found by trying the ten check digits against the contract's own validity test.
 */
export const STORY_CPAN: string = (() => {
  for (let d = 0; d <= 9; d++) {
    const cpan = `936000021234567${d}`;
    if (isValidCpan(cpan)) return cpan;
  }
  throw new Error('no valid story CPAN');
})();

/** ISO time `seconds` from now, for countdowns. */
export const secondsFromNow = (seconds: number): string =>
  new Date(Date.now() + seconds * 1000).toISOString();

export const storyOrder = (over: Partial<OrderView> = {}): OrderView =>
  orderViewSchema.parse({
    id: STORY_ORDER_ID,
    amount: STORY_AMOUNT,
    currency: 'IDR',
    description: 'Batik tulis',
    lineItems: [{ name: 'Batik tulis', price: STORY_AMOUNT, quantity: 1 }],
    status: 'open',
    paidPaymentId: null,
    openPaymentId: null,
    openPaymentMethod: null,
    paidAt: null,
    cardOptions: null,
    createdAt: CREATED,
    ...over,
  });

export const storyPayment = (over: Partial<PaymentView> = {}): PaymentView =>
  paymentViewSchema.parse({
    id: STORY_PAYMENT_ID,
    orderId: STORY_ORDER_ID,
    method: 'kki',
    kkiKind: 'single',
    cardPaymentType: null,
    checkoutChannel: null,
    status: 'pending',
    amount: STORY_AMOUNT,
    currency: 'IDR',
    refundedAmount: 0,
    refundableAmount: 0,
    nextAction: { type: 'none' },
    error: null,
    card: { maskedCpan: '936000******5670', issuer: 'bri', cardId: null },
    createdAt: CREATED,
    updatedAt: CREATED,
    ...over,
  });

/** A Cards (Non-SNAP) payment: no KKI kind, no card until DOKU's page is done. */
export const storyCardPayment = (over: Partial<PaymentView> = {}): PaymentView =>
  storyPayment({ method: 'card', kkiKind: null, cardPaymentType: 'SALE', card: null, ...over });

/** A DOKU Checkout payment: no card or KKI kind until DOKU says what the shopper paid with. */
export const storyCheckoutPayment = (over: Partial<PaymentView> = {}): PaymentView =>
  storyPayment({ method: 'checkout', kkiKind: null, card: null, ...over });

export const storyBinding = (over: Partial<BindingView> = {}): BindingView =>
  bindingViewSchema.parse({
    id: 'bind_story0001',
    mode: 'otp',
    status: 'pending',
    maskedCpan: '936000******5670',
    issuer: 'bri',
    nextAction: { type: 'none' },
    cardId: null,
    error: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...over,
  });

export const storySavedCards: readonly SavedCardView[] = [
  savedCardViewSchema.parse({
    id: 'card_story0001',
    maskedCpan: '936000******5670',
    issuer: 'bri',
    issuerName: 'BRI',
    addedAt: CREATED,
    status: 'active',
  }),
  savedCardViewSchema.parse({
    id: 'card_story0002',
    maskedCpan: '936000******0008',
    issuer: 'mandiri',
    issuerName: 'Mandiri',
    addedAt: '2026-05-12T03:00:00.000Z',
    status: 'active',
  }),
];

export const storyRefund = (over: Partial<RefundView> = {}): RefundView =>
  refundViewSchema.parse({
    id: 'ref_story0001',
    paymentId: STORY_PAYMENT_ID,
    amount: 50_000,
    currency: 'IDR',
    type: 'KKI_PARTIAL_REFUND',
    status: 'succeeded',
    reason: 'Ukuran tidak cocok',
    error: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...over,
  });
