/**
 * DOKU's codes → {@link KkiErrorCode}. Everything the kit believes about what DOKU's codes mean lives
 * in this one module, so when DOKU confirms (or contradicts) an inference, one edit fixes the BFF,
 * the sandbox and the UI together. Section numbers (§) cite the DOKU research notes, doku-api.md.
 */
import {
  KKI_CASE_TABLE_SERVICES,
  NON_SNAP_UNDOCUMENTED_ERROR_TYPES,
  SNAP_FIELD_ERROR_WORDING,
  SNAP_LAYER_ANSWERS,
} from '@kki-kit/doku/open-questions';
import { parseSnapResponseCode, SNAP_SERVICE_CODES } from '../response-code.js';
import type { KkiErrorCode } from './codes.js';
import type { KkiField } from './fields.js';

// ---------------------------------------------------------------------------------------------------
// KKI case codes (§5.10)
// ---------------------------------------------------------------------------------------------------

/** A case code from DOKU's KKI error list (§5.10, seed 001), e.g. `'05'`. */
export type KkiCaseCode = '00' | '01' | '02' | '03' | '04' | '05' | '08' | '11' | '12' | '13' | '14' | '15';

/** A KKI case code: DOKU's meaning and what the kit reports for it. */
export interface KkiCaseCodeInfo {
  /** DOKU's meaning (seed 001 `ErrorResponse` table, word for word). */
  readonly meaning: string;
  /** What the kit reports for this case on a KKI service, unless {@link byService} says otherwise. */
  readonly kkiErrorCode: KkiErrorCode;
  /**
   * Readings that fit one service's flow better, keyed by SNAP service code: a case with two
   * meanings in DOKU's table (02, 12) means the one-time-code half only where an OTT is sent
   * (binding, payment).
   */
  readonly byService: Readonly<Partial<Record<string, KkiErrorCode>>>;
}

const PAY = SNAP_SERVICE_CODES.payment;
const BIND = SNAP_SERVICE_CODES.cardBind;
const REFUND = SNAP_SERVICE_CODES.refund;

/**
 * DOKU's KKI case codes (seed 001 `ErrorResponse`, services 01 and 05), one meaning per case
 * whatever the HTTP status DOKU sends with it: seed 001 gives the case table and, separately, which
 * statuses a service answers, never a pairing of the two. (The sandbox picks a status per case from
 * `KKI_CASE_HTTP_STATUS` in `@kki-kit/doku`'s open questions; the kit does not read it.) The
 * sandbox and Storybook enumerate this table.
 */
export const KKI_CASE_CODES: { readonly [C in KkiCaseCode]: KkiCaseCodeInfo } = {
  '00': { meaning: 'General / Format Error', kkiErrorCode: 'bad_request', byService: {} },
  '01': {
    meaning: 'Duplicate Transaction / Duplicate Token',
    kkiErrorCode: 'duplicate_request',
    // On binding the duplicate is the token: the card is already bound to this customer.
    byService: { [BIND]: 'card_already_bound' },
  },
  '02': {
    meaning: 'Invalid OTT / External Server Error',
    // Unbinding and refund carry no OTT: only the external-server half can apply.
    kkiErrorCode: 'issuer_unavailable',
    byService: { [BIND]: 'ott_rejected', [PAY]: 'ott_rejected' },
  },
  '03': { meaning: 'Suspected Fraud', kkiErrorCode: 'suspected_fraud', byService: {} },
  '04': {
    meaning: 'Exceeds Transaction Frequency Limit',
    kkiErrorCode: 'frequency_limit_exceeded',
    byService: {},
  },
  '05': { meaning: 'Do Not Honor (declined by issuer)', kkiErrorCode: 'do_not_honor', byService: {} },
  '08': {
    meaning: 'Invalid Merchant / No Card Record',
    // The card half is the one a shopper can act on; a refund names a payment, not a card.
    kkiErrorCode: 'no_card_record',
    byService: { [REFUND]: 'transaction_not_found' },
  },
  '11': { meaning: 'Invalid CPAN', kkiErrorCode: 'invalid_cpan', byService: {} },
  '12': {
    meaning: 'Transaction Not Permitted / OTT Expired',
    // Unbinding and refund carry no OTT: only "not permitted" can apply.
    kkiErrorCode: 'request_not_permitted',
    byService: { [BIND]: 'ott_expired_or_not_permitted', [PAY]: 'ott_expired_or_not_permitted' },
  },
  '13': { meaning: 'Invalid Amount', kkiErrorCode: 'invalid_amount', byService: {} },
  '14': { meaning: 'Insufficient Funds', kkiErrorCode: 'insufficient_funds', byService: {} },
  '15': {
    meaning: 'Transaction Not Permitted to Terminal',
    kkiErrorCode: 'transaction_not_permitted',
    byService: {},
  },
};

