/**
 * DOKU's Non-SNAP Cards errors (§7) → {@link KkiErrorCode}: the `errors.code` table and the
 * failure statuses some bodies report.
 */
import { NON_SNAP_UNDOCUMENTED_ERROR_TYPES } from '@kki-kit/doku/open-questions';
import type { KkiErrorCode } from './codes.js';

/** A documented Non-SNAP `errors.code` and how the kit reads it. */
export interface NonSnapErrorCodeInfo {
  /** DOKU's `errors.type` for this code. */
  readonly type: string;
  /** What the kit reports when no message below matches. */
  readonly kkiErrorCode: KkiErrorCode;
  /** Documented `errors.message` values with a more precise reading (compared case-insensitively). */
  readonly messages: Readonly<Record<string, KkiErrorCode>>;
}

const UNDOCUMENTED_NON_SNAP_TYPES: Readonly<Record<string, string>> = NON_SNAP_UNDOCUMENTED_ERROR_TYPES;

/**
 * How the kit reads each Non-SNAP code no source shows (the codes and their `errors.type` are a guess,
 * `NON_SNAP_UNDOCUMENTED_ERROR_TYPES` in `@kki-kit/doku/open-questions`; every one needs a reading).
 */
const UNDOCUMENTED_NON_SNAP_READINGS: {
  readonly [C in keyof typeof NON_SNAP_UNDOCUMENTED_ERROR_TYPES]: KkiErrorCode;
} = {
  INVALID_HEADER: 'bad_request',
  INVALID_CLIENT_ID: 'invalid_merchant',
  INVALID_SIGNATURE: 'unauthorized_signature',
  INVALID_TIMESTAMP: 'unauthorized_signature',
  DUPLICATE_REQUEST_ID: 'duplicate_request',
  NOT_FOUND: 'transaction_not_found',
  INVALID_TRANSACTION_STATUS: 'invalid_transaction_status',
  INTERNAL_SERVER_ERROR: 'doku_server_error',
};

/**
 * Non-SNAP `errors.code` values DOKU documents (§7.1; seeds 002/003 show only `INVALID_PARAMETER`),
 * and those the kit guesses. Unlisted codes read as `'unknown_doku_error'`.
 */
export const NON_SNAP_ERROR_CODES: Readonly<Record<string, NonSnapErrorCodeInfo>> = {
  INVALID_PARAMETER: {
    type: 'Invalid Parameter',
    kkiErrorCode: 'invalid_field_format',
    // Line items not summing to order.amount (seed 002) is the BFF's bug, but the shopper sees an amount problem.
    messages: { 'Invalid Total Amount And Line Items': 'invalid_amount' },
  },
  ...Object.fromEntries(
    Object.entries(UNDOCUMENTED_NON_SNAP_READINGS).map(([code, kkiErrorCode]) => [
      code,
      { type: UNDOCUMENTED_NON_SNAP_TYPES[code] ?? '', kkiErrorCode, messages: {} },
    ]),
  ),
};

/**
 * Non-SNAP results that report failure as a status in an otherwise normal body (seed 003 / §7.2-7.4):
 * refund `refund.status: "FAILED"`, token deletion `status: "DELETE FAILED"`, capture
 * `payment.status: "FAILED"` (read as a decline: INFERENCE, DOKU gives no reason field).
 */
export const NON_SNAP_FAILURE_STATUSES = {
  refund: { status: 'FAILED', kkiErrorCode: 'refund_failed' },
  deleteTokenization: { status: 'DELETE FAILED', kkiErrorCode: 'card_removal_failed' },
  payment: { status: 'FAILED', kkiErrorCode: 'card_declined' },
} as const satisfies Readonly<Record<string, { status: string; kkiErrorCode: KkiErrorCode }>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const statusOf = (value: unknown): unknown => (isRecord(value) ? value.status : undefined);

/**
 * Reads a Non-SNAP Cards response body as a kit error code.
 *
 * - `{"errors":{"code","message","type"}}` (§7.1) → by {@link NON_SNAP_ERROR_CODES}, message first.
 * - A body reporting a failure status ({@link NON_SNAP_FAILURE_STATUSES}) → that status's code.
 * - Any other JSON object → `null`: not an error.
 * - Not an object (HTML from a proxy, a string, `null`), or an `errors` member we cannot read →
 *   `'unknown_doku_error'`; never throws.
 */
export function kkiErrorFromNonSnap(body: unknown): KkiErrorCode | null {
  if (!isRecord(body)) return 'unknown_doku_error';
  if ('errors' in body) {
    const errors = body.errors;
    if (!isRecord(errors) || typeof errors.code !== 'string') return 'unknown_doku_error';
    const info = NON_SNAP_ERROR_CODES[errors.code.trim().toUpperCase()];
    if (!info) return 'unknown_doku_error';
    const message = typeof errors.message === 'string' ? errors.message.trim().toLowerCase() : '';
    const byMessage = Object.entries(info.messages).find(([m]) => m.toLowerCase() === message)?.[1];
    return byMessage ?? info.kkiErrorCode;
  }
  if (statusOf(body.refund) === NON_SNAP_FAILURE_STATUSES.refund.status) {
    return NON_SNAP_FAILURE_STATUSES.refund.kkiErrorCode;
  }
  if (body.status === NON_SNAP_FAILURE_STATUSES.deleteTokenization.status) {
    return NON_SNAP_FAILURE_STATUSES.deleteTokenization.kkiErrorCode;
  }
  if (statusOf(body.payment) === NON_SNAP_FAILURE_STATUSES.payment.status) {
    return NON_SNAP_FAILURE_STATUSES.payment.kkiErrorCode;
  }
  return null;
}
