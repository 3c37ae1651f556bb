import * as z from 'zod';
import { mandatory, numberishSchema } from './common.js';
import {
  CHECKOUT_CUSTOMER_ID_MAX,
  CHECKOUT_DUE_MINUTES_RANGE,
  CHECKOUT_EXPIRED_DATE_FORMAT,
  CHECKOUT_METHOD_TYPES,
} from './open-questions.js';

// DOKU Checkout (`POST /checkout/v1/payment`, Non-SNAP, doku-api.md §7.7). Sources:
// [DOC-CHK-BE] developers.doku.com/accept-payments/doku-checkout/integration-guide/backend-integration
// (fields, sample bodies); [DOC-CHK-JOKUL] dashboard.doku.com/docs/docs/jokul-checkout (older copy of
// the same table); DOKU's official WooCommerce and Magento plugins (requests they send, the answer
// they read); every field no source confirms is decided in open-questions.ts.

/** `order.amount` maximum: "Max length: 12" digits ([DOC-CHK-BE], [DOC-CHK-JOKUL]). */
export const CHECKOUT_AMOUNT_MAX = 999_999_999_999;

/** Max `order.invoice_number` length: 64 ([DOC-CHK-BE]; 30 with a card channel, see `checkoutInvoiceMax`). */
export const CHECKOUT_INVOICE_NUMBER_MAX = 64;

/**
 * Max `order.invoice_number` length when a card channel is on the page: 30 ([DOC-CHK-BE]: "If you
 * have Credit Card channel activated, the maximum length is 30 chars due to the acquirer's
 * requirements").
 */
export const CHECKOUT_INVOICE_NUMBER_MAX_CARD = 30;

/** A Checkout line item ([DOC-CHK-BE] sample: `id, name, quantity, price, sku, category, url, image_url, type`). */
export const checkoutLineItemSchema = z.object({
  id: z.string().max(64).optional(),
  name: mandatory(255),
  price: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
  sku: z.string().max(64).optional(),
  category: z.string().max(64).optional(),
  url: z.string().optional(),
  image_url: z.string().optional(),
  type: z.string().max(64).optional(),
});
/** A Checkout line item. */
export type CheckoutLineItem = z.infer<typeof checkoutLineItemSchema>;

/**
 * `customer.email`: an address the client's request schema accepts (zod's `z.email()`, at most 254
 * characters). Exported so a caller can leave out an address the client would refuse.
 */
export const checkoutCustomerEmailSchema = z.email().max(254);

/** `POST /checkout/v1/payment` body ([DOC-CHK-BE]). Amounts are IDR integers. */
export const checkoutPaymentRequestSchema = z.object({
  order: z.object({
    // "In IDR Currency and without decimal, Max length: 12" (digits).
    amount: z.number().int().positive().max(CHECKOUT_AMOUNT_MAX),
    invoice_number: mandatory(CHECKOUT_INVOICE_NUMBER_MAX),
    currency: z.literal('IDR').optional(),
    /** Where DOKU's page sends the shopper after the payment (the "Back to merchant" link). */
    callback_url: z.string().optional(),
    /** Where it sends a shopper who cancels. */
    callback_url_cancel: z.string().optional(),
    callback_url_result: z.string().optional(),
    language: z.enum(['EN', 'ID']).optional(),
    auto_redirect: z.boolean().optional(),
    disable_retry_payment: z.boolean().optional(),
    line_items: z.array(checkoutLineItemSchema).optional(),
  }),
  payment: z.object({
    /**
     * Minutes the page stays payable. Required here: [DOC-CHK-JOKUL] marks it mandatory, [DOC-CHK-BE]
     * optional with a default of 60 (CONFLICT); both official plugins always send it, so the kit does.
     */
    payment_due_date: z
      .number()
      .int()
      .min(CHECKOUT_DUE_MINUTES_RANGE.min)
      .max(CHECKOUT_DUE_MINUTES_RANGE.max),
    type: z.literal('SALE').optional(),
    /** Methods offered on the page; absent: every method activated for the merchant. */
    payment_method_types: z
      .array(z.string().regex(/^[A-Z0-9_]{1,64}$/))
      .min(1)
      .optional(),
  }),
  customer: z
    .object({
      /** Seed 004: sending `customer.id` turns tokenization (saved cards) on. */
      id: z.string().min(1).max(CHECKOUT_CUSTOMER_ID_MAX).optional(),
      name: z.string().max(255).optional(),
      last_name: z.string().max(255).optional(),
      email: checkoutCustomerEmailSchema.optional(),
      // `{calling_code}{number}`, digits (as on the card payment page, §7.1).
      phone: z
        .string()
        .regex(/^\d{6,16}$/)
        .optional(),
      address: z.string().max(400).optional(),
      country: z.string().min(2).max(3).optional(),
      postcode: z.string().max(16).optional(),
      state: z.string().max(128).optional(),
      city: z.string().max(128).optional(),
    })
    .optional(),
  additional_info: z
    .object({
      override_notification_url: z.string().optional(),
    })
    .optional(),
});
/** Checkout payment request body. */
export type CheckoutPaymentRequest = z.infer<typeof checkoutPaymentRequestSchema>;

