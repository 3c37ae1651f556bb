/**
 * DOKU's KKI case codes (§5.10, seed 001) and the services whose errors follow them. Read by
 * `kkiErrorFromSnap` in `doku-mapping.ts`; the sandbox and Storybook enumerate the table.
 */
import { KKI_CASE_SERVICE_CODES, SNAP_SERVICE_CODES } from '../response-code.js';
import type { KkiErrorCode } from './codes.js';

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
 * `KKI_CASE_HTTP_STATUS` in `@kki-kit/doku`'s open questions; the kit does not read it.) Answers
 * of the SNAP layer are read by SNAP's table instead, and so is case 00 at a 5xx, DOKU's own failure
 * (`SNAP_LAYER_ANSWERS`). The sandbox and Storybook enumerate this table.
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
export const KKI_SERVICE_CODES: readonly string[] = KKI_CASE_SERVICE_CODES;

/**
 * HTTP statuses seed 001 documents an `ErrorResponse` for on the KKI services (binding lists all
 * six; unbinding the same without 409). Storybook shows a KKI case at each.
 */
export const KKI_ERROR_HTTP_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 500];

/** Whether a service's errors follow the KKI case list (see {@link KKI_SERVICE_CODES}). */
export function isKkiService(serviceCode: string): boolean {
  return KKI_SERVICE_CODES.includes(serviceCode);
}

/** Whether a case code is in DOKU's KKI table. */
export const isKkiCase = (caseCode: string): caseCode is KkiCaseCode =>
  Object.hasOwn(KKI_CASE_CODES, caseCode);
