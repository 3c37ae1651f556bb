// The BFF's browser-facing routes, written once: the BFF routes and documents them from this table,
// the browser client builds its requests from its zod-free half (`route-descriptors.ts`).
import * as z from 'zod/mini';
import type { KkiErrorCode } from '../errors/codes.js';
import { KKI_ROUTE_DESCRIPTORS, type KkiRouteDescriptorId } from './route-descriptors.js';
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
    ...KKI_ROUTE_DESCRIPTORS.getOrder,
    summary: "Read one of the customer's orders (amount and line items, read-only).",
    audience: 'customer',
    params: orderParamsSchema,
    query: null,
    body: null,
    response: orderViewSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found'],
  },
  createKkiPayment: {
    ...KKI_ROUTE_DESCRIPTORS.createKkiPayment,
    summary: 'Pay an order with KKI: a new card (CPAN + OTT, optionally saving it) or a saved card.',
    audience: 'customer',
    params: noParams,
    query: null,
    body: createKkiPaymentRequestSchema,
    response: paymentResponseSchema,
    successStatus: 201,
    rateLimit: 'payment',
    h2hOnly: true,
    errors: ['not_found', 'card_not_found', 'already_paid', 'order_payment_open', ...KKI_DOKU_ERRORS],
  },
  getPayment: {
    ...KKI_ROUTE_DESCRIPTORS.getPayment,
    summary: 'Read a payment (status polling); `refresh=true` checks DOKU when it has waited long enough.',
    audience: 'customer',
    params: paymentParamsSchema,
    query: getPaymentQuerySchema,
    body: null,
    response: paymentResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found'],
  },
  getPaymentAppLinkQr: {
    ...KKI_ROUTE_DESCRIPTORS.getPaymentAppLinkQr,
    summary:
      "A QR code (SVG) of the payment's issuer-app link, for the customer to open it on their phone while the payment waits in the app.",
    audience: 'customer',
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: z.string().register(z.globalRegistry, {
      description: "An SVG image: the QR code of the payment's `nextAction.url` (`issuer_app`).",
    }),
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found'],
  },
  cancelPayment: {
    ...KKI_ROUTE_DESCRIPTORS.cancelPayment,
    summary: 'Cancel a payment the customer has not confirmed yet.',
    audience: 'customer',
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: paymentResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found', 'invalid_transaction_status', 'already_paid'],
  },
  createBinding: {
    ...KKI_ROUTE_DESCRIPTORS.createBinding,
    summary: "Register (bind) a KKI card for the customer; OTP on DOKU's page or in the component.",
    audience: 'customer',
    params: noParams,
    query: null,
    body: createBindingRequestSchema,
    response: bindingResponseSchema,
    successStatus: 201,
    rateLimit: 'payment',
    h2hOnly: true,
    errors: ['card_already_bound', ...KKI_DOKU_ERRORS],
  },
  getBinding: {
    ...KKI_ROUTE_DESCRIPTORS.getBinding,
    summary: 'Read a card binding (status polling after the hosted OTP page).',
    audience: 'customer',
    params: bindingParamsSchema,
    query: null,
    body: null,
    response: bindingResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found'],
  },
  verifyBindingOtp: {
    ...KKI_ROUTE_DESCRIPTORS.verifyBindingOtp,
    summary: 'Submit the SMS OTP of a binding in `otp` (H2H) mode.',
    audience: 'customer',
    params: bindingParamsSchema,
    query: null,
    body: verifyBindingOtpRequestSchema,
    response: bindingResponseSchema,
    successStatus: 200,
    rateLimit: 'otp',
    h2hOnly: true,
    errors: ['not_found', 'invalid_otp', 'otp_expired', 'otp_blocked', 'invalid_transaction_status'],
  },
  listSavedCards: {
    ...KKI_ROUTE_DESCRIPTORS.listSavedCards,
    summary: "List the customer's saved cards (masked CPAN, issuer, added date).",
    audience: 'customer',
    params: noParams,
    query: null,
    body: null,
    response: listSavedCardsResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: [],
  },
  removeSavedCard: {
    ...KKI_ROUTE_DESCRIPTORS.removeSavedCard,
    summary: 'Remove (unbind) a saved card: `removing` while DOKU is PENDING, then gone.',
    audience: 'customer',
    params: cardParamsSchema,
    query: null,
    body: null,
    response: removeSavedCardResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['card_not_found', 'card_removal_failed', 'doku_server_error', 'doku_unavailable'],
  },
  createCardPayment: {
    ...KKI_ROUTE_DESCRIPTORS.createCardPayment,
    summary:
      "Open DOKU's hosted card payment page for an order (SALE, AUTHORIZE, INSTALLMENT, MOTO, RECURRING).",
    audience: 'customer',
    params: noParams,
    query: null,
    body: createCardPaymentRequestSchema,
    response: paymentResponseSchema,
    successStatus: 201,
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
    ...KKI_ROUTE_DESCRIPTORS.cardPaymentReturn,
    summary:
      "Where DOKU's hosted page sends the customer back: confirms the result with DOKU, then tells the page.",
    audience: 'redirect',
    params: paymentParamsSchema,
    query: cardReturnQuerySchema,
    body: null,
    response: z.string().register(z.globalRegistry, {
      description: 'An HTML page that posts the confirmed status to its parent.',
    }),
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found'],
  },
  createRefund: {
    ...KKI_ROUTE_DESCRIPTORS.createRefund,
    summary: 'Refund a payment in full or in part (merchant staff; `authorizeRefund` decides).',
    audience: 'staff',
    params: paymentParamsSchema,
    query: null,
    body: createRefundRequestSchema,
    response: refundResponseSchema,
    successStatus: 201,
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
    ...KKI_ROUTE_DESCRIPTORS.listRefunds,
    summary: 'List the refunds of a payment (merchant staff).',
    audience: 'staff',
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: listRefundsResponseSchema,
    successStatus: 200,
    rateLimit: null,
    errors: ['not_found', 'refund_not_authorized'],
  },
  ...checkoutRoutes,
} as const satisfies { readonly [Id in KkiRouteDescriptorId]: KkiRouteSpec };

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
