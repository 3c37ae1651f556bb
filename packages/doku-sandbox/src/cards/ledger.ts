// What the Cards side shows in `GET /__sandbox/ledger` under `cards`: pages, orders, saved cards and
// Cards notifications. Like the rest of the ledger it holds no secrets: card numbers masked, card
// tokens as their last 4 characters only, CVVs and expiry dates never.
import type { SandboxContext } from '../context.js';
import { bodyTime, isSettled, refreshOrder, refundedAmount } from './order-view.js';
import type { CardsState } from './state.js';

/** One order in the ledger. */
export interface CardsLedgerOrder {
  invoiceNumber: string;
  originalRequestId: string;
  type: string;
  status: string;
  requestedAmount: number;
  amount: number;
  promo: { bin: string; discountAmount: number } | null;
  acquirer: string;
  installment: { tenor: number; kind: string; acquirer: string } | null;
  card: { masked: string; brand: string; type: string; issuer: string; testCardId: string } | null;
  /** Last 4 characters of the saved card's token, when the payment saved or used one. */
  tokenEnding: string | null;
  responseCode: string | null;
  responseMessage: string | null;
  approvalCode: string | null;
  threeDs: boolean;
  authorization: {
    authorizeId: string;
    status: string;
    amount: number;
    capturedAmount: number | null;
    releaseAt: string;
  } | null;
  settled: boolean;
  settleAt: string | null;
  refunds: Array<{
    requestId: string;
    amount: number;
    type: string;
    status: string;
    message: string;
    at: string;
  }>;
  refundedAmount: number;
  createdAt: string;
  completedAt: string | null;
}

/** The Cards ledger. */
export interface CardsLedger {
  settlementHourWib: number;
  pages: Array<{
    requestId: string;
    invoiceNumber: string;
    type: string;
    state: string;
    url: string;
    expiresAt: string;
  }>;
  orders: CardsLedgerOrder[];
  savedCards: Array<{
    tokenEnding: string;
    customerId: string;
    masked: string;
    brand: string;
    createdAt: string;
  }>;
  notifications: ReadonlyArray<unknown>;
}

/** Builds the Cards ledger at the sandbox clock's now. */
export function cardsLedger(ctx: SandboxContext, state: CardsState, settlementHourWib: number): CardsLedger {
  const nowMs = ctx.clock.nowMs();
  return {
    settlementHourWib,
    pages: [...state.pages.values()].map((p) => ({
      requestId: p.ref,
      invoiceNumber: p.invoiceNumber,
      type: p.type,
      state: p.state,
      url: p.url,
      expiresAt: bodyTime(p.expiresAtMs),
    })),
    orders: [...state.orders.values()].map((o) => {
      refreshOrder(o, nowMs);
      const auth = o.authorization;
      return {
        invoiceNumber: o.invoiceNumber,
        originalRequestId: o.originalRequestId,
        type: o.type,
        status: o.status,
        requestedAmount: o.requestedAmount,
        amount: o.amount,
        promo: o.promo,
        acquirer: o.acquirer,
        installment: o.installment,
        card: o.card ? { ...o.card } : null,
        tokenEnding: o.token === null ? null : o.token.slice(-4),
        responseCode: o.responseCode,
        responseMessage: o.responseMessage,
        approvalCode: o.approvalCode,
        threeDs: o.authenticationId !== null,
        authorization: auth
          ? {
              authorizeId: auth.authorizeId,
              status: auth.status,
              amount: auth.amount,
              capturedAmount: auth.capturedAmount,
              releaseAt: bodyTime(auth.releaseAtMs),
            }
          : null,
        settled: isSettled(o, nowMs),
        settleAt: o.settleAtMs === null ? null : bodyTime(o.settleAtMs),
        refunds: o.refunds.map((r) => ({
          requestId: r.requestId,
          amount: r.amount,
          type: r.type,
          status: r.status,
          message: r.message,
          at: bodyTime(r.atMs),
        })),
        refundedAmount: refundedAmount(o),
        createdAt: bodyTime(o.createdAtMs),
        completedAt: o.completedAtMs === null ? null : bodyTime(o.completedAtMs),
      };
    }),
    savedCards: [...state.tokens.values()].map((t) => ({
      tokenEnding: t.token.slice(-4),
      customerId: t.customerId,
      masked: t.card.masked,
      brand: t.card.brand,
      createdAt: bodyTime(t.createdAtMs),
    })),
    notifications: ctx.notifier.log().filter((e) => e.topic.startsWith('cards.')),
  };
}
