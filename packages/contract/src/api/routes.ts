// The BFF's browser-facing routes, written once: the BFF routes and documents them from this table,
// the React kit builds its typed fetch client from it.
import * as z from 'zod/mini';
import type { KkiErrorCode } from '../errors/codes.js';
import {
  bindingParamsSchema,
  bindingResponseSchema,
  cardParamsSchema,
  createBindingRequestSchema,
  listSavedCardsResponseSchema,
  removeSavedCardResponseSchema,
  verifyBindingOtpRequestSchema,
} from './bindings.js';
import { cardReturnQuerySchema, createCardPaymentRequestSchema } from './card-payments.js';
import { checkoutRoutes } from './checkout-routes.js';
import { orderIdSchema } from './common.js';
import {
  createKkiPaymentRequestSchema,
  getPaymentQuerySchema,
  paymentParamsSchema,
  paymentResponseSchema,
} from './kki-payments.js';
import { createRefundRequestSchema, listRefundsResponseSchema, refundResponseSchema } from './refunds.js';
import type { KkiRouteSpec } from './route-spec.js';
import { orderViewSchema } from './views.js';

export * from './route-spec.js';

// Card refusals and DOKU trouble a KKI call can surface (the catalogue's issuer and DOKU groups).
const KKI_DOKU_ERRORS = [
  'do_not_honor',
  'card_declined',
  'insufficient_funds',
  'suspected_fraud',
  'frequency_limit_exceeded',
  'amount_limit_exceeded',
  'card_blocked',
  'card_expired',
  'transaction_not_permitted',
  'invalid_cpan',
  'no_card_record',
  'invalid_ott',
  'ott_expired',
  'ott_rejected',
  'ott_expired_or_not_permitted',
  'request_not_permitted',
  'invalid_amount',
  'duplicate_request',
  'doku_server_error',
  'doku_timeout',
  'doku_unavailable',
  'issuer_unavailable',
] as const satisfies readonly KkiErrorCode[];

const noParams = null;
const orderParamsSchema = z.object({ orderId: orderIdSchema });

