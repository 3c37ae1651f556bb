// What the BFF shows the browser: read-only views of orders, payments, bindings, saved cards and
// refunds. None holds a secret, a full card number or a DOKU token.
import * as z from 'zod/mini';
import { rupiahSchema } from '../money-schemas.js';
import {
  bindingIdSchema,
  cardIdSchema,
  currencySchema,
  kkiErrorSchema,
  kkiIssuerIdSchema,
  lineItemSchema,
  maskedCpanSchema,
  orderIdSchema,
  paymentIdSchema,
  refundIdSchema,
  timestampSchema,
} from './common.js';
import {
  BINDING_MODES,
  BINDING_STATUSES,
  CHECKOUT_CHANNELS,
  KKI_PAYMENT_KINDS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  SAVED_CARD_STATUSES,
} from './view-enums.js';

/** A non-negative whole-rupiah amount (0 is valid here, e.g. nothing left to refund). */
const rupiahOrZero = z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));

// --- Cards payment options an order carries ----------------------------------------------------

/** DOKU Cards payment types (SALE, AUTHORIZE + capture, INSTALLMENT, MOTO, RECURRING). */
export const CARD_PAYMENT_TYPES = ['SALE', 'AUTHORIZE', 'INSTALLMENT', 'MOTO', 'RECURRING'] as const;
/** One of {@link CARD_PAYMENT_TYPES}. */
export const cardPaymentTypeSchema = z.enum(CARD_PAYMENT_TYPES);
/** A DOKU Cards payment type. */
export type CardPaymentType = z.infer<typeof cardPaymentTypeSchema>;

/** Acquirers that offer installments on DOKU's payment page. */
export const CARD_INSTALLMENT_ACQUIRERS = [
  'BNI',
  'BRI',
  'BANK_CIMB',
  'BANK_MANDIRI',
  'BCA',
  'BANK_PERMATA',
  'DANAMON',
  'BUKOPIN',
  'HSBC',
  'OCBC_NISP',
] as const;
/** One of {@link CARD_INSTALLMENT_ACQUIRERS}. */
export const cardAcquirerSchema = z.enum(CARD_INSTALLMENT_ACQUIRERS);
/** An installment acquirer. */
export type CardAcquirer = z.infer<typeof cardAcquirerSchema>;

/** A card BIN: 6 to 8 digits. */
export const binSchema = z.string().check(z.regex(/^\d{6,8}$/, 'a BIN is 6 to 8 digits'));

/** A promo: cards starting with `bin` get `discountAmount` rupiah off. Set by the merchant only. */
export const cardPromoSchema = z.object({ bin: binSchema, discountAmount: rupiahSchema });
/** `{ bin, discountAmount }`. */
export type CardPromo = z.infer<typeof cardPromoSchema>;

/**
 * Card payment-page options the merchant fixes on the order (server-side). The browser may narrow
 * `allowedBins` / `allowedTenors`, never widen them, and cannot add promos: a promo changes the
 * amount charged, and amounts never come from the browser.
 */
export const orderCardOptionsSchema = z.object({
  paymentTypes: z.optional(z.array(cardPaymentTypeSchema).check(z.minLength(1))),
  promos: z.optional(z.array(cardPromoSchema).check(z.maxLength(50))),
  allowedBins: z.optional(z.array(binSchema).check(z.minLength(1), z.maxLength(200))),
  allowedTenors: z.optional(
    z.array(z.number().check(z.int(), z.positive(), z.maximum(60))).check(z.minLength(1), z.maxLength(24)),
  ),
});
/** Card payment-page options fixed on an order. */
export type OrderCardOptions = z.infer<typeof orderCardOptionsSchema>;

// --- Orders -------------------------------------------------------------------------------------

