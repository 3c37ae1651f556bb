// What the sandbox's DOKU Checkout remembers: one session per `POST /checkout/v1/payment`, found by
// its `token_id` (the page URL) or its invoice number. The order behind it is a Cards order (one
// order store for status, refunds and notifications); the session holds what only a Checkout has.
import type { CheckoutPaymentRequest } from '@kki-kit/doku';

/** The two paths the sandbox's Checkout page offers. */
export type CheckoutMethod = 'kki' | 'card';

/**
 * Where a session stands: `open` (methods on offer), `confirming` (a KKI payment waits for the issuer
 * app), `completed` (a result came), `expired` (past `payment_due_date`) or `cancelled` (the shopper
 * left through the page's cancel).
 */
export type CheckoutSessionState = 'open' | 'confirming' | 'completed' | 'expired' | 'cancelled';

/** One Checkout. */
export interface CheckoutSession {
  /** `response.payment.token_id`, the last part of the page URL. */
  tokenId: string;
  /** `response.order.session_id`. */
  sessionId: string;
  url: string;
  invoiceNumber: string;
  /** The merchant's Request-Id: a card refund names it as `original_request_id`. */
  merchantRequestId: string;
  request: CheckoutPaymentRequest;
  /** Methods the page offers (requested and emulated), in the request's order. */
  methods: CheckoutMethod[];
  createdAtMs: number;
  /** `payment_due_date` minutes after creation. */
  expiresAtMs: number;
  state: CheckoutSessionState;
  /** The path of the current (or last) attempt. */
  channel: CheckoutMethod | null;
  /** Attempts started (a failed one may be followed by another unless retry is disabled). */
  attempts: number;
  /** DOKU's reference of the current KKI payment and its issuer-app page. */
  kkiReferenceNo: string | null;
  kkiIssuerAppPath: string | null;
  /** The hosted card page of the current card attempt (`requestId` of its URL). */
  cardPageRef: string | null;
  /** The create request's URL: hosted links are built on its origin (or `publicBaseUrl`). */
  requestUrl: string;
  completedAtMs: number | null;
  /** Cancels the expiry timer. */
  cancelTimer: () => void;
}

/** All Checkout sessions, reset as one. */
export class CheckoutState {
  readonly sessions = new Map<string, CheckoutSession>();
  /** Invoice number → token id of its latest session. */
  readonly byInvoice = new Map<string, string>();

  add(s: CheckoutSession): void {
    this.sessions.set(s.tokenId, s);
    this.byInvoice.set(s.invoiceNumber, s.tokenId);
  }

  /** A session by token id or invoice number (the latest of that invoice). */
  find(ref: string): CheckoutSession | undefined {
    const byToken = this.sessions.get(ref);
    if (byToken) return byToken;
    const token = this.byInvoice.get(ref);
    return token === undefined ? undefined : this.sessions.get(token);
  }

  clear(): void {
    for (const s of this.sessions.values()) s.cancelTimer();
    this.sessions.clear();
    this.byInvoice.clear();
  }
}
