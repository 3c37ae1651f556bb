import * as z from 'zod';
import { mandatory, numberishSchema } from './common.js';
import { CARD_ORDER_REFUND_HISTORY } from './open-questions.js';

// Non-SNAP (Cards) bodies, doku-api.md §7 ([SEED-002], [SEED-003]). Amounts are IDR integers.

const idr = z.number().int().nonnegative();
const hexColor = z.string().regex(/^[0-9A-Fa-f]{6}$/);

/** Card payment types (§7.1). */
export const cardPaymentTypeSchema = z.enum(['SALE', 'AUTHORIZE', 'INSTALLMENT', 'MOTO', 'RECURRING']);
/** Card payment type. */
export type CardPaymentType = z.infer<typeof cardPaymentTypeSchema>;

/** Installment acquirers (§7.1). */
export const cardAcquirerSchema = z.enum([
  'BNI',
  'BRI',
  'BANK_CIMB',
  'BANK_MANDIRI',
  'BCA',
  'BANK_PERMATA',
  'DANAMON',
  'BUKOPIN',
  'HSBC',
  'OCBC_NISP',
]);
/** Installment acquirer. */
export type CardAcquirer = z.infer<typeof cardAcquirerSchema>;

/** Max `invoice_number` length (64; 30 or 27 with the Mandiri acquirer, §7.1 CONFLICT). */
export const INVOICE_NUMBER_MAX = 64;

/**
 * Max `invoice_number` length when `payment.acquirer` is `BANK_MANDIRI`: 27. doku-api.md §7.1 CONFLICT
 * (seed 002 says 30, seed 003 says 27): the stricter limit, so an invoice number valid here is valid
 * under either reading.
 */
export const INVOICE_NUMBER_MAX_MANDIRI = 27;

/** A payment-page line item (seed 002: `name` optional, max 255; `price` and `quantity` conditional). */
export const cardLineItemSchema = z.object({
  name: z.string().max(255).optional(),
  price: idr,
  quantity: z.number().int().positive(),
});

/** `POST /credit-card/v1/payment-page` body (§7.1). */
export const paymentPageRequestSchema = z
  .object({
    order: z.object({
      amount: idr,
      invoice_number: mandatory(INVOICE_NUMBER_MAX),
      // Seed 002 gives no length for the URLs, the card token or the customer fields below.
      callback_url: z.string().optional(),
      failed_url: z.string().optional(),
      auto_redirect: z.boolean(),
      line_items: z.array(cardLineItemSchema).optional(),
      descriptor: z.string().max(22).optional(),
    }),
    card: z.object({ token: z.string().optional(), save: z.boolean().optional() }).optional(),
    customer: z
      .object({
        id: z.string().optional(),
        name: z.string().optional(),
        email: z.email().max(254).optional(),
        // `{calling_code}{phone_number}` (seed 002), digits.
        phone: z.string().regex(/^\d+$/).optional(),
        address: z.string().optional(),
        country: z.string().length(2).optional(),
      })
      .optional(),
    payment: z
      .object({
        type: cardPaymentTypeSchema.optional(),
        auto_capture: z.boolean().optional(),
        acquirer: cardAcquirerSchema.optional(),
        tenor: z.number().int().positive().optional(),
      })
      .optional(),
    override_configuration: z
      .object({
        themes: z
          .object({
            language: z.enum(['EN', 'ID']).optional(),
            background_color: hexColor.optional(),
            font_color: hexColor.optional(),
            button_background_color: hexColor.optional(),
            button_font_color: hexColor.optional(),
          })
          .optional(),
        promo: z.array(z.object({ bin: z.string().regex(/^\d{6,8}$/), discount_amount: idr })).optional(),
        allow_bin: z.array(z.string().regex(/^\d{6,8}$/)).optional(),
        allow_tenor: z.array(z.number().int().nonnegative()).optional(),
      })
      .optional(),
    additional_info: z
      .object({
        override_notification_url: z.string().optional(),
        disclaimer: z.object({ id: z.string().optional(), en: z.string().optional() }).optional(),
      })
      .optional(),
  })
  .superRefine((req, ctx) => {
    if (req.order.auto_redirect && req.order.callback_url === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'callback_url is required with auto_redirect',
        path: ['order', 'callback_url'],
        params: { kind: 'mandatory' },
      });
    }
    if (req.customer && req.customer.email === undefined && req.customer.phone === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'customer.email or customer.phone is required',
        path: ['customer', 'email'],
        params: { kind: 'mandatory' },
      });
    }
    if (req.payment?.type === 'INSTALLMENT') {
      for (const key of ['acquirer', 'tenor'] as const) {
        if (req.payment[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `payment.${key} is required for INSTALLMENT`,
            path: ['payment', key],
            params: { kind: 'mandatory' },
          });
        }
      }
    }
  });