/** An order as the payment page sees it: read-only, the amount decided by the merchant's server. */
export const orderViewSchema = z.object({
  id: orderIdSchema,
  amount: rupiahSchema,
  currency: currencySchema,
  description: z.nullable(z.string()),
  lineItems: z.array(lineItemSchema),
  status: z.enum(ORDER_STATUSES),
  /** The payment that paid the order, once one succeeded. */
  paidPaymentId: z.nullable(paymentIdSchema),
  /**
   * The order's attempt still in progress (at most one), so any tab or device resumes it instead
   * of offering a second payment; `null` when there is none.
   */
  openPaymentId: z.nullable(paymentIdSchema),
  /**
   * How that attempt pays (`null` with no attempt): a page follows only an attempt it can show (the
   * card page one of `card`, the pay button one of `kki` or `checkout`).
   */
  openPaymentMethod: z.nullable(z.enum(PAYMENT_METHODS)),
  cardOptions: z.nullable(orderCardOptionsSchema),
  createdAt: timestampSchema,
  /** When the order was paid (its paying payment succeeded), for receipts; `null` while open. */
  paidAt: z.nullable(timestampSchema),
});
/** An order as the browser sees it. */
export type OrderView = z.infer<typeof orderViewSchema>;

// --- Next actions -------------------------------------------------------------------------------

/** Confirm the payment in the issuer's app (KKI); `url` opens the app or its web page. */
export const issuerAppActionSchema = z.object({
  type: z.literal('issuer_app'),
  url: z.url(),
  issuer: z.nullable(kkiIssuerIdSchema),
  expiresAt: z.nullable(timestampSchema),
});
/** Enter an OTP on DOKU's hosted page (KKI binding in DH mode, or an issuer OTP page). */
export const otpRedirectActionSchema = z.object({
  type: z.literal('otp_redirect'),
  url: z.url(),
  expiresAt: z.nullable(timestampSchema),
});
/** Enter the SMS OTP in the component (KKI binding in H2H mode), then call verify-OTP. */
export const otpInputActionSchema = z.object({
  type: z.literal('otp_input'),
  expiresAt: z.nullable(timestampSchema),
  attemptsLeft: z.nullable(z.number().check(z.int(), z.nonnegative())),
});
/** Show DOKU's hosted card payment page (in an iframe). */
export const cardPageActionSchema = z.object({
  type: z.literal('card_page'),
  url: z.url(),
  expiresAt: z.nullable(timestampSchema),
});
/**
 * Go to DOKU Checkout's hosted page (`url`), where the customer types the card (KKI or a credit card)
 * on DOKU's side; the page is open until `expiresAt`. Opened as a redirect, popup or overlay.
 */
export const checkoutPageActionSchema = z.object({
  type: z.literal('checkout_page'),
  url: z.url(),
  expiresAt: z.nullable(timestampSchema),
});
/** Nothing for the customer to do. */
export const noActionSchema = z.object({ type: z.literal('none') });

/** What the customer must do to move a payment on. */
export const paymentNextActionSchema = z.discriminatedUnion('type', [
  issuerAppActionSchema,
  otpRedirectActionSchema,
  cardPageActionSchema,
  checkoutPageActionSchema,
  noActionSchema,
]);
/** A payment's next action. */
export type PaymentNextAction = z.infer<typeof paymentNextActionSchema>;

/** What the customer must do to finish a card binding. */
export const bindingNextActionSchema = z.discriminatedUnion('type', [
  otpRedirectActionSchema,
  otpInputActionSchema,
  noActionSchema,
]);
/** A binding's next action. */
export type BindingNextAction = z.infer<typeof bindingNextActionSchema>;

// --- Payments -----------------------------------------------------------------------------------

/** One of {@link PAYMENT_STATUSES}. */
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
/** A payment's state. */
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** One of {@link PAYMENT_METHODS}. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** One of {@link CHECKOUT_CHANNELS}. */
export const checkoutChannelSchema = z.enum(CHECKOUT_CHANNELS);
/** A method on DOKU Checkout's page. */
export type CheckoutChannel = z.infer<typeof checkoutChannelSchema>;

/** The card a payment used, as far as the customer may see it. */
export const paymentCardSchema = z.object({
  maskedCpan: z.nullable(maskedCpanSchema),
  issuer: z.nullable(kkiIssuerIdSchema),
  /** The saved card used, or the one this payment saved (pay with binding). */
  cardId: z.nullable(cardIdSchema),
});

