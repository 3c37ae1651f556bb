/**
 * SNAP `responseCode` = HTTP status (3 digits) + service code (2) + case code (2), e.g. `4030105`
 * (doku-api.md §6.1). This module only splits and joins codes; what a code means to the kit lives in
 * `@kki-kit/contract` (`errors/doku-mapping.ts`). It reads only the open questions (constants that
 * depend on nothing): browser bundles reach it through `@kki-kit/doku/codes`.
 */
import { KKI_CASE_TABLE_SERVICES } from './open-questions.js';

/** A SNAP `responseCode` split into its three parts. */
export interface SnapResponseCode {
  /** HTTP status DOKU answered with, e.g. `403`. */
  readonly httpStatus: number;
  /** Two-digit service code naming the API, e.g. `"01"` for card binding (see {@link SNAP_SERVICE_CODES}). */
  readonly serviceCode: string;
  /** Two-digit case code, read together with the HTTP status, e.g. `"05"`. */
  readonly caseCode: string;
}

/** SNAP service codes the kit calls or receives, by name (doku-api.md §6.2). */
export const SNAP_SERVICE_CODES = {
  /** B2B access token, `POST /authorization/v1/access-token/b2b`. */
  token: '73',
  /** B2B2C (customer) access token; listed because KKI payment may send `Authorization-Customer`. */
  tokenB2b2c: '74',
  /** Card registration (binding), `registration-card-bind`. */
  cardBind: '01',
  /** OTP verification after an H2H binding, `otp-verification`. */
  otpVerify: '04',
  /** Card unbinding, `registration-card-unbind`. */
  cardUnbind: '05',
  /** Direct-debit payment, `debit/payment-host-to-host`. */
  payment: '54',
  /** Payment status, `debit/status`. */
  paymentStatus: '55',
  /** Payment notification DOKU sends to the merchant, `debit/notify`. */
  paymentNotify: '56',
  /** Payment cancel, `debit/cancel` (SNAP standard; not confirmed for KKI). */
  paymentCancel: '57',
  /** Refund, `debit/refund`. */
  refund: '58',
} as const;

/**
 * The service codes whose errors follow the KKI case table: binding and unbinding (seed 001) and the
 * KKI payment and refund (`KKI_CASE_TABLE_SERVICES`, an inference in the open questions).
 */
export const KKI_CASE_SERVICE_CODES: readonly string[] = KKI_CASE_TABLE_SERVICES.map(
  (name) => SNAP_SERVICE_CODES[name],
);

/** Name of a SNAP service the kit uses, e.g. `'cardBind'`. */
export type SnapServiceName = keyof typeof SNAP_SERVICE_CODES;

/** Two-digit code of a SNAP service the kit uses, e.g. `'01'`. */
export type SnapServiceCode = (typeof SNAP_SERVICE_CODES)[SnapServiceName];

// ASCII digits only; first digit 1-5 so the HTTP part is a real status class.
const RESPONSE_CODE = /^([1-5]\d{2})(\d{2})(\d{2})$/;
const TWO_DIGITS = /^\d{2}$/;

/**
 * Splits a 7-digit SNAP `responseCode`: `"4030105"` → `{ httpStatus: 403, serviceCode: "01", caseCode: "05" }`.
 *
 * Returns `null` for anything else (wrong length, non-digits, surrounding whitespace, an HTTP part
 * outside 100-599, or a non-string at runtime). `null` rather than a throw because the input comes
 * from DOKU, and callers map "unreadable" to a catalogue code instead of crashing.
 */
export function parseSnapResponseCode(code: string): SnapResponseCode | null {
  if (typeof code !== 'string') return null;
  const match = RESPONSE_CODE.exec(code);
  if (!match) return null;
  const [, http, serviceCode, caseCode] = match;
  if (http === undefined || serviceCode === undefined || caseCode === undefined) return null;
  return { httpStatus: Number(http), serviceCode, caseCode };
}

/**
 * Joins the three parts into a SNAP `responseCode`: `(403, "01", "05")` → `"4030105"`.
 *
 * @throws RangeError when `httpStatus` is not an integer in 100-599 or either code is not exactly two
 *   digits. The inputs come from our own code (the sandbox, tests), so a bad one is a bug worth a throw.
 */
export function formatSnapResponseCode(httpStatus: number, serviceCode: string, caseCode: string): string {
  if (!Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599) {
    throw new RangeError(`SNAP HTTP status must be an integer in 100-599, got ${String(httpStatus)}`);
  }
  if (!TWO_DIGITS.test(serviceCode)) {
    throw new RangeError(`SNAP service code must be two digits, got ${JSON.stringify(serviceCode)}`);
  }
  if (!TWO_DIGITS.test(caseCode)) {
    throw new RangeError(`SNAP case code must be two digits, got ${JSON.stringify(caseCode)}`);
  }
  return `${httpStatus}${serviceCode}${caseCode}`;
}

/** DOKU's pattern for a SNAP `amount.value`: up to 16 integer digits, optionally two decimals. */
export const SNAP_AMOUNT_PATTERN: RegExp = /^(0|[1-9]\d{0,15})(\.\d{2})?$/;
