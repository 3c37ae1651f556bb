import { describe, expect, it } from 'vitest';
import {
  isKkiErrorShape,
  apiErrorBodySchema,
  createKkiError,
  getErrorCopy,
  isKkiError,
  KKI_ERROR_CATALOGUE,
  KKI_ERROR_CODES,
  kkiErrorFromApiErrorBody,
  kkiErrorFromSnapResponse,
  toApiErrorBody,
} from '../src/index.js';

describe('createKkiError', () => {
  it('defaults to Indonesian copy and the catalogue status and retry flag', () => {
    const error = createKkiError('do_not_honor');
    expect(error).toEqual({
      code: 'do_not_honor',
      message: 'Kartu Anda ditolak oleh bank penerbit. Coba kartu lain atau hubungi bank Anda.',
      retryable: false,
      httpStatus: 402,
    });
  });

  it('uses the requested locale and keeps DOKU code and field', () => {
    const error = createKkiError('insufficient_funds', { locale: 'en', dokuResponseCode: '4035414' });
    expect(error.message).toBe(KKI_ERROR_CATALOGUE.insufficient_funds.copy.en);
    expect(error.dokuResponseCode).toBe('4035414');
    expect(error).not.toHaveProperty('field');
  });

  it("points at the catalogue's field unless the caller names one", () => {
    expect(createKkiError('invalid_cpan').field).toBe('cardNumber');
    expect(createKkiError('ott_expired').field).toBe('ott');
    expect(createKkiError('invalid_cpan', { field: 'expiryDate' }).field).toBe('expiryDate');
  });

  it('names a known field in field-aware copy, in both languages', () => {
    expect(createKkiError('invalid_field_format', { field: 'phone', locale: 'en' }).message).toBe(
      "Your phone number isn't in the right format. Check it and try again.",
    );
    expect(createKkiError('missing_mandatory_field', { field: 'cardNumber' }).message).toBe(
      'Mohon isi nomor kartu Anda.',
    );
    expect(createKkiError('validation_failed', { field: 'email' }).message).toBe(
      'Periksa kembali alamat email Anda.',
    );
  });

  it('falls back to general copy for field names the shopper would not understand', () => {
    const error = createKkiError('invalid_field_format', { field: 'additionalInfo.channel' });
    expect(error.message).toBe(KKI_ERROR_CATALOGUE.invalid_field_format.copy.id);
    expect(error.field).toBe('additionalInfo.channel');
  });

  it('builds a valid error for every code in every locale', () => {
    for (const code of KKI_ERROR_CODES) {
      for (const locale of ['id', 'en'] as const) {
        const error = createKkiError(code, { locale, field: 'cardNumber' });
        expect(isKkiError(error)).toBe(true);
        expect(error.message).not.toContain('{field}');
      }
    }
  });
});

describe('getErrorCopy', () => {
  it('returns catalogue copy, with overrides winning per code and locale', () => {
    const overrides = { do_not_honor: { id: 'Bank menolak kartu ini.' } };
    expect(getErrorCopy('do_not_honor', 'id', overrides)).toBe('Bank menolak kartu ini.');
    expect(getErrorCopy('do_not_honor', 'en', overrides)).toBe(KKI_ERROR_CATALOGUE.do_not_honor.copy.en);
    expect(getErrorCopy('card_blocked', 'id', overrides)).toBe(KKI_ERROR_CATALOGUE.card_blocked.copy.id);
  });

  it('ignores empty overrides', () => {
    expect(getErrorCopy('card_blocked', 'en', { card_blocked: { en: '' } })).toBe(
      KKI_ERROR_CATALOGUE.card_blocked.copy.en,
    );
  });

  it('passes overrides through createKkiError', () => {
    const error = createKkiError('rate_limited', {
      locale: 'en',
      overrides: { rate_limited: { en: 'Slow down.' } },
    });
    expect(error.message).toBe('Slow down.');
  });
});