/** One payment attempt as the browser (and merchant code) sees it. */
export const paymentViewSchema = z.object({
  id: paymentIdSchema,
  orderId: orderIdSchema,
  method: z.enum(PAYMENT_METHODS),
  /** KKI payment type, for `method: 'kki'`. */
  kkiKind: z.nullable(z.enum(KKI_PAYMENT_KINDS)),
  /** Cards payment type, for `method: 'card'`. */
  cardPaymentType: z.nullable(cardPaymentTypeSchema),
  /** For `method: 'checkout'`: what the customer paid with on DOKU's page, once DOKU said; else `null`. */
  checkoutChannel: z.nullable(checkoutChannelSchema),
  status: paymentStatusSchema,
  amount: rupiahSchema,
  currency: currencySchema,
  /** Sum of succeeded refunds. */
  refundedAmount: rupiahOrZero,
  /** What can still be refunded (0 unless `succeeded` or `partially_refunded`). */
  refundableAmount: rupiahOrZero,
  nextAction: paymentNextActionSchema,
  /** Why the payment failed, expired or was refused; `null` otherwise. */
  error: z.nullable(kkiErrorSchema),
  card: z.nullable(paymentCardSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** One payment attempt. */
export type PaymentView = z.infer<typeof paymentViewSchema>;

// --- Saved cards and bindings -------------------------------------------------------------------

/** A saved KKI card of the signed-in customer. */
export const savedCardViewSchema = z.object({
  id: cardIdSchema,
  maskedCpan: maskedCpanSchema,
  issuer: z.nullable(kkiIssuerIdSchema),
  /** Display name of the issuer, e.g. `BRI`. */
  issuerName: z.nullable(z.string()),
  addedAt: timestampSchema,
  status: z.enum(SAVED_CARD_STATUSES),
});
/** A saved card. */
export type SavedCardView = z.infer<typeof savedCardViewSchema>;

/** A card-binding attempt. */
export const bindingViewSchema = z.object({
  id: bindingIdSchema,
  mode: z.enum(BINDING_MODES),
  status: z.enum(BINDING_STATUSES),
  maskedCpan: maskedCpanSchema,
  issuer: z.nullable(kkiIssuerIdSchema),
  nextAction: bindingNextActionSchema,
  /** The saved card, once the binding is `active`. */
  cardId: z.nullable(cardIdSchema),
  error: z.nullable(kkiErrorSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A card-binding attempt. */
export type BindingView = z.infer<typeof bindingViewSchema>;

// --- Refunds ------------------------------------------------------------------------------------

/**
 * The refund type. Cards: DOKU decides VOID (not yet settled), PARTIAL/FULL_REFUND, or MANUAL_*
 * (the acquirer refunds by hand). KKI: full or partial debit refund.
 */
export const REFUND_TYPES = [
  'VOID',
  'PARTIAL_REFUND',
  'FULL_REFUND',
  'MANUAL_PARTIAL_REFUND',
  'MANUAL_FULL_REFUND',
  'KKI_FULL_REFUND',
  'KKI_PARTIAL_REFUND',
] as const;
/** One of {@link REFUND_TYPES}. */
export const refundTypeSchema = z.enum(REFUND_TYPES);
/** A refund type. */
export type RefundType = z.infer<typeof refundTypeSchema>;

/** A refund of a payment. */
export const refundViewSchema = z.object({
  id: refundIdSchema,
  paymentId: paymentIdSchema,
  amount: rupiahSchema,
  currency: currencySchema,
  /** `null` until DOKU has said which type it applied (Cards decides VOID vs refund itself). */
  type: z.nullable(refundTypeSchema),
  status: z.enum(REFUND_STATUSES),
  reason: z.nullable(z.string()),
  error: z.nullable(kkiErrorSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** A refund. */
export type RefundView = z.infer<typeof refundViewSchema>;
