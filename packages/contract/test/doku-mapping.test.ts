import {
  KKI_CASE_TABLE_SERVICES,
  NON_SNAP_UNDOCUMENTED_ERROR_TYPES,
  SNAP_FIELD_ERROR_WORDING,
  SNAP_LAYER_ANSWERS,
} from '@kki-kit/doku/open-questions';
import { describe, expect, it } from 'vitest';
import {
  NON_SNAP_ERROR_CODES,
  formatSnapResponseCode,
  isKkiService,
  KKI_CASE_CODES,
  KKI_ERROR_CATALOGUE,
  KKI_SERVICE_CODES,
  kkiErrorFromNonSnap,
  kkiErrorFromSnap,
  kkiFieldFromSnapMessage,
  SNAP_SERVICE_CODES,
  SNAP_STANDARD_CODES,
} from '../src/index.js';

describe('kkiErrorFromSnap', () => {
  it.each([
    ['4030105', 'do_not_honor'], // binding declined by issuer (§5.10 example)
    ['4035405', 'do_not_honor'],
    ['4035414', 'insufficient_funds'],
    ['4035412', 'ott_expired_or_not_permitted'],
    ['4045411', 'invalid_cpan'], // §5.10 example
    ['4090100', 'duplicate_request'], // repeated X-EXTERNAL-ID (SNAP layer)
    ['4095400', 'duplicate_request'],
    ['4095401', 'duplicate_request'],
    ['4015402', 'ott_rejected'],
    ['5005402', 'ott_rejected'],
    ['4005400', 'bad_request'],
    ['5005400', 'doku_server_error'], // "General / Format Error": at a 5xx, DOKU's general error
    ['4010100', 'bad_request'],
    ['4035403', 'suspected_fraud'],
    ['4035404', 'frequency_limit_exceeded'],
    ['4045408', 'no_card_record'],
    ['4045413', 'invalid_amount'],
    ['4035415', 'transaction_not_permitted'],
    ['5045400', 'doku_timeout'],
    ['4295400', 'rate_limited'],
    ['4015401', 'invalid_access_token'], // the client fetches a new token on it
    ['4015403', 'invalid_access_token'],
  ])('reads %s as %s', (responseCode, expected) => {
    expect(kkiErrorFromSnap(responseCode)).toBe(expected);
  });

  it('treats a timeout as retryable', () => {
    const code = kkiErrorFromSnap('5045400');
    expect(code).toBe('doku_timeout');
    expect(KKI_ERROR_CATALOGUE.doku_timeout.retryable).toBe(true);
    expect(KKI_ERROR_CATALOGUE.do_not_honor.retryable).toBe(false);
  });

  it('returns null for any 2xx, including 202 in progress', () => {
    expect(kkiErrorFromSnap('2000100')).toBeNull();
    expect(kkiErrorFromSnap('2025400')).toBeNull();
    expect(kkiErrorFromSnap('2007300')).toBeNull();
  });

  it.each(['', 'garbage', '403010', '40301055', 'null', '9990000', '3025400', '4035499', '4187300'])(
    'reads unknown or malformed %j as unknown_doku_error without throwing',
    (input) => {
      expect(kkiErrorFromSnap(input)).toBe('unknown_doku_error');
    },
  );

  it('survives non-string input at runtime', () => {
    expect(kkiErrorFromSnap(undefined as unknown as string)).toBe('unknown_doku_error');
    expect(kkiErrorFromSnap({} as unknown as string)).toBe('unknown_doku_error');
  });

  it('applies the KKI table only to KKI services; others follow the SNAP table', () => {
    expect(isKkiService(SNAP_SERVICE_CODES.payment)).toBe(true);
    expect(isKkiService(SNAP_SERVICE_CODES.cardBind)).toBe(true);
    expect(isKkiService(SNAP_SERVICE_CODES.token)).toBe(false);
    expect(isKkiService(SNAP_SERVICE_CODES.otpVerify)).toBe(false);
    expect(isKkiService(SNAP_SERVICE_CODES.paymentStatus)).toBe(false);
    // 401-02: the KKI table's case 02 on a KKI payment, "Invalid Customer Token" elsewhere.
    expect(kkiErrorFromSnap('4015402')).toBe('ott_rejected');
    expect(kkiErrorFromSnap('4017402')).toBe('invalid_customer_token');
    // 403-12: the SMS code in the standard (OTP verification).
    expect(kkiErrorFromSnap('4030412')).toBe('otp_expired');
    expect(kkiErrorFromSnap('4010402')).toBe('invalid_customer_token');
    expect(kkiErrorFromSnap('4040415')).toBe('invalid_otp');
    // 404-08: KKI's "No Card Record" vs the standard's "Invalid Merchant".
    expect(kkiErrorFromSnap('4045408')).toBe('no_card_record');
    expect(kkiErrorFromSnap('4047408')).toBe('invalid_merchant');
    expect(kkiErrorFromSnap('4045501')).toBe('transaction_not_found');
    // Token service errors (§1.4).
    expect(kkiErrorFromSnap('4017300')).toBe('unauthorized_signature');
    expect(kkiErrorFromSnap('4017301')).toBe('invalid_access_token');
    expect(kkiErrorFromSnap('4007301')).toBe('invalid_field_format');
  });

  it('reads a KKI case by the seed 001 table whatever the HTTP status', () => {
    // Old HTTP-status pairing: 403-08 "Card Expired", 400-01 an invalid field. Seed 001: case 08 is
    // "Invalid Merchant / No Card Record", case 01 a duplicate.
    expect(kkiErrorFromSnap('4030108')).toBe('no_card_record');
    expect(kkiErrorFromSnap('4000101')).toBe('card_already_bound');
    expect(kkiErrorFromSnap('4005401')).toBe('duplicate_request');
    expect(kkiErrorFromSnap('4005402')).toBe('ott_rejected');
    for (const [kase, info] of Object.entries(KKI_CASE_CODES)) {
      for (const service of KKI_SERVICE_CODES) {
        const expected = info.byService[service] ?? info.kkiErrorCode;
        for (const status of [400, 403, 404, 500]) {
          // 500-00 is SNAP's General Error (SNAP_LAYER_ANSWERS), the one pair read otherwise.
          if (status === 500 && kase === '00') continue;
          expect(
            kkiErrorFromSnap(formatSnapResponseCode(status, service, kase)),
            `${status}${service}${kase}`,
          ).toBe(expected);
        }
      }
    }
  });

  it('reads the SNAP layer’s answers (open question SNAP_LAYER_ANSWERS) by the SNAP table on KKI services', () => {
    expect(KKI_SERVICE_CODES).toEqual(KKI_CASE_TABLE_SERVICES.map((name) => SNAP_SERVICE_CODES[name]));
    for (const service of KKI_SERVICE_CODES) {
      for (const status of SNAP_LAYER_ANSWERS.anyCase) {
        const snap = SNAP_STANDARD_CODES.find((r) => r.httpStatus === status)?.kkiErrorCode;
        expect(kkiErrorFromSnap(formatSnapResponseCode(status, service, '00'))).toBe(snap);
        // A KKI case at such a status is still the SNAP layer's (429-05 is no "Do Not Honor").
        expect(kkiErrorFromSnap(formatSnapResponseCode(status, service, '05'))).toBe('unknown_doku_error');
      }
      for (const [status, cases] of Object.entries(SNAP_LAYER_ANSWERS.pairs)) {
        for (const kase of cases) {
          const snap = SNAP_STANDARD_CODES.find(
            (r) => r.httpStatus === Number(status) && r.caseCode === kase,
          )?.kkiErrorCode;
          expect(kkiErrorFromSnap(formatSnapResponseCode(Number(status), service, kase))).toBe(snap);
        }
      }
    }
  });

  it('tells a KKI case-00 field error apart by SNAP’s wording (open question SNAP_FIELD_ERROR_WORDING)', () => {
    const { format, mandatory } = SNAP_FIELD_ERROR_WORDING;
    expect(kkiErrorFromSnap('4000100', `${format} bankCardNo`)).toBe('invalid_field_format');
    expect(kkiErrorFromSnap('4005400', `${mandatory.toUpperCase()} [phoneNo]`)).toBe(
      'missing_mandatory_field',
    );
    expect(kkiErrorFromSnap('4000100', 'General Error')).toBe('bad_request');
    expect(kkiFieldFromSnapMessage(`${mandatory} additionalInfo.email`)).toBe('email');
  });

  it('falls back to the SNAP table for KKI services for cases outside the KKI table', () => {
    expect(kkiErrorFromSnap('4035407')).toBe('card_blocked');
    expect(kkiErrorFromSnap('4045407')).toBe('journey_not_found');
    expect(kkiErrorFromSnap('4035416')).toBe('transaction_suspended');
  });

  it('gives each two-meaning case the reading that fits the flow', () => {
    // Case 12: an OTT is sent on binding and payment only.
    expect(kkiErrorFromSnap('4030112')).toBe('ott_expired_or_not_permitted');
    expect(kkiErrorFromSnap('4035412')).toBe('ott_expired_or_not_permitted');
    expect(kkiErrorFromSnap('4035812')).toBe('request_not_permitted');
    expect(kkiErrorFromSnap('4030512')).toBe('request_not_permitted');
    // Case 02: "Invalid OTT / External Server Error".
    expect(kkiErrorFromSnap('4010102')).toBe('ott_rejected');
    expect(kkiErrorFromSnap('5005802')).toBe('issuer_unavailable');
    expect(kkiErrorFromSnap('5000502')).toBe('issuer_unavailable');
    // Case 01 on binding is the duplicate token; elsewhere a duplicate transaction.
    expect(kkiErrorFromSnap('4090101')).toBe('card_already_bound');
    expect(kkiErrorFromSnap('4090501')).toBe('duplicate_request');
    // Case 08 on a refund names the payment, not a card.
    expect(kkiErrorFromSnap('4045808')).toBe('transaction_not_found');
  });

  it('agrees with SNAP_STANDARD_CODES for a non-KKI service', () => {
    for (const r of SNAP_STANDARD_CODES) {
      expect(
        kkiErrorFromSnap(formatSnapResponseCode(r.httpStatus, SNAP_SERVICE_CODES.token, r.caseCode)),
      ).toBe(r.kkiErrorCode);
    }
  });
});

