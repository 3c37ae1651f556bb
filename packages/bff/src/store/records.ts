// What the store holds, as the rest of the BFF reads it. No record carries card data or a DOKU
// token in clear: tokens and auth codes are sealed with the store's TokenCipher.
import type {
  BindingNextAction,
  CardPaymentType,
  CheckoutChannel,
  KkiError,
  KkiErrorCode,
  KkiErrorDetails,
  KkiPaymentKind,
  LineItem,
  OrderCardOptions,
  PaymentMethod,
  PaymentNextAction,
  PaymentStatus,
  RefundType,
} from '@kki-kit/contract';
import type { PaymentEventSource } from './payment-state.js';

/** Non-secret DOKU facts kept with a record (references, approval codes, response codes). */
export type DokuFacts = Readonly<Record<string, string | number | boolean | null>>;

/** An order the merchant created server-side. */
export interface OrderRecord {
  id: string;
  customerId: string;
  amount: number;
  currency: 'IDR';
  description: string | null;
  lineItems: LineItem[];
  cardOptions: OrderCardOptions | null;
  metadata: Readonly<Record<string, string>>;
  status: 'open' | 'paid';
  paidPaymentId: string | null;
  /** When the order was paid (null while open). */
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Input of `orders.create`. */
export interface NewOrder {
  customerId: string;
  amount: number;
  description?: string | null;
  lineItems?: LineItem[];
  cardOptions?: OrderCardOptions | null;
  metadata?: Readonly<Record<string, string>>;
}

/** One payment attempt. */
export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string;
  method: PaymentMethod;
  kkiKind: KkiPaymentKind | null;
  cardPaymentType: CardPaymentType | null;
  /** For `checkout`: what the customer paid with on DOKU's page, once DOKU said. */
  checkoutChannel: CheckoutChannel | null;
  status: PaymentStatus;
  amount: number;
  currency: 'IDR';
  refundedAmount: number;
  /** DOKU `partnerReferenceNo` (KKI) or `invoice_number` (Cards); derived from the idempotency key. */
  partnerReferenceNo: string;
  /** `X-EXTERNAL-ID` / `Request-Id` of the creating call. */
  externalId: string;
  /** DOKU's own reference (`referenceNo`), once known. */
  dokuReferenceNo: string | null;
  savedCardId: string | null;
  maskedCpan: string | null;
  issuer: string | null;
  nextAction: PaymentNextAction;
  error: KkiError | null;
  doku: DokuFacts;
  /** Bumped by every state change; the event history is numbered by it. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Last time the BFF asked DOKU for this payment's status. */
  lastCheckedAt: Date | null;
}

/** Input of `payments.create`; the amount is always the order's. */
export interface NewPayment {
  orderId: string;
  /** When set, the order must be this customer's: another customer's order is not found. */
  customerId?: string;
  method: PaymentMethod;
  kkiKind?: KkiPaymentKind | null;
  cardPaymentType?: CardPaymentType | null;
  partnerReferenceNo: string;
  externalId: string;
  savedCardId?: string | null;
  maskedCpan?: string | null;
  issuer?: string | null;
}

/** Fields a flow may set on a payment besides its status. */
export interface PaymentPatch {
  dokuReferenceNo?: string | null;
  savedCardId?: string | null;
  maskedCpan?: string | null;
  issuer?: string | null;
  checkoutChannel?: CheckoutChannel | null;
  nextAction?: PaymentNextAction;
  error?: KkiError | null;
  /** Merged into the stored facts. */
  doku?: DokuFacts;
  lastCheckedAt?: Date | null;
}

/** One row of a payment's state history. */
export interface PaymentEventRecord {
  paymentId: string;
  version: number;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus;
  source: PaymentEventSource;
  detail: DokuFacts;
  createdAt: Date;
}

/** Result of `payments.transition`: whether it applied, and the payment as it now stands. */
export interface TransitionResult<R> {
  applied: boolean;
  record: R;
  /**
   * Set when this transition took money the order must not keep (a cancelled attempt approved late,
   * or a second success on a paid order): the extra charge recorded with it, to be refunded.
   */
  extraCharge?: ExtraChargeRecord;
}

/**
 * Why a charge is extra: the customer had cancelled the attempt, or the order was already paid by
 * another payment (e.g. KKI and the card page both approved).
 */
export type ExtraChargeReason = 'cancelled_attempt' | 'order_already_paid';

/**
 * A charge DOKU reports that the order does not keep. Recorded in the same transaction as the
 * success, so the duty to refund it outlives a crash; `refunding` until DOKU confirms the refund.
 */
