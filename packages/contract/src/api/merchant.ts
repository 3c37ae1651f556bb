// Request bodies and queries of the merchant HTTP API (`/merchant/*`, server to server, API key):
// the merchant's backend creates orders, reads payments, captures, refunds, charges saved cards and
// reads the event feed. The embedded merchant API (`bff.merchant`) validates with the same schemas.
import * as z from 'zod/mini';
import {
  cardIdSchema,
  currencySchema,
  customerIdSchema,
  eventIdSchema,
  lineItemSchema,
  orderIdSchema,
  plainTextSchema,
} from './common.js';
import { KKI_EVENT_CONSUMERS } from './events.js';
import { orderCardOptionsSchema } from './views.js';
import { rupiahSchema } from '../money-schemas.js';

/** Most metadata keys an order may carry. */
export const MAX_ORDER_METADATA_KEYS = 20;

/**
 * `POST /merchant/orders` (and `bff.merchant.createOrder`): the order a customer will pay. The amount
 * is decided here, by the merchant's server, and never by the browser; line items, when given, must
 * sum to it.
 */
export const createOrderRequestSchema = z
  .object({
    /** Your id of the customer who will pay (what the BFF's `authenticate` returns for them). */
    customerId: customerIdSchema,
    amount: rupiahSchema,
    currency: z.optional(currencySchema),
    description: z.optional(plainTextSchema(0, 255)),
    lineItems: z.optional(z.array(lineItemSchema).check(z.maxLength(100))),
    cardOptions: z.optional(orderCardOptionsSchema),
    /** Your own references: string values, at most 20 keys. */
    metadata: z.optional(z.record(plainTextSchema(0, 40), plainTextSchema(0, 500))),
  })
  .check(
    z.superRefine((order, ctx) => {
      if (order.metadata && Object.keys(order.metadata).length > MAX_ORDER_METADATA_KEYS) {
        ctx.addIssue({ code: 'custom', path: ['metadata'], message: 'at most 20 metadata keys' });
      }
      const items = order.lineItems;
      if (items && items.reduce((sum, i) => sum + i.price * i.quantity, 0) !== order.amount) {
        ctx.addIssue({ code: 'custom', path: ['lineItems'], message: 'line items must sum to the amount' });
      }
    }),
  );
/** Body of `POST /merchant/orders`. */
export type CreateOrderRequest = z.input<typeof createOrderRequestSchema>;

/** `POST /merchant/payments/:paymentId/capture`: the amount to capture (absent: everything authorized). */
export const capturePaymentRequestSchema = z.object({ amount: z.optional(rupiahSchema) });
/** Body of a capture. */
export type CapturePaymentRequest = z.infer<typeof capturePaymentRequestSchema>;

/**
 * `POST /merchant/charges`: charge the order's customer on one of their saved KKI cards without
 * asking them (a subscription renewal). The order's amount is charged.
 */
export const chargeSavedCardRequestSchema = z.object({ orderId: orderIdSchema, cardId: cardIdSchema });
/** Body of a saved-card charge. */
export type ChargeSavedCardRequest = z.infer<typeof chargeSavedCardRequestSchema>;

/**
 * An event feed cursor: the `next` of a previous page (`<transaction id>-<sequence>`, opaque to
 * readers), or `0` for the start.
 */
export const eventCursorSchema = z.string().check(
  z.regex(/^(?:0|\d{1,20}-\d{1,19})$/, 'a cursor is the `next` of a previous page, or 0'),
  // Digits alone let through numbers the database cannot hold (a transaction id is unsigned 64-bit,
  // a sequence number signed 64-bit): such a cursor is bad input, not a server error.
  z.refine((cursor) => {
    const parts = /^(\d{1,20})-(\d{1,19})$/.exec(cursor);
    // Anything else is the pattern's to refuse (or `0`).
    if (parts === null) return true;
    return BigInt(parts[1] as string) < 2n ** 64n && BigInt(parts[2] as string) < 2n ** 63n;
  }, 'a cursor is the `next` of a previous page, or 0'),
);

/** A page size in a query string: 1 to 1000. */
const pageLimitSchema = z.pipe(
  z.string().check(z.regex(/^\d{1,4}$/, 'limit is 1 to 1000')),
  z.pipe(
    z.transform((s: string) => Number(s)),
    z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  ),
);

/** `GET /merchant/events?after=&limit=`: events after the cursor, oldest first, 1 to 1000 per page (default 100). */
export const eventFeedQuerySchema = z.object({
  after: z.optional(eventCursorSchema),
  limit: z.optional(pageLimitSchema),
});

/**
 * `GET /merchant/events/deliveries?consumer=&limit=`: the latest deliveries to a consumer (`webhook`,
 * the default, or `handler`: `onEvent`), newest event first, 1 to 1000 (default 50).
 */
export const eventDeliveriesQuerySchema = z.object({
  consumer: z.optional(z.enum(KKI_EVENT_CONSUMERS)),
  limit: z.optional(pageLimitSchema),
});

/**
 * `POST /merchant/events/redeliveries`: one more attempt, due now, for the failed deliveries to a
 * consumer (`webhook` by default): every one, or only `eventId`'s.
 */
export const redeliverEventsRequestSchema = z.object({
  consumer: z.optional(z.enum(KKI_EVENT_CONSUMERS)),
  eventId: z.optional(eventIdSchema),
});

/** Body of `POST /merchant/events/redeliveries`. */
export type RedeliverEventsRequest = z.infer<typeof redeliverEventsRequestSchema>;

/** `GET /merchant/orders/:orderId`. */
export const merchantOrderParamsSchema = z.object({ orderId: orderIdSchema });
