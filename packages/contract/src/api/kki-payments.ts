// Request and response bodies of the KKI payment routes (KkiPayButton).
import * as z from 'zod/mini';
import {
  cardIdSchema,
  cpanInputSchema,
  expirySchema,
  orderIdSchema,
  ottSchema,
  paymentIdSchema,
} from './common.js';
import { paymentViewSchema } from './views.js';

/** Pay with a card typed in now: CPAN + OTT; `saveCard` makes it "payment with binding". */
export const kkiNewCardSourceSchema = z.object({
  type: z.literal('card'),
  cpan: cpanInputSchema,
  ott: ottSchema,
  expiry: z.optional(expirySchema),
  saveCard: z._default(z.boolean(), false),
});

/** Pay with one of the customer's saved cards (the BFF looks up DOKU's token server-side). */
export const kkiSavedCardSourceSchema = z.object({
  type: z.literal('saved_card'),
  cardId: cardIdSchema,
});

/**
 * `POST /kki/payments`. Only an order id: the amount comes from the stored order, and any `amount`
 * field a browser adds is dropped by the schema.
 */
export const createKkiPaymentRequestSchema = z.object({
  orderId: orderIdSchema,
  source: z.discriminatedUnion('type', [kkiNewCardSourceSchema, kkiSavedCardSourceSchema]),
});
/** Body of `POST /kki/payments` as the browser sends it. */
export type CreateKkiPaymentRequest = z.input<typeof createKkiPaymentRequestSchema>;
/** Body of `POST /kki/payments` after validation (defaults applied, CPAN normalised). */
export type CreateKkiPaymentParsed = z.output<typeof createKkiPaymentRequestSchema>;

/** Path parameters of the routes about one payment. */
export const paymentParamsSchema = z.object({ paymentId: paymentIdSchema });

/** `GET /payments/:paymentId` query: `refresh=true` asks the BFF to check DOKU now if the payment waits. */
export const getPaymentQuerySchema = z.object({
  refresh: z
    .optional(z.enum(['true', 'false']))
    .register(z.globalRegistry, { description: 'Ask DOKU for the status now when the payment is pending.' }),
});

/** Response of the payment routes: the payment as it stands. */
export const paymentResponseSchema = paymentViewSchema;
