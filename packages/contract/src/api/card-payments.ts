// Request and response bodies of the DOKU Cards hosted payment page (CardPaymentFrame).
import * as z from 'zod/mini';
import { localeSchema, orderIdSchema, paymentIdSchema } from './common.js';
import { CARD_RETURN_MESSAGE_TYPE } from './card-return-message.js';
import { PAYMENT_STATUSES } from './view-enums.js';
import { binSchema, cardAcquirerSchema, cardPaymentTypeSchema } from './views.js';

const hexColor = z.string().check(z.regex(/^#?[0-9A-Fa-f]{6}$/, 'a colour is six hex digits, e.g. #E1251B'));

/** Colours of DOKU's hosted page. */
export const cardPageThemeSchema = z.object({
  backgroundColor: z.optional(hexColor),
  fontColor: z.optional(hexColor),
  buttonBackgroundColor: z.optional(hexColor),
  buttonFontColor: z.optional(hexColor),
});
/** Colours of DOKU's hosted page. */
export type CardPageTheme = z.infer<typeof cardPageThemeSchema>;

/**
 * `POST /cards/payments`: open DOKU's hosted page for an order. No amount and no promo: both come
 * from the order. `allowedBins` / `allowedTenors` can only narrow what the order allows.
 */
export const createCardPaymentRequestSchema = z
  .object({
    orderId: orderIdSchema,
    paymentType: z._default(cardPaymentTypeSchema, 'SALE'),
    installment: z.optional(
      z.object({
        acquirer: cardAcquirerSchema,
        tenor: z.number().check(z.int(), z.positive(), z.maximum(60)),
      }),
    ),
    allowedBins: z.optional(z.array(binSchema).check(z.minLength(1), z.maxLength(200))),
    allowedTenors: z.optional(
      z.array(z.number().check(z.int(), z.positive(), z.maximum(60))).check(z.minLength(1), z.maxLength(24)),
    ),
    /** Save the card at DOKU for later (tokenization; needs a signed-in customer). */
    saveCard: z._default(z.boolean(), false),
    language: z.optional(localeSchema),
    theme: z.optional(cardPageThemeSchema),
  })
  .check(
    z.superRefine((req, ctx) => {
      if (req.paymentType === 'INSTALLMENT' && req.installment === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['installment'],
          message: 'INSTALLMENT needs an acquirer and tenor',
        });
      }
      if (req.paymentType !== 'INSTALLMENT' && req.installment !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['installment'],
          message: 'installment is only for INSTALLMENT',
        });
      }
    }),
  );
/** Body of `POST /cards/payments` as sent. */
export type CreateCardPaymentRequest = z.input<typeof createCardPaymentRequestSchema>;
/** Body of `POST /cards/payments` after validation. */
export type CreateCardPaymentParsed = z.output<typeof createCardPaymentRequestSchema>;

/** `GET /cards/payments/:paymentId/return` query: DOKU's hint (`success` / `failed`), never trusted. */
export const cardReturnQuerySchema = z.object({
  result: z.optional(z.enum(['success', 'failed'])),
  /** The single-use return token the BFF put in the URL it gave DOKU (`expiry.nonce.mac`). */
  token: z.optional(z.string().check(z.maxLength(128), z.regex(/^[A-Za-z0-9_.-]+$/))),
  /** The language the card page was opened in: the return page speaks it too. */
  lang: z.optional(localeSchema),
});

/**
 * The message the BFF's return page posts (`window.parent.postMessage`) after confirming the result
 * with DOKU. The frame checks the sender's origin, then re-reads the payment from the BFF: the
 * message is a nudge, not a proof.
 */
export const cardReturnMessageSchema = z.object({
  type: z.literal(CARD_RETURN_MESSAGE_TYPE),
  paymentId: paymentIdSchema,
  status: z.enum(PAYMENT_STATUSES),
});
/** The return page's message to the parent window. */
export type CardReturnMessage = z.infer<typeof cardReturnMessageSchema>;
