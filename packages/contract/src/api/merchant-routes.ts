// The merchant HTTP API's routes, written once: the BFF mounts and documents them from this table.
// Server to server: authenticated by `Authorization: Bearer <merchant API key>`, never by a customer's
// session, and without the browser routes' CSRF header or CORS.
import type * as zm from 'zod/mini';
import type { KkiErrorCode } from '../errors/codes.js';
import { eventDeliveryListSchema, eventPageSchema, redeliveryResultSchema } from './events.js';
import { paymentParamsSchema } from './kki-payments.js';
import {
  capturePaymentRequestSchema,
  chargeSavedCardRequestSchema,
  createOrderRequestSchema,
  eventDeliveriesQuerySchema,
  eventFeedQuerySchema,
  merchantOrderParamsSchema,
  redeliverEventsRequestSchema,
} from './merchant.js';
import { createRefundRequestSchema } from './refunds.js';
import { orderViewSchema, paymentViewSchema, refundViewSchema } from './views.js';

/** Where the merchant API is mounted, relative to the BFF's mount. */
export const MERCHANT_API_PREFIX = '/merchant';

/** One route of the merchant API. */
export interface KkiMerchantRouteSpec {
  readonly method: 'GET' | 'POST';
  /** Relative to the BFF's mount, with `:name` parameters. */
  readonly path: `${typeof MERCHANT_API_PREFIX}/${string}`;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** Every POST requires an `Idempotency-Key`: the same key and body replays the first answer. */
  readonly idempotent: boolean;
  readonly params: zm.ZodMiniObject | null;
  readonly query: zm.ZodMiniObject | null;
  readonly body: zm.ZodMiniType | null;
  readonly response: zm.ZodMiniType;
  readonly successStatus: 200 | 201;
  /** Error codes this route can answer with besides the common ones. */
  readonly errors: readonly KkiErrorCode[];
}

/** Errors any merchant API route can answer with. */
export const MERCHANT_COMMON_ERRORS = [
  'merchant_unauthenticated',
  'validation_failed',
  'payload_too_large',
  'internal_error',
] as const satisfies readonly KkiErrorCode[];

// What a DOKU call behind a capture, refund or charge can answer.
const DOKU_TROUBLE = ['doku_server_error', 'doku_timeout', 'doku_unavailable'] as const;

/** Every route of the merchant API, by operation id. */
export const kkiMerchantRoutes = {
  merchantCreateOrder: {
    method: 'POST',
    path: '/merchant/orders',
    summary: 'Create an order (the amount a customer will pay); give its id to the payment page.',
    idempotent: true,
    params: null,
    query: null,
    body: createOrderRequestSchema,
    response: orderViewSchema,
    successStatus: 201,
    errors: [],
  },
  merchantGetOrder: {
    method: 'GET',
    path: '/merchant/orders/:orderId',
    summary: 'Read an order: its status and, once paid, the payment that paid it.',
    idempotent: false,
    params: merchantOrderParamsSchema,
    query: null,
    body: null,
    response: orderViewSchema,
    successStatus: 200,
    errors: ['not_found'],
  },
  merchantGetPayment: {
    method: 'GET',
    path: '/merchant/payments/:paymentId',
    summary: 'Read a payment attempt as stored (status, amount, refunded amount, card).',
    idempotent: false,
    params: paymentParamsSchema,
    query: null,
    body: null,
    response: paymentViewSchema,
    successStatus: 200,
    errors: ['not_found'],
  },
  merchantCapturePayment: {
    method: 'POST',
    path: '/merchant/payments/:paymentId/capture',
    summary: 'Capture an authorized card payment (AUTHORIZE), in full or, with `amount`, in part.',
    idempotent: true,
    params: paymentParamsSchema,
    query: null,
    body: capturePaymentRequestSchema,
    response: paymentViewSchema,
    successStatus: 200,
    errors: ['not_found', 'operation_not_allowed', 'invalid_amount', ...DOKU_TROUBLE],
  },
  merchantCreateRefund: {
    method: 'POST',
    path: '/merchant/payments/:paymentId/refunds',
    summary: 'Refund a payment in full (no `amount`) or in part, never above what is left.',
    idempotent: true,
    params: paymentParamsSchema,
    query: null,
    body: createRefundRequestSchema,
    response: refundViewSchema,
    successStatus: 201,
    errors: [
      'not_found',
      'operation_not_allowed',
      'refund_exceeds_remaining',
      'payment_not_refundable',
      'refund_failed',
      ...DOKU_TROUBLE,
    ],
  },
  merchantChargeSavedCard: {
    method: 'POST',
    path: '/merchant/charges',
    summary:
      "Charge an order on its customer's saved KKI card without asking them (e.g. a subscription renewal).",
    idempotent: true,
    params: null,
    query: null,
    body: chargeSavedCardRequestSchema,
    response: paymentViewSchema,
    successStatus: 201,
    errors: [
      'not_found',
      'card_not_found',
      'already_paid',
      'order_payment_open',
      'operation_not_allowed',
      'do_not_honor',
      'insufficient_funds',
      'card_blocked',
      'card_expired',
      ...DOKU_TROUBLE,
    ],
  },
  merchantListEvents: {
    method: 'GET',
    path: '/merchant/events',
    summary: 'Read the event feed: events after the cursor `after`, oldest first; `next` reads on.',
    idempotent: false,
    params: null,
    query: eventFeedQuerySchema,
    body: null,
    response: eventPageSchema,
    successStatus: 200,
    errors: [],
  },
  merchantListEventDeliveries: {
    method: 'GET',
    path: '/merchant/events/deliveries',
    summary:
      'Where the latest deliveries to a consumer stand (`webhook` by default, or `handler`), newest event first: which failed, their attempts and last answer.',
    idempotent: false,
    params: null,
    query: eventDeliveriesQuerySchema,
    body: null,
    response: eventDeliveryListSchema,
    successStatus: 200,
    errors: [],
  },
  merchantRedeliverEvents: {
    method: 'POST',
    path: '/merchant/events/redeliveries',
    summary:
      "Give failed deliveries one more attempt, due now (after an outage longer than the retry schedule): every one of a consumer, or one event's.",
    idempotent: true,
    params: null,
    query: null,
    body: redeliverEventsRequestSchema,
    response: redeliveryResultSchema,
    successStatus: 200,
    errors: [],
  },
} as const satisfies Record<string, KkiMerchantRouteSpec>;

/** An operation id of the merchant API, e.g. `'merchantCreateOrder'`. */
export type KkiMerchantRouteId = keyof typeof kkiMerchantRoutes;
