// The DOKU-facing service layer the routes call. Routes own HTTP, validation, customer scoping,
// CSRF, rate limits and idempotency; a service owns the DOKU call and the state it changes. A route
// is mounted only when its service is present (see `createKkiBff`), so no route answers with
// anything but a real DOKU outcome.
import type {
  CheckoutChannel,
  CheckoutDisplay,
  CreateBindingParsed,
  CreateCardPaymentParsed,
  CreateKkiPaymentParsed,
  CreateRefundRequest,
} from '@kki-kit/contract';
import type { Context } from 'hono';
import type { ResolvedConfig } from '../config.js';
import type { IdempotencyContext } from '../idempotency.js';
import type { Log } from '../log.js';
import type {
  BindingRecord,
  ExtraChargeRecord,
  OrderRecord,
  PaymentRecord,
  RefundRecord,
  SavedCardRecord,
  Store,
} from '../store/index.js';

/** What every service is built from. */
export interface ServiceDeps {
  config: ResolvedConfig;
  store: Store;
  log: Log;
  /**
   * Refunds charges an order does not keep; called after a transition that recorded one. Absent
   * (no refund service), the extra charge stays recorded for a later run that has one.
   */
  extraCharges?: ExtraChargeService;
}

/** One charge per order: refunds the extra charges the store recorded (see `refunds/extra-charges.ts`). */
export interface ExtraChargeService {
  /**
   * Refunds the payment's extra charge at DOKU under its deterministic reference; never throws (a
   * failure is recorded and retried by {@link retryOpen}). Null when the payment has no extra charge.
   */
  refund(paymentId: string): Promise<ExtraChargeRecord | null>;
  /** Retries every extra charge whose refund DOKU has not confirmed (reconciliation runs it). */
  retryOpen(): Promise<{ checked: number; refunded: number }>;
}

/** KKI payments (KkiPayButton) and status checks shared with reconciliation. */
export interface KkiPaymentService {
  /**
   * Pays order `orderId` from `source`: creates the payment with `ctx.externalId` as
   * partnerReferenceNo / X-EXTERNAL-ID (the store checks, under the order's row lock, that the order
   * is `customerId`'s, unpaid and without an open attempt), calls DOKU, stores the outcome. A retry
   * of a call that paid the order gets that payment back. The saved card of a `saved_card` source is
   * already checked to be the customer's and active.
   */
  create(input: {
    customerId: string;
    orderId: string;
    source: CreateKkiPaymentParsed['source'];
    savedCard: SavedCardRecord | null;
    ctx: IdempotencyContext;
    /** Merchant-initiated charge of a saved card without the customer's confirmation (KKI `no_auth`). */
    noAuth?: boolean;
  }): Promise<PaymentRecord>;
  /** Asks DOKU for the status of an open payment and applies it (status polls, reconciliation). */
  refresh(payment: PaymentRecord): Promise<PaymentRecord>;
  /** Cancels an unconfirmed payment. */
  cancel(payment: PaymentRecord, ctx: IdempotencyContext): Promise<PaymentRecord>;
}

/** Card binding (KkiBindCard). */
export interface BindingService {
  create(input: {
    customerId: string;
    request: CreateBindingParsed;
    ctx: IdempotencyContext;
  }): Promise<BindingRecord>;
  verifyOtp(binding: BindingRecord, otp: string, ctx: IdempotencyContext): Promise<BindingRecord>;
  /** Re-reads a pending binding from DOKU's side (after the hosted OTP page). */
  refresh(binding: BindingRecord): Promise<BindingRecord>;
}

/** Saved-card removal (SavedCardsList). */
export interface SavedCardService {
  /**
   * Unbinds at DOKU: the card goes `removing` (DOKU PENDING, or a page DOKU asks the customer to
   * visit: `redirectUrl`) or is removed.
   */
  remove(
    card: SavedCardRecord,
    ctx: IdempotencyContext,
  ): Promise<{ removed: boolean; card: SavedCardRecord; redirectUrl?: string }>;
}

