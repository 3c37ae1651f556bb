// What happens on the sandbox's DOKU Checkout page after it was created: the shopper picks KKI (CPAN
// and OTT here, then the issuer app) or a card (the hosted card form), cancels, or lets it lapse.
// The order behind it is a Cards order, so status, refunds, the ledger and the Non-SNAP notification
// follow the card rules; a KKI payment fills that order when the issuer app answers.
import { formatSnapResponseCode, type KkiCaseCode } from '@kki-kit/contract';
import {
  CHECKOUT_CANCELLED_STATUS,
  CHECKOUT_DISABLE_RETRY_PAYMENT,
  type CheckoutPaymentRequest,
  type PaymentPageRequest,
  SNAP_SERVICE_CODES,
} from '@kki-kit/doku';
import type { CardsInternals } from '../cards/index.js';
import { refreshOrder } from '../cards/order-view.js';
import { nextSettlementMs } from '../cards/rules.js';
import type { CardOrder, SavedCard } from '../cards/state.js';
import type { SandboxContext } from '../context.js';
import type { KkiModule } from '../snap/index.js';
import type { Payment } from '../snap/store.js';
import type { CheckoutSession, CheckoutState } from './state.js';

/** What the engine needs. */
export interface CheckoutDeps {
  ctx: SandboxContext;
  state: CheckoutState;
  cards: CardsInternals;
  kki: Pick<KkiModule, 'startCheckoutPayment' | 'approve' | 'decline' | 'expire'>;
  /** A fresh random token for an internal card page link. */
  randomToken(): string;
}

/** Result of the KKI form. */
export type KkiFormResult =
  | { kind: 'invalid'; field: 'cpan' | 'ott'; caseCode: KkiCaseCode }
  | { kind: 'started' }
  | { kind: 'closed' };

// 403-12 (OTT expired) and 403-00 (Transaction Expired): the shopper never confirmed in time.
const EXPIRED_KKI_CODES = new Set(
  ['12', '00'].map((c) => formatSnapResponseCode(403, SNAP_SERVICE_CODES.payment, c)),
);

/** Whether the merchant let a failed attempt be followed by another (`CHECKOUT_DISABLE_RETRY_PAYMENT`). */
export function retryAllowed(request: CheckoutPaymentRequest): boolean {
  return !(request.order.disable_retry_payment ?? CHECKOUT_DISABLE_RETRY_PAYMENT);
}

/**
 * The card page request a Checkout's card path opens: its order, customer (tokenization by
 * `customer.id`, seed 004) and notification URL; a saved card of the customer pre-filled.
 */
export function cardPageRequest(
  session: CheckoutSession,
  savedToken: string | null,
  retryUrl: string | null,
): PaymentPageRequest {
  const { order, customer, additional_info: info } = session.request;
  return {
    order: {
      amount: order.amount,
      invoice_number: order.invoice_number,
      ...(order.callback_url === undefined ? {} : { callback_url: order.callback_url }),
      // With retries allowed, a declined card goes back to the Checkout page to try again.
      ...(retryUrl === null ? {} : { failed_url: retryUrl }),
      auto_redirect: order.auto_redirect === true && order.callback_url !== undefined,
      ...(order.line_items
        ? {
            line_items: order.line_items.map((i) => ({ name: i.name, price: i.price, quantity: i.quantity })),
          }
        : {}),
    },
    ...(customer ? { customer: { ...customer } } : {}),
    ...(savedToken ? { card: { token: savedToken } } : {}),
    payment: { type: 'SALE' },
    ...(info?.override_notification_url
      ? { additional_info: { override_notification_url: info.override_notification_url } }
      : {}),
  };
}

