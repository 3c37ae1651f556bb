import { describe, expect, it } from 'vitest';
import {
  formatSnapResponseCode,
  isKkiService,
  KKI_CASE_CODES,
  KKI_ERROR_CATALOGUE,
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
    ['4035412', 'ott_expired'],
    ['4045411', 'invalid_cpan'], // §5.10 example
    ['4090100', 'duplicate_request'],
    ['4095400', 'duplicate_request'],
    ['4095401', 'duplicate_request'],
    ['4015402', 'invalid_ott'],
    ['5005402', 'issuer_unavailable'],
    ['4005400', 'bad_request'],
    ['5005400', 'doku_server_error'],
    ['4035403', 'suspected_fraud'],
    ['4035404', 'frequency_limit_exceeded'],
    ['4045408', 'no_card_record'],
    ['4045413', 'invalid_amount'],
    ['4035415', 'transaction_not_permitted'],
    ['5045400', 'doku_timeout'],
    ['4295400', 'rate_limited'],
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

  it.each(['', 'garbage', '403010', '40301055', 'null', '9990000', '3025400', '4035499', '4185400'])(
    'reads unknown or malformed %j as unknown_doku_error without throwing',
    (input) => {
      expect(kkiErrorFromSnap(input)).toBe('unknown_doku_error');
    },
  );

  it('survives non-string input at runtime', () => {
    expect(kkiErrorFromSnap(undefined as unknown as string)).toBe('unknown_doku_error');
    expect(kkiErrorFromSnap({} as unknown as string)).toBe('unknown_doku_error');
  });

  it('applies the KKI list only to KKI services; others follow the SNAP table', () => {
    expect(isKkiService(SNAP_SERVICE_CODES.payment)).toBe(true);
    expect(isKkiService(SNAP_SERVICE_CODES.token)).toBe(false);
    // 401-02: "Invalid OTT" on a KKI payment, "Invalid Customer Token" elsewhere.
    expect(kkiErrorFromSnap('4015402')).toBe('invalid_ott');
    expect(kkiErrorFromSnap('4017402')).toBe('invalid_customer_token');
    // 403-12: the bank-app code on KKI services, the SMS code in the standard.
    expect(kkiErrorFromSnap('4035812')).toBe('ott_expired');
    expect(kkiErrorFromSnap('4038112')).toBe('otp_expired');
    // 404-08: KKI's "No Card Record" vs the standard's "Invalid Merchant".
    expect(kkiErrorFromSnap('4045508')).toBe('no_card_record');
    expect(kkiErrorFromSnap('4047408')).toBe('invalid_merchant');
    // Token service errors (§1.4).
    expect(kkiErrorFromSnap('4017300')).toBe('unauthorized_signature');
    expect(kkiErrorFromSnap('4017301')).toBe('invalid_access_token');
    expect(kkiErrorFromSnap('4007301')).toBe('invalid_field_format');
  });

  it('falls back to the SNAP table for KKI services when the pair is not a KKI one', () => {
    expect(kkiErrorFromSnap('4035407')).toBe('card_blocked');
    expect(kkiErrorFromSnap('4035408')).toBe('card_expired');
    expect(kkiErrorFromSnap('4045501')).toBe('transaction_not_found');
    expect(kkiErrorFromSnap('4005401')).toBe('invalid_field_format');
    expect(kkiErrorFromSnap('4005402')).toBe('missing_mandatory_field');
    expect(kkiErrorFromSnap('4015401')).toBe('invalid_access_token');
  });

  it('applies the per-service readings for binding and OTP verification', () => {
    expect(kkiErrorFromSnap('4090101')).toBe('card_already_bound');
    expect(kkiErrorFromSnap('4090501')).toBe('duplicate_request');
    expect(kkiErrorFromSnap('4030412')).toBe('otp_expired');
    expect(kkiErrorFromSnap('4010402')).toBe('invalid_otp');
    expect(kkiErrorFromSnap('4040415')).toBe('invalid_otp');
  });

  it('agrees with KKI_CASE_CODES for every KKI service and reading', () => {
    const services = [SNAP_SERVICE_CODES.cardUnbind, SNAP_SERVICE_CODES.payment, SNAP_SERVICE_CODES.refund];
    for (const service of services) {
      for (const [kase, info] of Object.entries(KKI_CASE_CODES)) {
        for (const r of [info, ...info.alternates]) {
          expect(kkiErrorFromSnap(formatSnapResponseCode(r.httpStatus, service, kase))).toBe(r.kkiErrorCode);
        }
      }
    }
  });

  it('agrees with SNAP_STANDARD_CODES for a non-KKI service', () => {
    for (const r of SNAP_STANDARD_CODES) {
      expect(
        kkiErrorFromSnap(formatSnapResponseCode(r.httpStatus, SNAP_SERVICE_CODES.token, r.caseCode)),
      ).toBe(r.kkiErrorCode);
    }
  });

  it('keeps KKI readings consistent with the SNAP table where the pair means the same thing', () => {
    const standard = new Map(
      SNAP_STANDARD_CODES.map((r) => [`${r.httpStatus}-${r.caseCode}`, r.kkiErrorCode]),
    );
    // Pairs where KKI's meaning is deliberately narrower or different (documented in doku-mapping.ts).
    const differs = new Set(['401-02', '403-12', '404-08']);
    for (const [kase, info] of Object.entries(KKI_CASE_CODES)) {
      for (const r of [info, ...info.alternates]) {
        const key = `${r.httpStatus}-${kase}`;
        if (!differs.has(key)) expect(r.kkiErrorCode, key).toBe(standard.get(key));
      }
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
