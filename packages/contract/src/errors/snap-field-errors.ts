/**
 * SNAP's wording of field errors ("Invalid Field Format {field}", "Invalid Mandatory Field {field}",
 * §6.3): which kind of field error a message names, and which form field. The wording is a guess,
 * `SNAP_FIELD_ERROR_WORDING` in `@kki-kit/doku/open-questions`.
 */
import { SNAP_FIELD_ERROR_WORDING } from '@kki-kit/doku/open-questions';
import type { KkiErrorCode } from './codes.js';
import type { KkiField } from './fields.js';

// Plain words, so no regex escaping is needed.
const FORMAT = SNAP_FIELD_ERROR_WORDING.format.toLowerCase();
const MANDATORY = SNAP_FIELD_ERROR_WORDING.mandatory.toLowerCase();
const FIELD_ERROR = new RegExp(`^(${FORMAT}|${MANDATORY})\\b`, 'i');

/** The field error SNAP's wording names in a message, if any. */
export function fieldErrorOf(message: string | undefined): KkiErrorCode | undefined {
  if (typeof message !== 'string') return undefined;
  const kind = FIELD_ERROR.exec(message.trim())?.[1]?.toLowerCase();
  if (kind === FORMAT) return 'invalid_field_format';
  if (kind === MANDATORY) return 'missing_mandatory_field';
  return undefined;
}

/**
 * DOKU request fields → kit form fields, for SNAP messages such as "Invalid Field Format {field}"
 * (§6.3; names from §5 and seed 001; the wording is a guess, see `SNAP_FIELD_ERROR_WORDING`).
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
