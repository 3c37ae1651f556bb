import { describe, expect, it } from 'vitest';
import { formatSnapResponseCode, parseSnapResponseCode, SNAP_SERVICE_CODES } from '../src/index.js';

describe('parseSnapResponseCode', () => {
  it('splits a 7-digit code into HTTP status, service and case', () => {
    expect(parseSnapResponseCode('4030105')).toEqual({ httpStatus: 403, serviceCode: '01', caseCode: '05' });
    expect(parseSnapResponseCode('2007300')).toEqual({ httpStatus: 200, serviceCode: '73', caseCode: '00' });
    expect(parseSnapResponseCode('5045400')).toEqual({ httpStatus: 504, serviceCode: '54', caseCode: '00' });
  });

  it.each([
    ['empty', ''],
    ['six digits (DOKU documents String(6))', '403010'],
    ['eight digits', '40301050'],
    ['letters', '40301AB'],
    ['leading space', ' 4030105'],
    ['trailing newline', '4030105\n'],
    ['sign', '+403010'],
    ['decimal point', '403.105'],
    ['HTTP part below 100', '0990105'],
    ['HTTP part above 599', '6000105'],
    ['non-ASCII digits', '٤٠٣٠١٠٥'],
  ])('returns null for malformed input: %s', (_label, input) => {
    expect(parseSnapResponseCode(input)).toBeNull();
  });

  it('returns null for non-strings reaching it at runtime', () => {
    expect(parseSnapResponseCode(4030105 as unknown as string)).toBeNull();
    expect(parseSnapResponseCode(undefined as unknown as string)).toBeNull();
  });
});

describe('formatSnapResponseCode', () => {
  it('joins the parts and round-trips with the parser', () => {
    expect(formatSnapResponseCode(403, '01', '05')).toBe('4030105');
    expect(formatSnapResponseCode(200, SNAP_SERVICE_CODES.payment, '00')).toBe('2005400');
    const parsed = parseSnapResponseCode(formatSnapResponseCode(404, '54', '11'));
    expect(parsed).toEqual({ httpStatus: 404, serviceCode: '54', caseCode: '11' });
  });

  it.each([
    [99, '01', '05'],
    [600, '01', '05'],
    [403.5, '01', '05'],
    [Number.NaN, '01', '05'],
    [403, '1', '05'],
    [403, '001', '05'],
    [403, '01', 'x5'],
  ])('throws RangeError for (%s, %j, %j)', (http, service, kase) => {
    expect(() => formatSnapResponseCode(http, service, kase)).toThrow(RangeError);
  });
});

describe('SNAP_SERVICE_CODES', () => {
  it('names the service codes of doku-api.md §6.2 the kit uses', () => {
    expect(SNAP_SERVICE_CODES).toMatchObject({
      token: '73',
      cardBind: '01',
      otpVerify: '04',
      cardUnbind: '05',
      payment: '54',
      paymentStatus: '55',
      paymentNotify: '56',
      refund: '58',
    });
    for (const code of Object.values(SNAP_SERVICE_CODES)) expect(code).toMatch(/^\d{2}$/);
    expect(new Set(Object.values(SNAP_SERVICE_CODES)).size).toBe(Object.values(SNAP_SERVICE_CODES).length);
  });
});
