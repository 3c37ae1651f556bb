/**
 * The SNAP standard response-code table (§6.3) and how the kit reads each row.
 */
import type { KkiErrorCode } from './codes.js';

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
