import * as z from 'zod';
import { CHECKOUT_INVOICE_NUMBER_MAX } from './checkout.js';
import { DOKU_NUMERIC_STRING, numberishSchema } from './common.js';
import { valueAt as at } from './issues.js';
import {
  CHECKOUT_CARD_TOKEN_FIELDS,
  CHECKOUT_CHANNEL_IDS,
  CHECKOUT_MASKED_CARD_FIELDS,
  CHECKOUT_REFUND_API,
} from './open-questions.js';

// Reading a Checkout payment's outcome from DOKU's status answer (`GET /orders/v1/status/{invoice}`)
// or its Non-SNAP notification: both use the envelope of §7.6 (`order`, `transaction`, `service`,
// `channel`, ...), [DOC-NS-STATUS] says the status answer "will be similar to HTTP notification".

/**
 * A Checkout notification body (§7.6 envelope; the Checkout one adds `additional_info.origin.product
 * "CHECKOUT"` per [3P-CHK]). Loose: the channel-specific blocks differ per method.
 */
export const checkoutNotificationSchema = z.looseObject({
  order: z.looseObject({
    invoice_number: z.string().min(1).max(CHECKOUT_INVOICE_NUMBER_MAX),
    amount: numberishSchema,
  }),
  transaction: z.looseObject({
    status: z.string().min(1),
    date: z.string().optional(),
    original_request_id: z.string().optional(),
  }),
  service: z.looseObject({ id: z.string() }).optional(),
  acquirer: z.looseObject({ id: z.string() }).optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  customer: z.looseObject({ id: z.string().optional() }).optional(),
  additional_info: z.record(z.string(), z.unknown()).optional(),
});
/** A Checkout notification body. */
export type CheckoutNotification = z.infer<typeof checkoutNotificationSchema>;

/** What a Checkout payment came to. */
export type CheckoutStatus = 'pending' | 'succeeded' | 'failed' | 'expired';

/**
 * `transaction.status` → outcome ([DOC-NS-STATUS] "Transaction Status Mapping"). `REFUNDED` means the
 * payment was made (a refund is a later event of its own). `PENDING`, `REDIRECT` (waiting for 3-D
 * Secure) and `TIMEOUT` ("call Check Status to get final status") are not outcomes yet.
 */
export const CHECKOUT_TRANSACTION_STATUSES: Readonly<Record<string, CheckoutStatus>> = {
  SUCCESS: 'succeeded',
  REFUNDED: 'succeeded',
  FAILED: 'failed',
  EXPIRED: 'expired',
  PENDING: 'pending',
  REDIRECT: 'pending',
  TIMEOUT: 'pending',
};

/** A Checkout payment's outcome, read from a status answer or a notification. */
export interface CheckoutOutcome {
  /** `pending` for any status the kit does not know: it never concludes from an unknown word. */
  status: CheckoutStatus;
  /** Which path the shopper took on DOKU's page, when the body names it. */
  channel: 'kki' | 'card' | null;
  invoiceNumber: string | null;
  /** IDR, as a number (DOKU sends numbers or numeric strings). */
  amount: number | null;
  /** Masked card number (never the full number), when the body carries one. */
  maskedCard: string | null;
  /** The saved-card token of a tokenized Checkout payment, when the body carries one. */
  cardToken: string | null;
  /** The refund API this payment takes (`CHECKOUT_REFUND_API` for its channel), once the channel is known. */
  refundApi: (typeof CHECKOUT_REFUND_API)[keyof typeof CHECKOUT_REFUND_API] | null;
  /** The body as received. */
  raw: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function firstText(body: unknown, paths: readonly (readonly string[])[]): string | null {
  for (const p of paths) {
    const v = text(at(body, p));
    if (v !== null) return v;
  }
  return null;
}

function channelOf(body: unknown): CheckoutOutcome['channel'] {
  for (const id of [at(body, ['channel', 'id']), at(body, ['service', 'id'])]) {
    if (typeof id !== 'string') continue;
    if ((CHECKOUT_CHANNEL_IDS.kki as readonly string[]).includes(id)) return 'kki';
    if ((CHECKOUT_CHANNEL_IDS.card as readonly string[]).includes(id)) return 'card';
  }
  return null;
}

function amountOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v === 'string' && DOKU_NUMERIC_STRING.test(v)) return Number(v);
  return null;
}

/** A masked number has hidden digits; anything that looks like a whole card number is not kept. */
function maskedOnly(v: string | null): string | null {
  if (v === null) return null;
  return /[*xX•]/.test(v) && !/\d{13,}/.test(v) ? v : null;
}

/**
 * Reads a Checkout payment's outcome from DOKU's status answer or its notification body, tolerantly:
 * any missing or unknown part gives `null` (or `pending`), never an exception. Field locations that
 * no source confirms are `CHECKOUT_CHANNEL_IDS`, `CHECKOUT_MASKED_CARD_FIELDS` and
 * `CHECKOUT_CARD_TOKEN_FIELDS` in open-questions.ts.
 */
export function checkoutOutcomeOf(body: unknown): CheckoutOutcome {
  const word = at(body, ['transaction', 'status']);
  const status = (typeof word === 'string' && CHECKOUT_TRANSACTION_STATUSES[word.toUpperCase()]) || 'pending';
  const channel = channelOf(body);
  return {
    status,
    channel,
    invoiceNumber: text(at(body, ['order', 'invoice_number'])),
    amount: amountOf(at(body, ['order', 'amount'])),
    maskedCard: maskedOnly(firstText(body, CHECKOUT_MASKED_CARD_FIELDS)),
    cardToken: firstText(body, CHECKOUT_CARD_TOKEN_FIELDS),
    refundApi: channel === null ? null : CHECKOUT_REFUND_API[channel],
    raw: body,
  };
}
