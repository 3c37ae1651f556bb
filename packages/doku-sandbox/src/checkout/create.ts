// `POST /checkout/v1/payment` (doku-api.md §7.7): DOKU's checks beyond the wire schema, the session
// and its order, and the answer `{"message":["SUCCESS"],"response":{order, payment, customer}}` with
// the page URL, `token_id` and `expired_date`.
import {
  type CheckoutPaymentRequest,
  checkoutInvoiceMax,
  formatCheckoutExpiredDate,
  lineItemsMatchAmount,
} from '@kki-kit/doku';
import type { CardsRequest } from '../cards/pipeline.js';
import { type CardsAnswer, invalidParameter } from '../cards/respond.js';
import { hostedUrl } from '../config.js';
import type { SandboxContext } from '../context.js';
import { isHttpUrl } from '../merchant-url.js';
import type { CheckoutEngine } from './engine.js';
import { DOKU_CHECKOUT_METHOD_TYPES, EMULATED_METHODS } from './method-types.js';
import { checkoutPagePath } from './paths.js';
import type { CheckoutMethod, CheckoutSession, CheckoutState } from './state.js';

const format = (field: string) => invalidParameter(`Invalid Field Format ${field}`);

/** The methods a request asks for, as the page offers them; throws DOKU's error for a bad list. */
function methodsOf(req: CheckoutPaymentRequest): CheckoutMethod[] {
  const types = req.payment.payment_method_types;
  if (types === undefined) return ['kki', 'card'];
  if (types.some((t) => !DOKU_CHECKOUT_METHOD_TYPES.has(t))) throw format('payment.payment_method_types');
  const methods = [...new Set(types.flatMap((t) => (EMULATED_METHODS[t] ? [EMULATED_METHODS[t]] : [])))];
  // Known to DOKU but not emulated here (VA, e-wallets...): nothing the sandbox's page could offer.
  if (methods.length === 0) throw invalidParameter('Payment Method Not Available');
  return methods;
}

/** Throws the `INVALID_PARAMETER` DOKU would answer for the first rule `req` breaks. */
export function validateCheckout(req: CheckoutPaymentRequest): CheckoutMethod[] {
  const { order, payment } = req;
  if (!lineItemsMatchAmount(order)) throw invalidParameter('Invalid Total Amount And Line Items');
  if (order.invoice_number.length > checkoutInvoiceMax(payment.payment_method_types)) {
    throw format('order.invoice_number');
  }
  for (const key of ['callback_url', 'callback_url_cancel', 'callback_url_result'] as const) {
    const url = order[key];
    if (url !== undefined && !isHttpUrl(url)) throw format(`order.${key}`);
  }
  const notifyUrl = req.additional_info?.override_notification_url;
  if (notifyUrl !== undefined && !isHttpUrl(notifyUrl))
    throw format('additional_info.override_notification_url');
  return methodsOf(req);
}

const HEX = '0123456789abcdef';

/** Handles a validated Checkout request. */
export function createCheckoutPayment(
  deps: { ctx: SandboxContext; state: CheckoutState; engine: CheckoutEngine },
  req: CardsRequest<CheckoutPaymentRequest>,
): CardsAnswer {
  const { ctx, state, engine } = deps;
  const data = req.data;
  const methods = validateCheckout(data);
  const invoice = data.order.invoice_number;
  const nowMs = ctx.clock.nowMs();

  // A paid invoice (by any path), or one whose KKI payment awaits the issuer app, is taken.
  if (engine.invoiceTaken(invoice)) throw invalidParameter('Duplicate Invoice Number');
  const earlier = state.find(invoice);
  if (earlier) {
    // A new Checkout for an unpaid invoice replaces the earlier page.
    if (engine.refresh(earlier).state === 'open') earlier.state = 'expired';
    earlier.cancelTimer();
  }

  let sessionId = '';
  for (let i = 0; i < 32; i++) sessionId += HEX[ctx.random.int(16)];
  const expiresAtMs = nowMs + data.payment.payment_due_date * 60_000;
  // The shape of DOKU's token ids: the session id, then digits ([3P-CHK]).
  const tokenId = `${sessionId}${formatCheckoutExpiredDate(new Date(nowMs))}${ctx.random.digits(3)}`;
  const url = hostedUrl(ctx.config, req.url, checkoutPagePath(tokenId));
  const session: CheckoutSession = {
    tokenId,
    sessionId,
    url,
    invoiceNumber: invoice,
    merchantRequestId: req.requestId,
    request: data,
    methods,
    createdAtMs: nowMs,
    expiresAtMs,
    state: 'open',
    channel: null,
    attempts: 0,
    kkiReferenceNo: null,
    kkiIssuerAppPath: null,
    cardPageRef: null,
    requestUrl: req.url,
    completedAtMs: null,
    cancelTimer: () => {},
  };
  state.add(session);
  engine.newAttempt(session, null);
  session.cancelTimer = ctx.clock.schedule(expiresAtMs, () => engine.lapse(session));

  const expires = new Date(expiresAtMs);
  const requestedTypes = data.payment.payment_method_types ?? Object.keys(EMULATED_METHODS);
  return {
    status: 200,
    body: {
      message: ['SUCCESS'],
      response: {
        // DOKU answers the amount as a string ([3P-CHK]).
        order: { amount: String(data.order.amount), invoice_number: invoice, session_id: sessionId },
        payment: {
          payment_method_types: requestedTypes,
          payment_due_date: data.payment.payment_due_date,
          token_id: tokenId,
          url,
          expired_date: formatCheckoutExpiredDate(expires),
          // Seen in DOKU's answers but in no document: left out when minimal.
          ...(ctx.config.minimal ? {} : { expired_datetime: `${expires.toISOString().slice(0, 19)}Z` }),
        },
        ...(data.customer ? { customer: data.customer } : {}),
        ...(ctx.config.minimal
          ? {}
          : { additional_info: { origin: { product: 'CHECKOUT', source: 'direct', apiFormat: 'JOKUL' } } }),
      },
    },
  };
}