/**
 * Services whose error codes follow the KKI case table: binding (01) and unbinding (05), which seed
 * 001 gives it for, and the KKI payment (54) and refund (58), an inference recorded as
 * `KKI_CASE_TABLE_SERVICES` in `@kki-kit/doku/open-questions`.
 */
export const KKI_SERVICE_CODES: readonly string[] = KKI_CASE_TABLE_SERVICES.map((s) => SNAP_SERVICE_CODES[s]);

/**
 * HTTP statuses seed 001 documents an `ErrorResponse` for on the KKI services (binding lists all
 * six; unbinding the same without 409). Storybook shows a KKI case at each.
 */
export const KKI_ERROR_HTTP_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 500];

const SNAP_LAYER_ANY_CASE: readonly number[] = SNAP_LAYER_ANSWERS.anyCase;
const SNAP_LAYER_PAIRS: Readonly<Partial<Record<number, readonly string[]>>> = SNAP_LAYER_ANSWERS.pairs;

/**
 * Whether an answer comes from DOKU's SNAP layer, before a KKI service reads the request, and so is
 * read by the SNAP table even on KKI services (B2B token, 409-00, 429, 504: a guess, see
 * `SNAP_LAYER_ANSWERS` in `@kki-kit/doku/open-questions`).
 */
const SNAP_LAYER = (httpStatus: number, caseCode: string): boolean =>
  SNAP_LAYER_ANY_CASE.includes(httpStatus) || (SNAP_LAYER_PAIRS[httpStatus]?.includes(caseCode) ?? false);

const isKkiCase = (caseCode: string): caseCode is KkiCaseCode => Object.hasOwn(KKI_CASE_CODES, caseCode);

// SNAP's wording of a field error (a guess, `SNAP_FIELD_ERROR_WORDING` in
// `@kki-kit/doku/open-questions`): plain words, so no regex escaping is needed.
const FORMAT = SNAP_FIELD_ERROR_WORDING.format.toLowerCase();
const MANDATORY = SNAP_FIELD_ERROR_WORDING.mandatory.toLowerCase();
const FIELD_ERROR = new RegExp(`^(${FORMAT}|${MANDATORY})\\b`, 'i');