/**
 * The `invoice_number` limit that applies to a request: 30 when a card method (`CREDIT_CARD`, or KKI,
 * whose acquirer path is the card one) may be on the page, which includes "no list" (every method the
 * merchant has), else 64.
 */
export function checkoutInvoiceMax(
  methodTypes: readonly string[] | undefined,
  cardTypes: readonly string[] = Object.values(CHECKOUT_METHOD_TYPES),
): number {
  const withCard = methodTypes === undefined || methodTypes.some((t) => cardTypes.includes(t));
  return withCard ? CHECKOUT_INVOICE_NUMBER_MAX_CARD : CHECKOUT_INVOICE_NUMBER_MAX;
}

/**
 * Checkout answer: `{"message":["SUCCESS"],"response":{order, payment, customer, ...}}` (official
 * WooCommerce plugin reads `message[0]` and `response.payment.url`; the captured sandbox answer adds
 * `token_id`, `expired_date`, `session_id`). Read tolerantly: only what the kit uses is required.
 */
export const checkoutPaymentResponseSchema = z.looseObject({
  message: z.array(z.string()).optional(),
  response: z.looseObject({
    order: z.looseObject({
      invoice_number: z.string().min(1),
      amount: numberishSchema.optional(),
      session_id: z.string().optional(),
    }),
    payment: z.looseObject({
      url: z.string().min(1),
      token_id: z.string().min(1),
      /** `yyyyMMddHHmmss` in WIB (see `CHECKOUT_EXPIRED_DATE_FORMAT`); read it with `checkoutExpiresAt`. */
      expired_date: z.string().min(1),
      expired_datetime: z.string().optional(),
      payment_due_date: numberishSchema.optional(),
      payment_method_types: z.array(z.string()).optional(),
    }),
    customer: z.looseObject({ id: z.string().optional() }).optional(),
    additional_info: z.record(z.string(), z.unknown()).optional(),
  }),
});
/** Checkout payment answer. */
export type CheckoutPaymentResponse = z.infer<typeof checkoutPaymentResponseSchema>;

/** `yyyyMMddHHmmss` at a fixed UTC offset (minutes) → epoch ms, or `null` when malformed. */
function parseCompact(value: string, offsetMinutes: number): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  const back = new Date(ms + offsetMinutes * 60_000);
  // Rejects 20250231…: Date.UTC rolls impossible dates over.
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? ms : null;
}

/**
 * When the Checkout page stops taking payments: `expired_datetime` (ISO, UTC) when DOKU sends it,
 * else `expired_date` read per `CHECKOUT_EXPIRED_DATE_FORMAT`. `null` when neither can be read.
 */
export function checkoutExpiresAt(payment: {
  expired_date?: string | undefined;
  expired_datetime?: string | undefined;
}): Date | null {
  if (
    payment.expired_datetime &&
    /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(payment.expired_datetime)
  ) {
    const iso = Date.parse(payment.expired_datetime);
    if (Number.isFinite(iso)) return new Date(iso);
  }
  if (!payment.expired_date) return null;
  const ms = parseCompact(payment.expired_date, CHECKOUT_EXPIRED_DATE_FORMAT.utcOffsetMinutes);
  return ms === null ? null : new Date(ms);
}

/** Formats an instant as `expired_date` (`yyyyMMddHHmmss` at `CHECKOUT_EXPIRED_DATE_FORMAT`'s offset). */
export function formatCheckoutExpiredDate(at: Date): string {
  const local = new Date(at.getTime() + CHECKOUT_EXPIRED_DATE_FORMAT.utcOffsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(local.getUTCFullYear(), 4) +
    p(local.getUTCMonth() + 1) +
    p(local.getUTCDate()) +
    p(local.getUTCHours()) +
    p(local.getUTCMinutes()) +
    p(local.getUTCSeconds())
  );
}