describe('kkiFieldFromSnapMessage', () => {
  it.each([
    ['Invalid Field Format bankCardNo', 'cardNumber'],
    ['Invalid Mandatory Field [phoneNo]', 'phone'],
    ['Invalid Field Format {additionalInfo.email}', 'email'],
    ['Invalid Field Format amount.value', 'amount'],
    ['invalid mandatory field expiryDate.', 'expiryDate'],
  ])('%j → %s', (message, field) => {
    expect(kkiFieldFromSnapMessage(message)).toBe(field);
  });

  it.each(['Invalid Field Format partnerReferenceNo', 'Bad Request', '', 'Invalid Field Format'])(
    'names no shopper field for %j',
    (message) => {
      expect(kkiFieldFromSnapMessage(message)).toBeUndefined();
    },
  );
});

describe('kkiErrorFromNonSnap', () => {
  it('reads the documented INVALID_PARAMETER body (seed 002)', () => {
    const body = {
      errors: {
        code: 'INVALID_PARAMETER',
        message: 'Invalid Total Amount And Line Items',
        type: 'Invalid Parameter',
      },
    };
    expect(kkiErrorFromNonSnap(body)).toBe('invalid_amount');
  });

  it('reads other INVALID_PARAMETER messages as a field format problem', () => {
    const body = {
      errors: { code: 'INVALID_PARAMETER', message: 'customer.email is invalid', type: 'Invalid Parameter' },
    };
    expect(kkiErrorFromNonSnap(body)).toBe('invalid_field_format');
    expect(kkiErrorFromNonSnap({ errors: { code: 'INVALID_PARAMETER' } })).toBe('invalid_field_format');
  });

  it('reads every Non-SNAP code no source shows (open question NON_SNAP_UNDOCUMENTED_ERROR_TYPES)', () => {
    for (const [code, type] of Object.entries(NON_SNAP_UNDOCUMENTED_ERROR_TYPES)) {
      const info = NON_SNAP_ERROR_CODES[code];
      expect(info?.type, code).toBe(type);
      expect(kkiErrorFromNonSnap({ errors: { code, message: 'x', type } })).toBe(info?.kkiErrorCode);
    }
    expect(kkiErrorFromNonSnap({ errors: { code: 'INVALID_SIGNATURE' } })).toBe('unauthorized_signature');
    expect(kkiErrorFromNonSnap({ errors: { code: 'DUPLICATE_REQUEST_ID' } })).toBe('duplicate_request');
  });

  it('reads failure statuses from refund, token deletion and capture bodies (seed 003)', () => {
    expect(kkiErrorFromNonSnap({ refund: { amount: 10000, status: 'FAILED' } })).toBe('refund_failed');
    expect(kkiErrorFromNonSnap({ status: 'DELETE FAILED' })).toBe('card_removal_failed');
    expect(kkiErrorFromNonSnap({ payment: { type: 'CAPTURE', status: 'FAILED' } })).toBe('card_declined');
  });

  it('returns null for success bodies', () => {
    expect(kkiErrorFromNonSnap({ refund: { status: 'SUCCESS' } })).toBeNull();
    expect(kkiErrorFromNonSnap({ status: 'DELETE SUCCESS' })).toBeNull();
    expect(kkiErrorFromNonSnap({ credit_card_payment_page: { url: 'https://example.test' } })).toBeNull();
  });

  it.each([
    ['unknown code', { errors: { code: 'SOMETHING_NEW', message: 'x' } }],
    ['errors not an object', { errors: 'boom' }],
    ['errors without code', { errors: { message: 'x' } }],
    ['null', null],
    ['HTML string', '<html>502 Bad Gateway</html>'],
    ['array', []],
    ['number', 42],
  ])('reads %s as unknown_doku_error', (_label, body) => {
    expect(kkiErrorFromNonSnap(body)).toBe('unknown_doku_error');
  });
});