/** The field error SNAP's wording names in a message, if any. */
function fieldErrorOf(message: string | undefined): KkiErrorCode | undefined {
  if (typeof message !== 'string') return undefined;
  const kind = FIELD_ERROR.exec(message.trim())?.[1]?.toLowerCase();
  if (kind === FORMAT) return 'invalid_field_format';
  if (kind === MANDATORY) return 'missing_mandatory_field';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// SNAP standard case codes (§6.3)
// ---------------------------------------------------------------------------------------------------

/** One row of the SNAP standard response-code table. */
export interface SnapStandardCode {
  /** HTTP status DOKU answers with. */
  readonly httpStatus: number;
  /** Two-digit case code. */
  readonly caseCode: string;
  /** The standard's message (placeholders such as `{field}` kept as written). */
  readonly message: string;
  /** What the kit reports; `null` for the two 2xx rows, which are not errors. */
  readonly kkiErrorCode: KkiErrorCode | null;
}

const row = (
  httpStatus: number,
  caseCode: string,
  message: string,
  kkiErrorCode: KkiErrorCode | null,
): SnapStandardCode => ({ httpStatus, caseCode, message, kkiErrorCode });

/**
 * The SNAP standard table (§6.3: Bank Indonesia's list; DOKU's "Error Response – SNAP" page shows the
 * same rows up to 403-12). Applies to every service; on KKI services the KKI list is read first.
 */
export const SNAP_STANDARD_CODES: readonly SnapStandardCode[] = [
  row(200, '00', 'Successful', null),
  row(202, '00', 'Request In Progress', null),
  row(400, '00', 'Bad Request', 'bad_request'),
  row(400, '01', 'Invalid Field Format {field}', 'invalid_field_format'),
  row(400, '02', 'Invalid Mandatory Field {field}', 'missing_mandatory_field'),
  row(401, '00', 'Unauthorized. [reason]', 'unauthorized_signature'), // incl. invalid X-SIGNATURE (§1.4)
  row(401, '01', 'Invalid Token (B2B)', 'invalid_access_token'),
  row(401, '02', 'Invalid Customer Token', 'invalid_customer_token'),
  row(401, '03', 'Token Not Found (B2B)', 'invalid_access_token'),
  row(401, '04', 'Customer Token Not Found', 'invalid_customer_token'),
  row(403, '00', 'Transaction Expired', 'payment_expired'),
  row(403, '01', 'Feature Not Allowed [Reason]', 'feature_not_allowed'),
  row(403, '02', 'Exceeds Transaction Amount Limit', 'amount_limit_exceeded'),
  row(403, '03', 'Suspected Fraud', 'suspected_fraud'),
  row(403, '04', 'Activity Count Limit Exceeded', 'frequency_limit_exceeded'),
  row(403, '05', 'Do Not Honor', 'do_not_honor'),
  row(403, '06', 'Feature Not Allowed At This Time', 'feature_unavailable_now'),
  row(403, '07', 'Card Blocked', 'card_blocked'),
  row(403, '08', 'Card Expired', 'card_expired'),
  row(403, '09', 'Dormant Account', 'dormant_account'),
  row(403, '10', 'Need To Set Token Limit', 'token_limit_required'),
  row(403, '11', 'OTP Blocked', 'otp_blocked'),
  row(403, '12', 'OTP Lifetime Expired', 'otp_expired'),
  row(403, '13', 'OTP Sent To Cardholder', 'otp_required'),
  row(403, '14', 'Insufficient Funds', 'insufficient_funds'),
  row(403, '15', 'Transaction Not Permitted.[reason]', 'transaction_not_permitted'),
  row(403, '16', 'Suspend Transaction', 'transaction_suspended'),
  row(403, '17', 'Token Limit Exceeded', 'token_limit_exceeded'),
  row(403, '18', 'Inactive Card/Account/Customer', 'card_inactive'),
  row(403, '19', 'Merchant Blacklisted', 'merchant_blacklisted'),
  row(403, '20', 'Merchant Limit Exceed', 'merchant_limit_exceeded'),
  row(403, '21', 'Set Limit Not Allowed', 'set_limit_not_allowed'),
  row(403, '22', 'Token Limit Invalid', 'token_limit_invalid'),
  row(403, '23', 'Account Limit Exceed', 'account_limit_exceeded'),
  row(404, '00', 'Invalid Transaction Status', 'invalid_transaction_status'),
  row(404, '01', 'Transaction Not Found', 'transaction_not_found'),
  row(404, '02', 'Invalid Routing', 'invalid_routing'),
  row(404, '03', 'Bank Not Supported By Switch', 'bank_not_supported'),
  row(404, '04', 'Transaction Cancelled', 'transaction_cancelled'),
  row(404, '05', 'Merchant Is Not Registered For Card Registration Services', 'merchant_not_registered'),
  row(404, '06', 'Need To Request OTP', 'otp_not_requested'),
  row(404, '07', 'Journey Not Found', 'journey_not_found'),
  row(404, '08', 'Invalid Merchant', 'invalid_merchant'),
  row(404, '09', 'No Issuer', 'no_issuer'),
  row(404, '10', 'Invalid API Transition', 'invalid_api_transition'),
  row(404, '11', 'Invalid Card/Account/Customer [info]/Virtual Account', 'invalid_cpan'),
  row(404, '12', 'Invalid Bill/Virtual Account [Reason]', 'invalid_bill'),
  row(404, '13', 'Invalid Amount', 'invalid_amount'),
  row(404, '14', 'Paid Bill', 'already_paid'),
  row(404, '15', 'Invalid OTP', 'invalid_otp'),
  row(404, '16', 'Partner Not Found', 'partner_not_found'),
  row(404, '17', 'Invalid Terminal', 'invalid_terminal'),
  row(404, '18', 'Inconsistent Request', 'inconsistent_request'),
  row(404, '19', 'Invalid Bill/Virtual Account (expired)', 'payment_expired'),
  row(405, '00', 'Requested Function Is Not Supported', 'function_not_supported'),
  row(405, '01', 'Requested Operation Is Not Allowed', 'operation_not_allowed'),
  row(409, '00', 'Conflict', 'duplicate_request'), // same X-EXTERNAL-ID the same day: a replay (§2.3)
  row(409, '01', 'Duplicate partnerReferenceNo', 'duplicate_request'),
  row(429, '00', 'Too Many Requests', 'rate_limited'),
  row(500, '00', 'General Error', 'doku_server_error'),
  row(500, '01', 'Internal Server Error', 'doku_server_error'),
  row(500, '02', 'External Server Error', 'issuer_unavailable'),
  row(504, '00', 'Timeout', 'doku_timeout'),
];

// ---------------------------------------------------------------------------------------------------
// Lookup
// ---------------------------------------------------------------------------------------------------

const pairKey = (httpStatus: number, caseCode: string): string => `${httpStatus}-${caseCode}`;

const SNAP_PAIRS: ReadonlyMap<string, KkiErrorCode | null> = new Map(
  SNAP_STANDARD_CODES.map((r) => [pairKey(r.httpStatus, r.caseCode), r.kkiErrorCode] as const),
);

/** Whether a service's errors follow the KKI case list (see {@link KKI_SERVICE_CODES}). */
export function isKkiService(serviceCode: string): boolean {
  return KKI_SERVICE_CODES.includes(serviceCode);
}

/**
 * Reads a SNAP `responseCode` (§6.1) as a kit error code.
 *
 * - Any 2xx → `null`: not an error (202 "in progress" is a pending state for the caller to handle).
 * - KKI services ({@link KKI_SERVICE_CODES}): a case of seed 001's table means what the table says
 *   whatever the HTTP status (`4030108` is "No Card Record", `4000101` a duplicate), in the
 *   service's reading ({@link KKI_CASE_CODES}); answers of the SNAP layer (B2B token, 409-00, 429, 504)
 *   and cases outside the table are read by the SNAP table.
 * - Other services: the SNAP table (§6.3).
 * - Anything else (unknown pair, malformed code) → `'unknown_doku_error'`; never throws.
 *
 * KKI case 00 is "General / Format Error": given DOKU's `responseMessage`, SNAP's wording
 * ("Invalid Field Format {field}", "Invalid Mandatory Field {field}") tells a field error apart.
 */
export function kkiErrorFromSnap(responseCode: string, responseMessage?: string): KkiErrorCode | null {
  const parsed = parseSnapResponseCode(responseCode);
  if (!parsed) return 'unknown_doku_error';
  const { httpStatus, serviceCode, caseCode } = parsed;
  if (httpStatus >= 200 && httpStatus < 300) return null;
  if (
    httpStatus >= 400 &&
    isKkiService(serviceCode) &&
    isKkiCase(caseCode) &&
    !SNAP_LAYER(httpStatus, caseCode)
  ) {
    const info = KKI_CASE_CODES[caseCode];
    const code = info.byService[serviceCode] ?? info.kkiErrorCode;
    return code === 'bad_request' ? (fieldErrorOf(responseMessage) ?? code) : code;
  }
  return SNAP_PAIRS.get(pairKey(httpStatus, caseCode)) ?? 'unknown_doku_error';
}

/**
 * DOKU request fields → kit form fields, for SNAP messages such as "Invalid Field Format {field}"
 * (§6.3; names from §5 and seed 001; the wording is a guess, see {@link FIELD_ERROR}).
 */
const DOKU_FIELDS: Readonly<Record<string, KkiField>> = {
  bankcardno: 'cardNumber',
  carddata: 'cardNumber',
  expirydate: 'expiryDate',
  chargetoken: 'ott',
  ott: 'ott',
  otp: 'otp',
  phoneno: 'phone',
  email: 'email',
  customername: 'cardholderName',
  amount: 'amount',
  'amount.value': 'amount',
  'refundamount.value': 'amount',
  idcard: 'idCard',
  dateofbirth: 'dateOfBirth',
  address: 'address',
  country: 'country',
};

const FIELD_MESSAGE = new RegExp(
  `^(?:${FORMAT}|${MANDATORY})\\s*[[({]?\\s*(\\w+(?:\\.\\w+)*)\\s*[\\])}]?\\.?$`,
  'i',
);

/**
 * Finds the form field a SNAP `responseMessage` complains about, e.g.
 * `"Invalid Field Format additionalInfo.email"` → `'email'`. `undefined` when the message names no
 * field the shopper can see (the raw DOKU name is never shown).
 */
export function kkiFieldFromSnapMessage(responseMessage: string): KkiField | undefined {
  if (typeof responseMessage !== 'string') return undefined;
  const name = FIELD_MESSAGE.exec(responseMessage.trim())?.[1]?.toLowerCase();
  if (!name) return undefined;
  const withoutWrapper = name.replace(/^additionalinfo\./, '');
  return (
    DOKU_FIELDS[name] ?? DOKU_FIELDS[withoutWrapper] ?? DOKU_FIELDS[withoutWrapper.split('.').pop() ?? '']
  );
}

// ---------------------------------------------------------------------------------------------------
// Non-SNAP Cards (§7)
// ---------------------------------------------------------------------------------------------------

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