/** Payment page request body. */
export type PaymentPageRequest = z.infer<typeof paymentPageRequestSchema>;

/**
 * True when line items are absent or sum to `order.amount` (DOKU: `INVALID_PARAMETER`, §7.1): the
 * payment page's and Checkout's orders alike.
 */
export function lineItemsMatchAmount(order: {
  amount: number;
  line_items?: readonly { price: number; quantity: number }[] | undefined;
}): boolean {
  if (!order.line_items) return true;
  return order.line_items.reduce((sum, i) => sum + i.price * i.quantity, 0) === order.amount;
}

/** Payment page response (§7.1). */
export const paymentPageResponseSchema = z.looseObject({
  order: z.looseObject({
    invoice_number: z.string(),
    line_items: z.array(z.looseObject({ name: z.string().optional() })).optional(),
  }),
  credit_card_payment_page: z.looseObject({ url: z.string().min(1) }),
  credit_card_js: z.looseObject({ session_id: z.string() }).optional(),
  additional_info: z.record(z.string(), z.unknown()).optional(),
});
/** Payment page response. */
export type PaymentPageResponse = z.infer<typeof paymentPageResponseSchema>;

/** `POST /credit-card/capture` body (§7.2); no `capture_amount` captures in full. */
export const captureRequestSchema = z.object({
  payment: z.object({
    authorize_id: mandatory(64),
    capture_amount: idr.optional(),
  }),
});
/** Capture request body. */
export type CaptureRequest = z.infer<typeof captureRequestSchema>;

/** Card payment status values (§7.2). */
export const cardPaymentStatusSchema = z.enum(['SUCCESS', 'FAILED', 'PENDING']);

/** Capture response (§7.2). */
export const captureResponseSchema = z.looseObject({
  order: z.looseObject({ invoice_number: z.string(), amount: z.number().optional() }),
  customer: z.looseObject({ id: z.string().optional() }).optional(),
  payment: z.looseObject({
    type: z.string().optional(),
    identifier: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
    request_id: z.string().optional(),
    authorize_id: z.string().optional(),
    response_code: z.string().optional(),
    response_message: z.string().optional(),
    eci: z.string().optional(),
    status: cardPaymentStatusSchema,
    approval_code: z.string().optional(),
  }),
  three_dsecure: z.looseObject({ authentication_id: z.string().optional() }).optional(),
  card: z
    .looseObject({
      masked: z.string().optional(),
      type: z.string().optional(),
      issuer: z.string().optional(),
      brand: z.string().optional(),
      token: z.string().optional(),
    })
    .optional(),
});
/** Capture response. */
export type CaptureResponse = z.infer<typeof captureResponseSchema>;

/** `POST /cancellation/credit-card/refund` body (§7.3). */
export const cardRefundRequestSchema = z.object({
  order: z.object({ invoice_number: mandatory(INVOICE_NUMBER_MAX) }),
  payment: z.object({ original_request_id: mandatory(128) }),
  refund: z.object({ amount: idr }),
});
/** Card refund request body. */
export type CardRefundRequest = z.infer<typeof cardRefundRequestSchema>;

/** Card refund types (§7.3). */
export const cardRefundTypeSchema = z.enum([
  'VOID',
  'PARTIAL_REFUND',
  'FULL_REFUND',
  'MANUAL_PARTIAL_REFUND',
  'MANUAL_FULL_REFUND',
]);
/** Card refund type. */
export type CardRefundType = z.infer<typeof cardRefundTypeSchema>;

/** Card refund response (§7.3). */
export const cardRefundResponseSchema = z.looseObject({
  order: z.looseObject({ invoice_number: z.string() }),
  payment: z.looseObject({ original_request_id: z.string() }).optional(),
  refund: z.looseObject({
    amount: z.number(),
    type: cardRefundTypeSchema.optional(),
    status: z.enum(['SUCCESS', 'FAILED', 'PENDING']),
    message: z.string().optional(),
    approval_code: z.string().optional(),
  }),
});
/** Card refund response. */
export type CardRefundResponse = z.infer<typeof cardRefundResponseSchema>;

