// The DOKU Checkout routes and the kit's public configuration, spread into `kkiRoutes`.
import * as z from 'zod/mini';
import {
  checkoutReturnQuerySchema,
  createCheckoutPaymentRequestSchema,
  kitConfigResponseSchema,
} from './checkout.js';
import { paymentParamsSchema, paymentResponseSchema } from './kki-payments.js';
import type { KkiRouteSpec } from './route-spec.js';

/** The routes of the Checkout path (part of `kkiRoutes`). */
export const checkoutRoutes = {
  getKitConfig: {
    method: 'GET',
    path: '/config',
    summary:
      "The kit's public configuration: which KKI path the server chose (`checkout` or `h2h`) and DOKU Checkout's methods.",
    audience: 'public',
    params: null,
    query: null,
    body: null,
    response: kitConfigResponseSchema,
    responseType: 'json',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: [],
  },
  createCheckoutPayment: {
    method: 'POST',
    path: '/checkout/payments',
    summary:
      "Open DOKU Checkout for an order: the customer pays with KKI or a card on DOKU's page (amount and items from the order).",
    audience: 'customer',
    params: null,
    query: null,
    body: createCheckoutPaymentRequestSchema,
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
      'doku_timeout',
      'doku_unavailable',
    ],
  },
  checkoutReturn: {
    method: 'GET',
    path: '/checkout/payments/:paymentId/return',
    summary:
      "Where DOKU Checkout sends the customer back: confirms the result with DOKU, then returns to the shop's page (or tells the popup's opener / the overlay's parent).",
    audience: 'redirect',
    params: paymentParamsSchema,
    query: checkoutReturnQuerySchema,
    body: null,
    response: z.string().register(z.globalRegistry, {
      description: "An HTML page that hands the confirmed status back to the shop's page.",
    }),
    responseType: 'html',
    successStatus: 200,
    idempotent: false,
    rateLimit: null,
    errors: ['not_found'],
  },
} as const satisfies Record<string, KkiRouteSpec>;