export interface ExtraChargeRecord {
  paymentId: string;
  orderId: string;
  /** The order's kept payment when the extra charge was found (null: the order was still unpaid). */
  keptPaymentId: string | null;
  reason: ExtraChargeReason;
  /** `released`: DOKU let the money go without a refund (an authorization expired or was voided). */
  status: 'refunding' | 'refunded' | 'released';
  /** Numbers the refund attempts: each DOKU refusal moves to a new refund reference. */
  attempt: number;
  refundId: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A card-binding attempt. */
export interface BindingRecord {
  id: string;
  customerId: string;
  mode: 'redirect' | 'otp';
  status: 'pending' | 'active' | 'failed' | 'expired';
  maskedCpan: string;
  issuer: string | null;
  partnerReferenceNo: string;
  externalId: string;
  dokuReferenceNo: string | null;
  /** Whether an OTP `authCode` is sealed in the store (read it with `bindings.revealAuthCode`). */
  hasAuthCode: boolean;
  nextAction: BindingNextAction;
  cardId: string | null;
  error: KkiError | null;
  otpAttempts: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Input of `bindings.create`. */
export interface NewBinding {
  customerId: string;
  mode: 'redirect' | 'otp';
  maskedCpan: string;
  issuer: string | null;
  partnerReferenceNo: string;
  externalId: string;
}

/** Fields a flow may set on a binding besides its status. */
export interface BindingPatch {
  dokuReferenceNo?: string | null;
  /** Sealed before it is stored. */
  authCode?: string | null;
  nextAction?: BindingNextAction;
  cardId?: string | null;
  error?: KkiError | null;
  otpAttempts?: number;
  /**
   * Counts one more wrong OTP of the `allowed` ones, under the row's lock (two at once both count),
   * and sets an OTP input's `attemptsLeft` from the count.
   */
  addOtpAttempt?: { allowed: number };
}

/** A saved card. The DOKU token is only reachable through `savedCards.revealToken`. */
export interface SavedCardRecord {
  id: string;
  customerId: string;
  method: 'kki' | 'card';
  maskedCpan: string;
  issuer: string | null;
  issuerName: string | null;
  status: 'active' | 'removing' | 'removed';
  bindingId: string | null;
  createdAt: Date;
  updatedAt: Date;
  removedAt: Date | null;
}

/** Input of `savedCards.create`. */
export interface NewSavedCard {
  customerId: string;
  method: 'kki' | 'card';
  /** DOKU's `bankCardToken` (KKI) or card token (Cards); sealed before it is stored. */
  token: string;
  maskedCpan: string;
  issuer: string | null;
  issuerName: string | null;
  bindingId?: string | null;
}

/** A refund. */
export interface RefundRecord {
  id: string;
  paymentId: string;
  amount: number;
  currency: 'IDR';
  type: RefundType | null;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string | null;
  /** DOKU `partnerRefundNo` (KKI); Cards refunds send `externalId` as `Request-Id`. */
  partnerRefundNo: string;
  externalId: string;
  doku: DokuFacts;
  error: KkiError | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Input of `refunds.reserve`: `amount` null means everything still refundable. */
export interface NewRefund {
  paymentId: string;
  amount: number | null;
  reason?: string | null;
  partnerRefundNo: string;
  externalId: string;
}

/** How a refund ended. */
export interface RefundOutcome {
  status: 'succeeded' | 'failed';
  type?: RefundType | null;
  error?: KkiError | null;
  doku?: DokuFacts;
}

/** An idempotency record. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
  externalId: string;
  state: 'in_progress' | 'completed';
  owner: string;
  lockedUntil: Date;
  responseStatus: number | null;
  responseBody: unknown;
}

/** A notification DOKU sent, kept for de-duplication and replay. */
export interface InboxRecord {
  id: number;
  source: 'snap' | 'non_snap';
  dedupKey: string;
  payload: unknown;
  status: 'received' | 'applied' | 'ignored' | 'failed';
  subjectId: string | null;
  error: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

/** A refusal the store decides (over-refund, wrong state); the code is the catalogue's. */
export class StoreRuleError extends Error {
  override name = 'StoreRuleError';
  /**
   * @param code the catalogue code the BFF answers with; @param message a developer-facing reason;
   * @param details facts the refusal points at, sent to the browser (e.g. the order's open payment).
   */
  constructor(
    readonly code: KkiErrorCode,
    message: string,
    readonly details?: KkiErrorDetails,
  ) {
    super(message);
  }
}