/** A card refund as an order status lists it (`CARD_ORDER_REFUND_HISTORY`), read tolerantly. */
export interface CardRefundInStatus {
  /** `SUCCESS`, `FAILED`, or null while DOKU's word is another (still in progress). */
  status: 'SUCCESS' | 'FAILED' | null;
  type: CardRefundType | null;
}

/** The order status's list of the order's refunds ({@link CARD_ORDER_REFUND_HISTORY}), or `null` when it has none. */
export function cardOrderRefundHistory(status: unknown): readonly unknown[] | null {
  const list = (status as Record<string, unknown> | null)?.[CARD_ORDER_REFUND_HISTORY.list];
  return Array.isArray(list) ? list : null;
}

/** The refund made by the refund call `requestId`, as the order status `status` lists it; null when absent. */
export function cardRefundInOrderStatus(status: unknown, requestId: string): CardRefundInStatus | null {
  const list = cardOrderRefundHistory(status);
  if (list === null) return null;
  const found = list.find(
    (r: unknown) =>
      typeof r === 'object' &&
      r !== null &&
      (r as Record<string, unknown>)[CARD_ORDER_REFUND_HISTORY.requestId] === requestId,
  ) as Record<string, unknown> | undefined;
  if (!found) return null;
  const type = cardRefundTypeSchema.safeParse(found.type);
  return {
    status: found.status === 'SUCCESS' || found.status === 'FAILED' ? found.status : null,
    type: type.success ? type.data : null,
  };
}

/** `POST /credit-card/delete-tokenization` body (§7.4). */
export const deleteTokenizationRequestSchema = z.object({
  token_id: mandatory(128),
  customer_id: z.string().max(64).optional(),
});
/** Delete tokenization request body. */
export type DeleteTokenizationRequest = z.infer<typeof deleteTokenizationRequestSchema>;

/** Delete tokenization response (§7.4). */
export const deleteTokenizationResponseSchema = z.looseObject({
  status: z.enum(['DELETE SUCCESS', 'DELETE FAILED']),
});
/** Delete tokenization response. */
export type DeleteTokenizationResponse = z.infer<typeof deleteTokenizationResponseSchema>;

/** The transaction block of a status response or notification. */
export const cardTransactionSchema = z.looseObject({
  type: z.string().optional(),
  status: z.string(),
  date: z.string().optional(),
  original_request_id: z.string().optional(),
});

// The order status's amount as a number, whichever way DOKU writes it: an answer refused for its
// amount's type would leave the payment unsettled for good.
const tolerantAmount = numberishSchema.transform(Number);

/**
 * `GET /orders/v1/status/{invoice_number}` response (§7.5). DOKU documents no card-specific body;
 * the envelope is the one of its notifications (§7.6), so the same fields are read.
 */
export const orderStatusResponseSchema = z.looseObject({
  order: z.looseObject({ invoice_number: z.string(), amount: tolerantAmount.optional() }),
  transaction: cardTransactionSchema,
  service: z.looseObject({ id: z.string() }).optional(),
  acquirer: z.looseObject({ id: z.string() }).optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  card_payment: z.record(z.string(), z.unknown()).optional(),
  authorize_id: z.string().optional(),
});
/** Order status response. */
export type OrderStatusResponse = z.infer<typeof orderStatusResponseSchema>;

/** Card HTTP notification body (§7.6; third-party summary, unverified). */
export const cardNotificationSchema = z.looseObject({
  order: z.looseObject({ invoice_number: mandatory(INVOICE_NUMBER_MAX), amount: idr }),
  customer: z
    .looseObject({ id: z.string().optional(), name: z.string().optional(), email: z.string().optional() })
    .optional(),
  transaction: cardTransactionSchema,
  service: z.looseObject({ id: z.string() }),
  acquirer: z.looseObject({ id: z.string() }).optional(),
  channel: z.looseObject({ id: z.string() }),
  card_payment: z
    .looseObject({
      masked_card_number: z.string().optional(),
      approval_code: z.string().optional(),
      response_code: z.string().optional(),
      response_message: z.string().optional(),
    })
    .optional(),
  authorize_id: z.string().optional(),
});
/** Card notification body. */
export type CardNotification = z.infer<typeof cardNotificationSchema>;

/** Non-SNAP error body: `{"errors":{"code","message","type"}}` (§7.1). */
export const nonSnapErrorResponseSchema = z.looseObject({
  errors: z.looseObject({
    code: z.string(),
    message: z.string().optional(),
    type: z.string().optional(),
  }),
});
/** Non-SNAP error body. */
export type NonSnapErrorResponse = z.infer<typeof nonSnapErrorResponseSchema>;
