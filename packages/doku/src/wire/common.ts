import * as z from 'zod';
import { KARTU_KREDIT_INDONESIA } from './endpoints.js';
import { LINE_ITEM_PRICE_FORMS_ACCEPTED } from './open-questions.js';
import { SNAP_AMOUNT_PATTERN } from './response-code.js';

// Building blocks shared by the SNAP schemas.

/** A mandatory string: present and non-empty (DOKU answers `400xx02` for both cases). */
/**
 * An amount DOKU may write as a numeric string instead of a JSON number (Checkout's answers and
 * notifications, §7.7): digits with at most two decimals. `150.000` (Indonesian thousands) does not
 * match, so it is never read as 150.
 */
export const DOKU_NUMERIC_STRING = /^\d+(\.\d{1,2})?$/;

/** A JSON number, or a string matching {@link DOKU_NUMERIC_STRING}. */
export const numberishSchema = z.union([z.number(), z.string().regex(DOKU_NUMERIC_STRING)]);

export const mandatory = (max?: number) =>
  max === undefined ? z.string().min(1) : z.string().min(1).max(max);

/**
 * SNAP money value: decimal string, at most 16 integer digits, optional two decimals (`10000.00`);
 * the pattern is {@link SNAP_AMOUNT_PATTERN}, which the contract's amounts follow too.
 */
export const snapAmountValueSchema = z.string().regex(SNAP_AMOUNT_PATTERN);

/** SNAP `{value, currency}`; KKI is IDR only (doku-api.md §5.6 item 3). */
export const snapMoneySchema = z.object({
  value: snapAmountValueSchema,
  currency: z.literal('IDR'),
});
/** SNAP `{value, currency}` as sent. */
export type SnapMoney = z.infer<typeof snapMoneySchema>;

/** The same money shape, lenient for responses (any 3-letter currency, any decimal string). */
export const snapMoneyResponseSchema = z.looseObject({
  value: z.string(),
  currency: z.string(),
});

/** `additionalInfo.channel` fixed to KKI. */
export const kkiChannelSchema = z.literal(KARTU_KREDIT_INDONESIA);

/** SNAP `responseCode`: HTTP (3) + service (2) + case (2) (doku-api.md §6.1). */
export const snapResponseCodeSchema = z.string().regex(/^\d{7}$/);

/** The two fields every SNAP response carries. */
export const snapResponseBase = {
  responseCode: snapResponseCodeSchema,
  responseMessage: z.string().max(150),
};

/**
 * A SNAP line item: `{name, price, quantity}` (doku-api.md §4.4, §5.6), `price` in the forms of
 * `LINE_ITEM_PRICE_FORMS_ACCEPTED` (`"123.45"` or `123.45`).
 */
export const snapLineItemSchema = z.object({
  name: mandatory(255),
  price: z
    .union([snapAmountValueSchema, z.number().nonnegative().finite()])
    .refine((v) => (LINE_ITEM_PRICE_FORMS_ACCEPTED as readonly string[]).includes(typeof v), {
      message: 'price form not accepted',
    }),
  quantity: z.number().int().positive(),
});
/** A SNAP line item. */
export type SnapLineItem = z.infer<typeof snapLineItemSchema>;

/** SNAP transaction status codes (doku-api.md §4.4). */
export const SNAP_TRANSACTION_STATUSES = {
  '00': 'SUCCESS',
  '01': 'INITIATED',
  '02': 'PAYING',
  '03': 'PENDING',
  '04': 'REFUNDED',
  '05': 'CANCELED',
  '06': 'FAILED',
  '07': 'NOT_FOUND',
} as const;
/** `latestTransactionStatus` values. */
export const snapTransactionStatusSchema = z.enum(['00', '01', '02', '03', '04', '05', '06', '07']);
/** `latestTransactionStatus`: `00` success … `07` not found. */
export type SnapTransactionStatus = z.infer<typeof snapTransactionStatusSchema>;

/** A generic SNAP error body (doku-api.md §5.10 ErrorResponse). Extra fields are kept. */
export const snapErrorResponseSchema = z.looseObject({
  responseCode: snapResponseCodeSchema,
  responseMessage: z.string(),
});
/** A generic SNAP error body. */
export type SnapErrorResponse = z.infer<typeof snapErrorResponseSchema>;

/**
 * `X-TIMESTAMP` of a SNAP transactional request: [SEED-001]'s pattern (binding and unbinding,
 * "yyyy-MM-ddTHH:mm:ss+07:00"): seconds, a numeric offset, no `Z`, no milliseconds. The client's
 * `snapTimestamp` and DOKU's Node and PHP SDKs (local offset) match it.
 */
export const SNAP_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** `X-PARTNER-ID` max length ([SEED-001]: String(32)). */
export const SNAP_PARTNER_ID_MAX = 32;