describe('kkiErrorFromSnapResponse', () => {
  it('builds an error with the DOKU code and the field named in the message', () => {
    const error = kkiErrorFromSnapResponse(
      { responseCode: '4005400', responseMessage: 'Invalid Field Format bankCardNo' },
      { locale: 'en' },
    );
    expect(error).toEqual({
      code: 'invalid_field_format',
      message: "Your card number isn't in the right format. Check it and try again.",
      retryable: true,
      httpStatus: 400,
      dokuResponseCode: '4005400',
      field: 'cardNumber',
    });
  });

  it("tells a format from a general error in KKI case 00 by DOKU's message", () => {
    const mandatory = { responseCode: '4000100', responseMessage: 'Invalid Mandatory Field custIdMerchant' };
    expect(kkiErrorFromSnapResponse(mandatory)?.code).toBe('missing_mandatory_field');
    expect(
      kkiErrorFromSnapResponse({ responseCode: '4000100', responseMessage: 'General Error' })?.code,
    ).toBe('bad_request');
    // At a 5xx, case 00 is DOKU's own failure, whatever the message: nothing for the shop to mend.
    expect(
      kkiErrorFromSnapResponse({ responseCode: '5000100', responseMessage: 'Invalid Field Format x' })?.code,
    ).toBe('doku_server_error');
  });

  it('returns null for success and an unknown error for garbage', () => {
    expect(kkiErrorFromSnapResponse({ responseCode: '2005400', responseMessage: 'Successful' })).toBeNull();
    expect(kkiErrorFromSnapResponse({ responseCode: 'oops' })?.code).toBe('unknown_doku_error');
  });
});

describe('apiErrorBodySchema', () => {
  it('round-trips a KkiError through the wire body', () => {
    const error = createKkiError('invalid_cpan', { locale: 'en', dokuResponseCode: '4045411' });
    const body = toApiErrorBody(error, 'req_123');
    expect(body).toEqual({
      error: {
        code: 'invalid_cpan',
        message: error.message,
        retryable: true,
        dokuResponseCode: '4045411',
        field: 'cardNumber',
        requestId: 'req_123',
      },
    });
    expect(apiErrorBodySchema.parse(JSON.parse(JSON.stringify(body)))).toEqual(body);
    // The answering request's id is kept, for support.
    expect(kkiErrorFromApiErrorBody(body, 422)).toEqual({ ...error, requestId: 'req_123' });
  });

  it('carries a refusal reason alone, or with the open payment, never a half open payment', () => {
    const ok = (details: unknown) =>
      apiErrorBodySchema.safeParse({
        error: { code: 'csrf_rejected', message: 'x', retryable: true, details },
      }).success;
    expect(ok({ reason: 'missing X-KKI-Request' })).toBe(true);
    expect(ok({ paymentId: 'pay_test0001', method: 'kki', reason: 'open' })).toBe(true);
    expect(ok({ paymentId: 'pay_test0001', reason: 'open' })).toBe(false);
    expect(ok({})).toBe(false);
    const shaped = { ...createKkiError('csrf_rejected'), details: { reason: 'r' }, requestId: 'abc' };
    expect(isKkiErrorShape(shaped)).toBe(true);
    expect(isKkiErrorShape({ ...shaped, requestId: 5 })).toBe(false);
    expect(isKkiErrorShape({ ...shaped, details: { reason: 'r', method: 'kki' } })).toBe(false);
  });

  it('omits absent optional members rather than sending undefined', () => {
    const body = toApiErrorBody(createKkiError('internal_error'));
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'retryable']);
  });

  it('rejects unknown codes and malformed bodies', () => {
    expect(
      apiErrorBodySchema.safeParse({ error: { code: 'nope', message: 'x', retryable: false } }).success,
    ).toBe(false);
    expect(apiErrorBodySchema.safeParse({ error: { code: 'internal_error', message: 'x' } }).success).toBe(
      false,
    );
    expect(kkiErrorFromApiErrorBody('<html></html>', 502)).toBeNull();
  });

  it('carries an unknown outcome both ways, and only as true', () => {
    const body = toApiErrorBody({ ...createKkiError('doku_unavailable'), outcomeUnknown: true });
    expect(body.error.outcomeUnknown).toBe(true);
    expect(kkiErrorFromApiErrorBody(body, 503)?.outcomeUnknown).toBe(true);
    expect(
      apiErrorBodySchema.safeParse({
        error: { code: 'internal_error', message: 'x', retryable: true, outcomeUnknown: false },
      }).success,
    ).toBe(false);
  });

  it("uses the catalogue's status when the response status is unknown", () => {
    const body = toApiErrorBody(createKkiError('rate_limited'));
    expect(kkiErrorFromApiErrorBody(body)?.httpStatus).toBe(429);
  });
});

describe('isKkiError', () => {
  it('tells errors from look-alikes', () => {
    expect(isKkiError(createKkiError('forbidden'))).toBe(true);
    expect(isKkiError({ code: 'forbidden', message: 'x', retryable: false })).toBe(false);
    expect(isKkiError({ code: 'made_up', message: 'x', retryable: false, httpStatus: 400 })).toBe(false);
    expect(isKkiError(new Error('x'))).toBe(false);
    expect(isKkiError(null)).toBe(false);
  });
});
