// `POST /credit-card/v1/payment-page` (doku-api.md §7.1): validates the order, opens a hosted page
// and answers with its URL in DOKU's format, pointing at this sandbox.
import { type PaymentPageRequest, toBase64, utf8 } from '@kki-kit/doku';
import { hostedUrl } from '../config.js';
import type { SandboxContext } from '../context.js';
import type { CardsIds } from './ids.js';
import { refreshOrder } from './order-view.js';
import { CARD_PAGE_PATH } from './paths.js';
import type { CardsRequest } from './pipeline.js';
import { type CardsAnswer, invalidParameter } from './respond.js';
import { PAGE_TTL_MS } from './rules.js';
import type { CardOrder, CardsState, PaymentPageSession } from './state.js';
import { validatePaymentPage } from './validate-page.js';

/** Handles a validated payment-page request. `signature` is the request's `Signature` header. */
export function createPaymentPage(
  deps: { ctx: SandboxContext; state: CardsState; ids: CardsIds },
  req: CardsRequest<PaymentPageRequest>,
  signature: string,
): CardsAnswer {
  const { ctx, state } = deps;
  const data = req.data;
  validatePaymentPage(data, state);
  const invoice = data.order.invoice_number;
  const existing = state.orders.get(invoice);
  if (existing) {
    refreshOrder(existing, ctx.clock.nowMs());
    // An invoice that was paid (or is held by an authorization) cannot be paid again; an unpaid,
    // failed or expired one gets a new page (the customer tries again).
    if (existing.status === 'SUCCESS') throw invalidParameter('Duplicate Invoice Number');
  }
  // §7.1: the URL's `signature` is Base64 of the request's Signature without `HMACSHA256=`.
  const signatureParam = toBase64(utf8(signature.replace(/^HMACSHA256=/, '')));
  const { session, url } = openCardPage(deps, data, {
    merchantRequestId: req.requestId,
    requestUrl: req.url,
    signatureParam,
    expiresAtMs: ctx.clock.nowMs() + PAGE_TTL_MS,
  });

  return {
    status: 200,
    body: {
      order: {
        invoice_number: invoice,
        ...(data.order.line_items ? { line_items: data.order.line_items } : {}),
      },
      credit_card_payment_page: { url },
      credit_card_js: { session_id: session.sessionId },
      ...(data.additional_info?.override_notification_url
        ? { additional_info: { override_notification_url: data.additional_info.override_notification_url } }
        : {}),
    },
  };
}

/**
 * Opens a hosted card page and the order behind it (replacing an earlier, unpaid order of the same
 * invoice number): for the payment-page endpoint, and for the card path of a DOKU Checkout.
 */
export function openCardPage(
  deps: { ctx: SandboxContext; state: CardsState; ids: CardsIds },
  data: PaymentPageRequest,
  opts: { merchantRequestId: string; requestUrl: string; signatureParam: string; expiresAtMs: number },
): { session: PaymentPageSession; order: CardOrder; url: string } {
  const { ctx, state, ids } = deps;
  const invoice = data.order.invoice_number;
  const nowMs = ctx.clock.nowMs();
  const ref = ids.pageRef();
  const query = new URLSearchParams({
    signature: opts.signatureParam,
    clientId: ctx.config.clientId,
    invoiceNumber: invoice,
    requestId: ref,
  });
  const url = hostedUrl(ctx.config, opts.requestUrl, `${CARD_PAGE_PATH}?${query.toString()}`);
  const requested = data.payment?.type ?? 'SALE';
  const autoCapture = requested === 'AUTHORIZE' && data.payment?.auto_capture === true;
  const session: PaymentPageSession = {
    ref,
    signatureParam: opts.signatureParam,
    url,
    sessionId: ids.sessionId(nowMs),
    invoiceNumber: invoice,
    merchantRequestId: opts.merchantRequestId,
    request: data,
    type: requested,
    autoCapture,
    createdAtMs: nowMs,
    expiresAtMs: opts.expiresAtMs,
    state: 'open',
    challengeId: null,
  };
  const order: CardOrder = {
    invoiceNumber: invoice,
    originalRequestId: opts.merchantRequestId,
    pageRef: ref,
    pageExpiresAtMs: session.expiresAtMs,
    // AUTHORIZE with auto_capture is "captured right away as if it was a SALE transaction" (§7.1).
    type: autoCapture ? 'SALE' : requested,
    requestedAmount: data.order.amount,
    amount: data.order.amount,
    promo: null,
    customer: data.customer ?? null,
    acquirer: data.payment?.acquirer ?? 'BANK_MANDIRI',
    installment: null,
    status: 'PENDING',
    card: null,
    token: null,
    responseCode: null,
    responseMessage: null,
    approvalCode: null,
    eci: null,
    authenticationId: null,
    authorization: null,
    createdAtMs: nowMs,
    completedAtMs: null,
    settleAtMs: null,
    refunds: [],
    notificationUrl: data.additional_info?.override_notification_url ?? ctx.config.nonSnapNotificationUrl,
  };
  state.pages.set(ref, session);
  state.orders.set(invoice, order);
  return { session, order, url };
}
