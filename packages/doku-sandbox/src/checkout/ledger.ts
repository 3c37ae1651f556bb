// What the Checkout side shows in `GET /__sandbox/ledger` under `checkout`: one row per Checkout.
// Like the rest of the ledger it holds no secrets: the page token as its last 6 characters only, no
// card numbers (the order's masked card is in `cards.orders`).
import { bodyTime } from '../cards/order-view.js';
import type { CheckoutEngine } from './engine.js';
import type { CheckoutSession, CheckoutState } from './state.js';

/** One Checkout in the ledger. */
export interface CheckoutLedgerSession {
  invoiceNumber: string;
  /** Last 6 characters of `token_id`. */
  tokenIdEnding: string;
  state: CheckoutSession['state'];
  /** The path of the current (or last) attempt. */
  channel: CheckoutSession['channel'];
  methods: CheckoutSession['methods'];
  amount: number;
  /** The merchant's `customer.id` (tokenization), when sent. */
  customerId: string | null;
  attempts: number;
  /** DOKU's reference of the KKI payment (see the top-level `payments`). */
  kkiReferenceNo: string | null;
  /** Status of the order behind it, as `GET /orders/v1/status` answers it. */
  orderStatus: string | null;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
}

/** The Checkout ledger. */
export interface CheckoutLedger {
  sessions: CheckoutLedgerSession[];
}

/** Builds the Checkout ledger (clock transitions applied first). */
export function checkoutLedger(state: CheckoutState, engine: CheckoutEngine): CheckoutLedger {
  return {
    sessions: [...state.sessions.values()].map((s) => {
      engine.refresh(s);
      return {
        invoiceNumber: s.invoiceNumber,
        tokenIdEnding: s.tokenId.slice(-6),
        state: s.state,
        channel: s.channel,
        methods: s.methods,
        amount: s.request.order.amount,
        customerId: s.request.customer?.id ?? null,
        attempts: s.attempts,
        kkiReferenceNo: s.kkiReferenceNo,
        orderStatus: engine.orderOf(s)?.status ?? null,
        createdAt: bodyTime(s.createdAtMs),
        expiresAt: bodyTime(s.expiresAtMs),
        completedAt: s.completedAtMs === null ? null : bodyTime(s.completedAtMs),
      };
    }),
  };
}