/** Every browser-facing route of the BFF, by id. */
export const kkiRoutes = {
  getOrder: {
    method: 'GET',
    path: '/orders/:orderId',
    summary: "Read one of the customer's orders (amount and line items, read-only).",
    audience: 'customer',
    params: orderParamsSchema,
    query: null,
    body: null,
    response: orderViewSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found'],
  },
  createKkiPayment: {
    method: 'POST',
    path: '/kki/payments',
    summary: 'Pay an order with KKI: a new card (CPAN + OTT, optionally saving it) or a saved card.',
    audience: 'customer',
    params: noParams,
    query: null,
    body: createKkiPaymentRequestSchema,
    response: paymentResponseSchema,
    responseType: 'json',
    successStatus: 201,
    idempotent: true,
    rateLimit: 'payment',
    h2hOnly: true,
    errors: ['not_found', 'card_not_found', 'already_paid', 'order_payment_open', ...KKI_DOKU_ERRORS],
  },
  getPayment: {
    method: 'GET',
    path: '/payments/:paymentId',
    summary: 'Read a payment (status polling); `refresh=true` checks DOKU when it has waited long enough.',
    audience: 'customer',
    params: paymentParamsSchema,
    query: getPaymentQuerySchema,
    body: null,
    response: paymentResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found'],
  },
  cancelPayment: {
    method: 'POST',
    path: '/payments/:paymentId/cancel',
    summary: 'Cancel a payment the customer has not confirmed yet.',
    audience: 'customer',
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: paymentResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: true,
    rateLimit: null,
    errors: ['not_found', 'invalid_transaction_status', 'already_paid'],
  },
  createBinding: {
    method: 'POST',
    path: '/kki/bindings',
    summary: "Register (bind) a KKI card for the customer; OTP on DOKU's page or in the component.",
    audience: 'customer',
    params: noParams,
    query: null,
    body: createBindingRequestSchema,
    response: bindingResponseSchema,
    responseType: 'json',
    successStatus: 201,
    idempotent: true,
    rateLimit: 'payment',
    h2hOnly: true,
    errors: ['card_already_bound', ...KKI_DOKU_ERRORS],
  },
  getBinding: {
    method: 'GET',
    path: '/kki/bindings/:bindingId',
    summary: 'Read a card binding (status polling after the hosted OTP page).',
    audience: 'customer',
    params: bindingParamsSchema,
    query: null,
    body: null,
    response: bindingResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found'],
  },
  verifyBindingOtp: {
    method: 'POST',
    path: '/kki/bindings/:bindingId/otp',
    summary: 'Submit the SMS OTP of a binding in `otp` (H2H) mode.',
    audience: 'customer',
    params: bindingParamsSchema,
    query: null,
    body: verifyBindingOtpRequestSchema,
    response: bindingResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: true,
    rateLimit: 'otp',
    h2hOnly: true,
    errors: ['not_found', 'invalid_otp', 'otp_expired', 'otp_blocked', 'invalid_transaction_status'],
  },
  listSavedCards: {
    method: 'GET',
    path: '/kki/cards',
    summary: "List the customer's saved cards (masked CPAN, issuer, added date).",
    audience: 'customer',
    params: noParams,
    query: null,
    body: null,
    response: listSavedCardsResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: [],
  },
  removeSavedCard: {
    method: 'DELETE',
    path: '/kki/cards/:cardId',
    summary: 'Remove (unbind) a saved card: `removing` while DOKU is PENDING, then gone.',
    audience: 'customer',
    params: cardParamsSchema,
    query: null,
    body: null,
    response: removeSavedCardResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: true,
    rateLimit: null,
    errors: ['card_not_found', 'card_removal_failed', 'doku_server_error', 'doku_unavailable'],
  },
  createCardPayment: {
    method: 'POST',
    path: '/cards/payments',
    summary:
      "Open DOKU's hosted card payment page for an order (SALE, AUTHORIZE, INSTALLMENT, MOTO, RECURRING).",
    audience: 'customer',
    params: noParams,
    query: null,
    body: createCardPaymentRequestSchema,
    response: paymentResponseSchema,
    responseType: 'json',
    successStatus: 201,
    idempotent: true,
    rateLimit: 'payment',
    errors: [
      'not_found',
      'already_paid',
      'order_payment_open',
      'operation_not_allowed',
      'doku_server_error',
      'doku_unavailable',
    ],
  },
  cardPaymentReturn: {
    method: 'GET',
    path: '/cards/payments/:paymentId/return',
    summary:
      "Where DOKU's hosted page sends the customer back: confirms the result with DOKU, then tells the page.",
    audience: 'redirect',
    params: paymentParamsSchema,
    query: cardReturnQuerySchema,
    body: null,
    response: z.string().register(z.globalRegistry, {
      description: 'An HTML page that posts the confirmed status to its parent.',
    }),
    responseType: 'html',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found'],
  },
  createRefund: {
    method: 'POST',
    path: '/payments/:paymentId/refunds',
    summary: 'Refund a payment in full or in part (merchant staff; `authorizeRefund` decides).',
    audience: 'staff',
    params: paymentParamsSchema,
    query: null,
    body: createRefundRequestSchema,
    response: refundResponseSchema,
    responseType: 'json',
    successStatus: 201,
    idempotent: true,
    rateLimit: null,
    errors: [
      'not_found',
      'refund_not_authorized',
      'refund_exceeds_remaining',
      'payment_not_refundable',
      'refund_failed',
      'doku_server_error',
      'doku_unavailable',
    ],
  },
  listRefunds: {
    method: 'GET',
    path: '/payments/:paymentId/refunds',
    summary: 'List the refunds of a payment (merchant staff).',
    audience: 'staff',
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: listRefundsResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found', 'refund_not_authorized'],
  },
  ...checkoutRoutes,
} as const satisfies Record<string, KkiRouteSpec>;

/** The route table's type. */
export type KkiRoutes = typeof kkiRoutes;
/** A route id, e.g. `'createKkiPayment'`. */
export type KkiRouteId = keyof KkiRoutes;

/** Every route id, in table order. */
export const KKI_ROUTE_IDS = Object.keys(kkiRoutes) as KkiRouteId[];

type SchemaInput<S> = S extends z.ZodMiniType ? z.input<S> : undefined;

/** What the caller sends as a route's body (`undefined` for routes without one). */
export type KkiRouteBody<Id extends KkiRouteId> = SchemaInput<KkiRoutes[Id]['body']>;
/** A route's path parameters (`undefined` for routes without any). */
export type KkiRouteParams<Id extends KkiRouteId> = SchemaInput<KkiRoutes[Id]['params']>;
/** A route's query parameters (`undefined` for routes without any). */
export type KkiRouteQuery<Id extends KkiRouteId> = SchemaInput<KkiRoutes[Id]['query']>;
/** What a route answers with on success. */
export type KkiRouteResponse<Id extends KkiRouteId> = z.output<KkiRoutes[Id]['response']>;

/**
 * A route's path with its parameters filled in (URI-encoded), relative to the BFF's mount, e.g.
 * `buildKkiPath('getPayment', { paymentId: 'pay_…' })` → `/payments/pay_…`.
 *
 * @throws TypeError when a parameter the path names is missing.
 */
export function buildKkiPath(id: KkiRouteId, params?: Readonly<Record<string, string>>): string {
  return kkiRoutes[id].path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new TypeError(`${id}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
