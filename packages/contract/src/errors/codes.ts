import { KKI_ERROR_CATALOGUE } from './catalogue.js';

// The codes as a type: the list costs browser bundles nothing, and the runtime list below is the
// catalogue's keys (the catalogue is complete and has no extra key, checked by the compiler), so the
// ~80 code strings are written once, in the catalogue, not twice. Browser code reads codes without
// this list (`isKkiErrorShape`), so neither ships to the browser.
type KkiErrorCodeList = readonly [
  // Card declined or restricted by the issuer (SNAP 403-xx, KKI cases 03/04/05/12/14/15).
  'do_not_honor',
  'card_declined',
  'insufficient_funds',
  'suspected_fraud',
  'frequency_limit_exceeded',
  'amount_limit_exceeded',
  'account_limit_exceeded',
  'card_blocked',
  'card_expired',
  'card_inactive',
  'dormant_account',
  'transaction_not_permitted',
  'request_not_permitted',
  'transaction_suspended',
  // Saved-card (token) limits (SNAP 403-10/17/21/22).
  'token_limit_required',
  'token_limit_exceeded',
  'token_limit_invalid',
  'set_limit_not_allowed',
  // Card details the customer typed (KKI cases 02/08/11, SNAP 404-03/09/11).
  'invalid_cpan',
  'no_card_record',
  'no_issuer',
  'bank_not_supported',
  'card_already_bound',
  // One-time codes: the OTT from the bank app (KKI) and the OTP sent by SMS (SNAP 403-11/12/13, 404-06/15).
  'invalid_ott',
  'ott_expired',
  // KKI cases 02 and 12 on binding and payment: DOKU's table gives each two meanings (seed 001).
  'ott_rejected',
  'ott_expired_or_not_permitted',
  'invalid_otp',
  'otp_expired',
  'otp_blocked',
  'otp_required',
  'otp_not_requested',
  // The transaction's state (SNAP 403-00, 404-00/01/04/07/10/12/13/14/18/19, 405, 409).
  'payment_expired',
  'transaction_not_found',
  'transaction_cancelled',
  'invalid_transaction_status',
  'invalid_api_transition',
  'journey_not_found',
  'inconsistent_request',
  'invalid_amount',
  'invalid_bill',
  'already_paid',
  'duplicate_request',
  'function_not_supported',
  'operation_not_allowed',
  // Request format as DOKU saw it (SNAP 400-xx, Non-SNAP INVALID_PARAMETER).
  'bad_request',
  'invalid_field_format',
  'missing_mandatory_field',
  // The merchant's DOKU set-up or credentials (SNAP 401-xx, 403-01/19/20, 404-02/05/08/16/17).
  'unauthorized_signature',
  'invalid_access_token',
  'invalid_customer_token',
  'feature_not_allowed',
  'feature_unavailable_now',
  'merchant_blacklisted',
  'merchant_limit_exceeded',
  'merchant_not_registered',
  'invalid_merchant',
  'partner_not_found',
  'invalid_terminal',
  'invalid_routing',
  // DOKU or the issuer not answering properly (SNAP 429-00, 500-xx, 504-00).
  'rate_limited',
  'doku_server_error',
  'issuer_unavailable',
  'doku_timeout',
  'doku_unavailable',
  'doku_bad_response',
  'unknown_doku_error',
  // Non-SNAP outcomes reported as a status rather than an error body (seed 003).
  'refund_failed',
  'card_removal_failed',
  // The BFF's own decisions, before or after DOKU.
  'validation_failed',
  'idempotency_key_reused',
  'payment_in_progress',
  'order_payment_open',
  'not_found',
  'card_not_found',
  'forbidden',
  'unauthenticated',
  'merchant_unauthenticated',
  'csrf_rejected',
  'payload_too_large',
  'refund_exceeds_remaining',
  'refund_not_authorized',
  'payment_not_refundable',
  'internal_error',
];

/** One of {@link KKI_ERROR_CODES}, e.g. `'do_not_honor'`. */
export type KkiErrorCode = KkiErrorCodeList[number];

/**
 * Every error code the kit can report, BFF and React alike. DOKU's SNAP and Non-SNAP codes are
 * translated into these (see `doku-mapping.ts`); the BFF adds its own. Adding a code to the list
 * above makes the compiler demand a catalogue entry with copy in every locale.
 */
export const KKI_ERROR_CODES: KkiErrorCodeList = /* @__PURE__ */ Object.keys(
  KKI_ERROR_CATALOGUE,
) as unknown as KkiErrorCodeList;

/** Narrows an unknown value (e.g. a parsed response body) to a {@link KkiErrorCode}. */
export function isKkiErrorCode(value: unknown): value is KkiErrorCode {
  return typeof value === 'string' && (KKI_ERROR_CODES as readonly string[]).includes(value);
}
