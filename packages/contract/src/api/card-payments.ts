// Request and response bodies of the DOKU Cards hosted payment page (CardPaymentFrame).
import * as z from 'zod';
import { localeSchema, orderIdSchema, paymentIdSchema } from './common.js';
import { binSchema, cardAcquirerSchema, cardPaymentTypeSchema, PAYMENT_STATUSES } from './views.js';

const hexColor = z.string().regex(/^#?[0-9A-Fa-f]{6}$/, 'a colour is six hex digits, e.g. #E1251B');

/** Colours of DOKU's hosted page. */
export const cardPageThemeSchema = z.object({
  backgroundColor: hexColor.optional(),
  fontColor: hexColor.optional(),
  buttonBackgroundColor: hexColor.optional(),
  buttonFontColor: hexColor.optional(),
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
    paymentType: cardPaymentTypeSchema.default('SALE'),
    installment: z
      .object({ acquirer: cardAcquirerSchema, tenor: z.number().int().positive().max(60) })
      .optional(),
    allowedBins: z.array(binSchema).min(1).max(200).optional(),
    allowedTenors: z.array(z.number().int().positive().max(60)).min(1).max(24).optional(),
    /** Save the card at DOKU for later (tokenization; needs a signed-in customer). */
    saveCard: z.boolean().default(false),
    language: localeSchema.optional(),
    theme: cardPageThemeSchema.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.paymentType === 'INSTALLMENT' && req.installment === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['installment'],
        message: 'INSTALLMENT needs an acquirer and tenor',
      });
    }
    if (req.paymentType !== 'INSTALLMENT' && req.installment !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['installment'], message: 'installment is only for INSTALLMENT' });
    }
  });
/** Body of `POST /cards/payments` as sent. */
export type CreateCardPaymentRequest = z.input<typeof createCardPaymentRequestSchema>;
/** Body of `POST /cards/payments` after validation. */
export type CreateCardPaymentParsed = z.output<typeof createCardPaymentRequestSchema>;

/** `GET /cards/payments/:paymentId/return` query: DOKU's hint (`success` / `failed`), never trusted. */
export const cardReturnQuerySchema = z.object({
  result: z.enum(['success', 'failed']).optional(),
});

/** `event.data.type` of the message the return page posts to the frame's parent window. */
export const CARD_RETURN_MESSAGE_TYPE = 'kki-kit:card-payment-return';

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
