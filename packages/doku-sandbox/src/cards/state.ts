// What the Cards side of the sandbox remembers: payment pages, the order behind each invoice number,
// saved-card tokens. Card numbers are never stored: a payment keeps the masked number and the id of
// the test card (which decides outcomes for later token payments).
import type { CardAcquirer, CardPaymentType, CardRefundType, PaymentPageRequest } from '@kki-kit/doku';
import type { CardBrand } from '../test-values/cards.js';
import type { InstallmentKind } from './rules.js';

/** A hosted payment page created by `POST /credit-card/v1/payment-page`. */
export interface PaymentPageSession {
  /** DOKU-generated id in the page URL's `requestId` (doku-api.md §7.1 GUESS: not the merchant's Request-Id). */
  ref: string;
  /** The URL's `signature` parameter: Base64 of the request's Signature without `HMACSHA256=` (§7.1). */
  signatureParam: string;
  url: string;
  sessionId: string;
  invoiceNumber: string;
  /** The merchant's Request-Id of the payment-page call: refunds name it as `original_request_id`. */
  merchantRequestId: string;
  request: PaymentPageRequest;
  /** `payment.type`, SALE when absent. */
  type: CardPaymentType;
  /** AUTHORIZE with `auto_capture: true` is captured at once, as a SALE (§7.1). */
  autoCapture: boolean;
  createdAtMs: number;
  expiresAtMs: number;
  /** `open` until the card is submitted; `three_ds` while an OTP is pending; then `completed`. */
  state: 'open' | 'three_ds' | 'completed';
  /** The 3-D Secure challenge in progress. */
  challengeId: string | null;
}

/** What the sandbox shows of a card: never the full number. */
export interface CardSummary {
  /** First 6 and last 4 digits (`411111******1111`). */
  masked: string;
  brand: CardBrand;
  type: 'CREDIT' | 'DEBIT';
  issuer: string;
  /** Test card id: decides what the issuer does on later token payments. */
  testCardId: string;
}

/** One refund (or void) request and its result. */
export interface CardRefund {
  requestId: string;
  amount: number;
  type: CardRefundType;
  status: 'SUCCESS' | 'FAILED';
  message: string;
  approvalCode: string | null;
  atMs: number;
}

/** The authorization of an AUTHORIZE payment. */
export interface CardAuthorization {
  authorizeId: string;
  amount: number;
  status: 'AUTHORIZED' | 'CAPTURED' | 'RELEASED' | 'VOIDED';
  capturedAmount: number | null;
  captureRequestId: string | null;
  capturedAtMs: number | null;
  /** When the hold ends and DOKU releases the funds (7 days, §7.1). */
  releaseAtMs: number;
}

/** What a DOKU Checkout adds to the order it created (doku-api.md §7.7). */
export interface CheckoutOrderInfo {
  /** The Checkout's `response.payment.token_id`. */
  tokenId: string;
  /** The path the shopper took on the Checkout page, once known. */
  channel: 'kki' | 'card' | null;
  /** The KKI payment of a KKI Checkout: DOKU's reference, the issuer and the masked CPAN only. */
  kki: { referenceNo: string; issuerId: string; issuerName: string; masked: string } | null;
}

/** The order behind an invoice number: the latest payment page and its outcome. */
export interface CardOrder {
  invoiceNumber: string;
  /** Request-Id of the payment-page call that created the current attempt. */
  originalRequestId: string;
  pageRef: string;
  /** When the current page lapses unpaid. */
  pageExpiresAtMs: number;
  type: CardPaymentType;
  /** `order.amount` as the merchant sent it. */
  requestedAmount: number;
  /** Charged amount: `order.amount` minus a promo discount (§7.1 "final amount"). */
  amount: number;
  promo: { bin: string; discountAmount: number } | null;
  customer: PaymentPageRequest['customer'] | null;
  acquirer: string;
  installment: { tenor: number; kind: InstallmentKind; acquirer: CardAcquirer } | null;
  /** PENDING: page open; SUCCESS/FAILED: card result; EXPIRED: page lapsed or authorization released. */
  status: 'PENDING' | 'SUCCESS' | 'FAILED' | 'EXPIRED';
  card: CardSummary | null;
  /** Token of the card when it was saved (`card.save`, RECURRING, or the customer's choice) or used. */
  token: string | null;
  responseCode: string | null;
  responseMessage: string | null;
  approvalCode: string | null;
  eci: string | null;
  /** 3-D Secure authentication id when the issuer asked for OTP. */
  authenticationId: string | null;
  authorization: CardAuthorization | null;
  createdAtMs: number;
  /** When the card result came (SUCCESS/FAILED). */
  completedAtMs: number | null;
  /** When the funds settle (SUCCESS SALE-like, or CAPTURED); `null` until then. */
  settleAtMs: number | null;
  refunds: CardRefund[];
  /** Notification URL for this order: `override_notification_url` or the configured one. */
  notificationUrl: string | null;
  /** Set when a DOKU Checkout created the order (its card path, or its KKI path). */
  checkout?: CheckoutOrderInfo;
}

/** A saved card (`card.token`). */
export interface SavedCard {
  token: string;
  customerId: string;
  card: CardSummary;
  createdAtMs: number;
}

/** A pending 3-D Secure step. */
export interface ThreeDsChallenge {
  id: string;
  pageRef: string;
  attemptsLeft: number;
  /** What the payment will be once the OTP passes (no card number: the summary and choices only). */
  pending: PendingCharge;
}

/** A card submission that passed the form checks and awaits the issuer. */
export interface PendingCharge {
  card: CardSummary;
  tenor: number | null;
  saveCard: boolean;
  /** Token used for this payment (pre-filled `card.token`). */
  usedToken: string | null;
  promo: { bin: string; discountAmount: number } | null;
}

/** All Cards state, reset as one. */
export class CardsState {
  readonly pages = new Map<string, PaymentPageSession>();
  readonly orders = new Map<string, CardOrder>();
  readonly tokens = new Map<string, SavedCard>();
  readonly challenges = new Map<string, ThreeDsChallenge>();
  /** Authorization id -> invoice number. */
  readonly authorizations = new Map<string, string>();
  /** Cancels of scheduled tasks (authorization release). */
  readonly timers = new Set<() => void>();

  clear(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.pages.clear();
    this.orders.clear();
    this.tokens.clear();
    this.challenges.clear();
    this.authorizations.clear();
  }
}
