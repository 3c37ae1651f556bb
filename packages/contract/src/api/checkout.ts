// Request and response bodies of the DOKU Checkout routes and of the kit's public configuration:
// the path for merchants without PCI DSS, where the card is typed on DOKU's page, never the shop's.
import * as z from 'zod/mini';
import { localeSchema, orderIdSchema, paymentIdSchema } from './common.js';
import { CHECKOUT_RETURN_MESSAGE_TYPE } from './checkout-return.js';
import { CHECKOUT_DISPLAYS, KKI_INTEGRATIONS, PAYMENT_STATUSES } from './view-enums.js';
import { checkoutChannelSchema } from './views.js';

/** One of {@link KKI_INTEGRATIONS}. */
export type KkiIntegration = (typeof KKI_INTEGRATIONS)[number];

/**
 * `GET /config`: what the components need to know before the customer signs in: which KKI path the
 * merchant's server chose, and the methods DOKU Checkout offers (`null` when Checkout is off).
 */
export const kitConfigResponseSchema = z.object({
  kki: z.object({ integration: z.enum(KKI_INTEGRATIONS) }),
  checkout: z.nullable(z.object({ methods: z.array(checkoutChannelSchema).check(z.minLength(1)) })),
});
/** The kit's public configuration. */
export type KitConfig = z.infer<typeof kitConfigResponseSchema>;

/** One of {@link CHECKOUT_DISPLAYS}. */
export type CheckoutDisplay = (typeof CHECKOUT_DISPLAYS)[number];

/**
 * `POST /checkout/payments`: open DOKU Checkout for an order. No amount and no line items: both come
 * from the stored order. `methods` can only narrow the merchant's list. `returnUrl` is the shop page
 * the customer comes back to after a redirect; its origin must be one of the BFF's allowed origins.
 */
export const createCheckoutPaymentRequestSchema = z.object({
  orderId: orderIdSchema,
  methods: z.optional(z.array(checkoutChannelSchema).check(z.minLength(1), z.maxLength(2))),
  language: z.optional(localeSchema),
  returnUrl: z.optional(z.url().check(z.maxLength(2048))),
  display: z._default(z.enum(CHECKOUT_DISPLAYS), 'redirect'),
});
/** Body of `POST /checkout/payments` as sent. */
export type CreateCheckoutPaymentRequest = z.input<typeof createCheckoutPaymentRequestSchema>;
/** Body of `POST /checkout/payments` after validation. */
export type CreateCheckoutPaymentParsed = z.output<typeof createCheckoutPaymentRequestSchema>;

/**
 * `GET /checkout/payments/:paymentId/return` query: the single-use return token the BFF gave DOKU,
 * and `result=cancel` on the URL DOKU uses when the customer cancels on its page (the BFF still asks
 * DOKU first, and cancels only a payment DOKU has not taken).
 */
export const checkoutReturnQuerySchema = z.object({
  token: z.optional(z.string().check(z.maxLength(128), z.regex(/^[A-Za-z0-9_.-]+$/))),
  result: z.optional(z.enum(['cancel'])),
  display: z.optional(z.enum(CHECKOUT_DISPLAYS)),
});

/**
 * The message the checkout return page posts after confirming the result with DOKU. The component
 * checks the sender's origin, then re-reads the payment from the BFF: the message is a nudge, not a proof.
 */
export const checkoutReturnMessageSchema = z.object({
  type: z.literal(CHECKOUT_RETURN_MESSAGE_TYPE),
  paymentId: paymentIdSchema,
  status: z.enum(PAYMENT_STATUSES),
});
/** The checkout return page's message to the opener or parent window. */
export type CheckoutReturnMessage = z.infer<typeof checkoutReturnMessageSchema>;