/** DOKU Cards hosted page (CardPaymentFrame). */
export interface CardPaymentService {
  /** Creates the payment and DOKU's page; the options are already narrowed to what the order allows. */
  createPage(input: {
    customerId: string;
    order: OrderRecord;
    request: CreateCardPaymentParsed;
    ctx: IdempotencyContext;
  }): Promise<PaymentRecord>;
  /** Confirms the outcome with DOKU's order status (the return URL is never trusted). */
  confirm(payment: PaymentRecord): Promise<PaymentRecord>;
  /**
   * The customer's cancel: confirmed with DOKU first, then closed if still open, and asked about again
   * until the page's own deadline. Answers the payment as it then stands (paid meanwhile included).
   */
  cancel(payment: PaymentRecord): Promise<PaymentRecord>;
  /** Captures an AUTHORIZE payment (merchant side); `amount` absent = full. */
  capture(payment: PaymentRecord, amount: number | null, ctx: IdempotencyContext): Promise<PaymentRecord>;
}

/** DOKU Checkout payments: the card is typed on DOKU's page (KKI or a credit card). */
export interface CheckoutPaymentService {
  /**
   * Creates the payment (`ctx.externalId` as invoice number and Request-Id) and DOKU Checkout's page
   * for `order` (already scoped to the customer and unpaid); `methods` are already narrowed to what
   * the merchant allows, `returnUrl` already checked against the allowed origins.
   */
  create(input: {
    customerId: string;
    order: OrderRecord;
    methods: readonly CheckoutChannel[];
    language: 'id' | 'en' | undefined;
    returnUrl: string;
    display: CheckoutDisplay;
    ctx: IdempotencyContext;
  }): Promise<PaymentRecord>;
  /** Confirms the outcome with DOKU's order status; expires a page DOKU no longer takes payments on. */
  confirm(payment: PaymentRecord): Promise<PaymentRecord>;
  /** Cancels a payment DOKU has not taken (checked first); a later success is refunded as an extra charge. */
  cancel(payment: PaymentRecord): Promise<PaymentRecord>;
}

/** Refunds (RefundForm and merchant code). */
export interface RefundService {
  /** Reserves (store rule: never above what is left), calls DOKU, settles. */
  refund(
    payment: PaymentRecord,
    request: CreateRefundRequest,
    ctx: IdempotencyContext,
  ): Promise<RefundRecord>;
  /**
   * Voids a card authorization the order does not keep (DOKU's refund call, type `VOID`): the payment
   * moves to `cancelled`. Idempotent by `ctx` (a replay is answered from DOKU's order status).
   */
  voidAuthorization(payment: PaymentRecord, ctx: IdempotencyContext): Promise<PaymentRecord>;
}

/** DOKU notifications: verify, de-duplicate, apply in order, answer in DOKU's format. */
export interface NotificationService {
  snap(c: Context): Promise<Response>;
  nonSnap(c: Context): Promise<Response>;
  /**
   * The merchant B2B token endpoint DOKU calls before an HMAC-mode SNAP notification: verifies
   * DOKU's `clientId|X-TIMESTAMP` RSA signature and issues the token the notification then carries.
   */
  snapToken?(c: Context): Promise<Response>;
}

/** Settles payments pending too long through DOKU's status APIs; also run at start-up. */
export interface ReconciliationService {
  run(): Promise<{ checked: number; settled: number }>;
}

/** The service layer. A missing service leaves its routes unmounted. */
export interface KkiServices {
  kkiPayments?: KkiPaymentService;
  bindings?: BindingService;
  savedCards?: SavedCardService;
  cardPayments?: CardPaymentService;
  checkout?: CheckoutPaymentService;
  refunds?: RefundService;
  notifications?: NotificationService;
  reconciliation?: ReconciliationService;
}