/** The Checkout engine over the Checkout and Cards state. */
export function createCheckoutEngine(deps: CheckoutDeps) {
  const { ctx, state, cards } = deps;
  const nowMs = () => ctx.clock.nowMs();

  /** The order of the session's current attempt (`null` once another order took the invoice). */
  function orderOf(session: CheckoutSession): CardOrder | null {
    const order = cards.state.orders.get(session.invoiceNumber);
    if (!order || order.checkout?.tokenId !== session.tokenId) return null;
    refreshOrder(order, nowMs());
    return order;
  }

  /** A fresh order (and card page) for a new attempt; `savedToken` pre-fills a saved card. */
  function newAttempt(
    session: CheckoutSession,
    savedToken: string | null,
  ): { order: CardOrder; url: string } {
    const retryUrl = retryAllowed(session.request) ? session.url : null;
    const opened = cards.openPage(cardPageRequest(session, savedToken, retryUrl), {
      merchantRequestId: session.merchantRequestId,
      requestUrl: session.requestUrl,
      signatureParam: deps.randomToken(),
      expiresAtMs: session.expiresAtMs,
    });
    opened.order.checkout = { tokenId: session.tokenId, channel: null, kki: null };
    session.cardPageRef = opened.session.ref;
    return { order: opened.order, url: opened.url };
  }

  /** Reads a card attempt's result from its order, then applies the clock (due date). */
  function refresh(session: CheckoutSession): CheckoutSession {
    if (session.state === 'open' && session.channel === 'card') {
      const order = orderOf(session);
      if (order && (order.status === 'SUCCESS' || order.status === 'FAILED')) {
        const again = order.status === 'FAILED' && retryAllowed(session.request);
        if (!again) session.state = 'completed';
        session.completedAtMs = order.completedAtMs;
      }
    }
    if (session.state === 'open' && nowMs() >= session.expiresAtMs) session.state = 'expired';
    return session;
  }

  /** The shopper's latest saved card for this Checkout (tokenization by `customer.id`, seed 004). */
  function savedCard(session: CheckoutSession): SavedCard | null {
    const customerId = session.request.customer?.id;
    if (customerId === undefined) return null;
    let latest: SavedCard | null = null;
    for (const saved of cards.state.tokens.values()) {
      if (saved.customerId === customerId && (!latest || saved.createdAtMs >= latest.createdAtMs))
        latest = saved;
    }
    return latest;
  }

  /** The end of a KKI payment, reported by the KKI module. */
  function kkiSettled(session: CheckoutSession, p: Payment): void {
    const order = orderOf(session);
    if (!order || order.checkout?.kki?.referenceNo !== p.referenceNo) return;
    const at = nowMs();
    order.completedAtMs = at;
    session.completedAtMs = at;
    if (p.status === 'SUCCESS') {
      order.status = 'SUCCESS';
      order.approvalCode = p.approvalCode;
      order.responseCode = '00';
      order.responseMessage = 'PAYMENT APPROVED';
      order.settleAtMs = nextSettlementMs(at, cards.settlementHourWib());
      session.state = 'completed';
    } else {
      const expired = EXPIRED_KKI_CODES.has(p.responseCode);
      order.status = expired ? 'EXPIRED' : 'FAILED';
      order.responseCode = p.responseCode;
      order.responseMessage = p.responseMessage;
      session.state = !expired && retryAllowed(session.request) ? 'open' : 'completed';
    }
    // DOKU documents no notification for a lapsed payment: only a result is notified.
    if (order.status !== 'EXPIRED') cards.engine.notify(order, 'SALE', at);
  }

  /** The open session of a page, or `null` when it takes no payment now. */
  function openSession(ref: string): CheckoutSession | null {
    const session = state.find(ref);
    if (!session) return null;
    return refresh(session).state === 'open' ? session : null;
  }

  return {
    refresh,
    orderOf,
    newAttempt,

    /** Whether an invoice was paid (Checkout or payment page) or has a KKI payment awaiting the issuer. */
    invoiceTaken(invoice: string): boolean {
      const order = cards.state.orders.get(invoice);
      if (!order) return false;
      refreshOrder(order, nowMs());
      if (order.status === 'SUCCESS') return true;
      const session = order.checkout ? state.sessions.get(order.checkout.tokenId) : undefined;
      return session?.state === 'confirming';
    },

    savedCard,

    /** The KKI form: CPAN and OTT. Starts the payment and waits for the issuer app. */
    async payKki(ref: string, cpan: string, ott: string): Promise<KkiFormResult> {
      const session = openSession(ref);
      if (!session?.methods.includes('kki')) return { kind: 'closed' };
      const attempt = session.attempts + 1;
      const started = await deps.kki.startCheckoutPayment({
        cpan,
        ott,
        amount: session.request.order.amount,
        reference: `${session.tokenId.slice(0, 24)}-${attempt}`,
        onSettled: (p) => kkiSettled(session, p),
      });
      if (started.kind === 'invalid') return started;
      session.attempts = attempt;
      session.channel = 'kki';
      const { order } = newAttempt(session, null);
      const p = started.payment;
      order.checkout = {
        tokenId: session.tokenId,
        channel: 'kki',
        kki: {
          referenceNo: p.referenceNo,
          issuerId: p.card.issuerId,
          issuerName: p.card.issuerName,
          masked: p.card.masked,
        },
      };
      order.acquirer = p.card.issuerId.toUpperCase();
      session.kkiReferenceNo = p.referenceNo;
      if (started.kind === 'confirm') {
        session.state = 'confirming';
        session.kkiIssuerAppPath = started.issuerAppPath;
        // The shopper may confirm until the OTT lapses, even past the page's due date.
        order.pageExpiresAtMs = Math.max(order.pageExpiresAtMs, p.confirmExpiresAtMs ?? 0);
      } else {
        kkiSettled(session, p);
      }
      return { kind: 'started' };
    },

    /** The card button: a card page for this Checkout (a saved card pre-filled). Its URL, or null. */
    chooseCard(ref: string): string | null {
      const session = openSession(ref);
      if (!session?.methods.includes('card')) return null;
      session.attempts += 1;
      session.channel = 'card';
      const saved = savedCard(session);
      const { order, url } = newAttempt(session, saved?.token ?? null);
      order.checkout = { tokenId: session.tokenId, channel: 'card', kki: null };
      return url;
    },

    /** The page's cancel: the session closes and its order reads `CHECKOUT_CANCELLED_STATUS`. */
    cancel(ref: string): CheckoutSession | null {
      const session = openSession(ref);
      if (!session) return null;
      session.state = 'cancelled';
      session.completedAtMs = nowMs();
      session.cancelTimer();
      const order = orderOf(session);
      if (order?.status === 'PENDING') order.status = CHECKOUT_CANCELLED_STATUS;
      return session;
    },

    /**
     * Ends a session unpaid: at its due date (the timer; a KKI confirmation in progress may still
     * finish within the OTT's lifetime) or now (`force`, the control API: a confirmation in progress
     * lapses too).
     */
    lapse(session: CheckoutSession, force = false): void {
      if (force) session.expiresAtMs = Math.min(session.expiresAtMs, nowMs());
      if (session.state === 'confirming') {
        if (force && session.kkiReferenceNo) deps.kki.expire(session.kkiReferenceNo);
        return;
      }
      refresh(session);
      if (session.state !== 'open' && session.state !== 'expired') return;
      session.state = 'expired';
      const order = orderOf(session);
      if (order?.status === 'PENDING') {
        order.pageExpiresAtMs = Math.min(order.pageExpiresAtMs, nowMs());
        refreshOrder(order, nowMs());
      }
    },
  };
}

/** The engine `createCheckoutEngine` returns. */
export type CheckoutEngine = ReturnType<typeof createCheckoutEngine>;
