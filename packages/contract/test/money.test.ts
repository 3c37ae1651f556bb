import { describe, expect, it } from 'vitest';
import {
  assertRupiah,
  formatIdr,
  isRupiah,
  MAX_RUPIAH,
  MoneyError,
  type MoneyErrorCode,
  parseNonSnapAmount,
  parseSnapAmount,
  rupiahSchema,
  SNAP_AMOUNT_PATTERN,
  snapAmountSchema,
  toNonSnapAmount,
  toSnapAmount,
  toSnapAmountObject,
} from '../src/index.js';

/** DOKU's largest SNAP amount (16 nines) as JS reads it; a literal would trip the precision lint. */
const DOKU_MAX = Number('9999999999999999');

/** Runs `fn` and returns the MoneyError code it throws (fails the test if it does not throw one). */
function moneyErrorCode(fn: () => unknown): MoneyErrorCode {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError);
    expect((error as MoneyError).name).toBe('MoneyError');
    return (error as MoneyError).code;
  }
  throw new Error('expected a MoneyError');
}

describe('MAX_RUPIAH', () => {
  it('is the safe-integer limit, below DOKU 16-digit limit which JS cannot represent', () => {
    expect(MAX_RUPIAH).toBe(Number.MAX_SAFE_INTEGER);
    // DOKU's largest value rounds when read into a number: this is why it cannot be the limit.
    expect(DOKU_MAX).toBe(10000000000000000);
    expect(Number.isSafeInteger(DOKU_MAX)).toBe(false);
    expect(DOKU_MAX).toBeGreaterThan(MAX_RUPIAH);
  });
});

describe('toSnapAmount', () => {
  it.each([
    [0, '0.00'],
    [1, '1.00'],
    [10000, '10000.00'],
    [150000, '150000.00'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991.00'],
  ])('%s → %s', (rupiah, snap) => {
    expect(toSnapAmount(rupiah)).toBe(snap);
    expect(snap).toMatch(SNAP_AMOUNT_PATTERN);
  });

  it('writes -0 as 0', () => {
    expect(toSnapAmount(-0)).toBe('0.00');
  });

  it.each([
    [-1, 'negative'],
    [1.5, 'not_integer'],
    [0.1, 'not_integer'],
    [Number.NaN, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_finite'],
    [Number.NEGATIVE_INFINITY, 'not_finite'],
    [DOKU_MAX, 'too_large'],
    [Number.MAX_SAFE_INTEGER + 1, 'too_large'],
    [1e21, 'too_large'],
  ])('rejects %s with %s', (rupiah, code) => {
    expect(moneyErrorCode(() => toSnapAmount(rupiah))).toBe(code);
  });

  it('rejects non-numbers reaching it at runtime', () => {
    expect(moneyErrorCode(() => toSnapAmount('10000' as unknown as number))).toBe('not_a_number');
  });
});

describe('parseSnapAmount', () => {
  it.each([
    ['0', 0],
    ['0.00', 0],
    ['1.00', 1],
    ['10000.00', 10000],
    ['10000', 10000],
    ['9007199254740991.00', Number.MAX_SAFE_INTEGER],
  ])('%j → %s', (snap, rupiah) => {
    expect(parseSnapAmount(snap)).toBe(rupiah);
  });

  it.each([
    ['10000.50', 'fractional_rupiah'],
    ['10000.01', 'fractional_rupiah'],
    ['10000.5', 'malformed'],
    ['10000.000', 'malformed'],
    ['010.00', 'malformed'],
    ['00', 'malformed'],
    ['1e3', 'malformed'],
    ['1,000.00', 'malformed'],
    ['10.000', 'malformed'],
    [' 100.00', 'malformed'],
    ['100.00 ', 'malformed'],
    ['+100.00', 'malformed'],
    ['.50', 'malformed'],
    ['', 'malformed'],
    ['NaN', 'malformed'],
    ['Infinity', 'malformed'],
    ['0x10', 'malformed'],
    ['١٠٠.٠٠', 'malformed'],
    ['-1.00', 'negative'],
    ['-0.00', 'negative'],
    ['9999999999999999.00', 'too_large'], // DOKU's pattern allows it; a JS number cannot hold it
    ['9007199254740992.00', 'too_large'],
    ['10000000000000000.00', 'too_large'], // 17 digits: beyond DOKU's pattern too
  ])('rejects %j with %s', (snap, code) => {
    expect(moneyErrorCode(() => parseSnapAmount(snap))).toBe(code);
  });

  it('rejects non-strings reaching it at runtime', () => {
    expect(moneyErrorCode(() => parseSnapAmount(10000 as unknown as string))).toBe('not_a_number');
  });

  it('round-trips with toSnapAmount', () => {
    for (const n of [0, 1, 999, 1000, 123456789, Number.MAX_SAFE_INTEGER]) {
      expect(parseSnapAmount(toSnapAmount(n))).toBe(n);
    }
  });
});

describe('Non-SNAP amounts', () => {
  it('passes whole rupiah through and rejects the rest', () => {
    expect(toNonSnapAmount(90000)).toBe(90000);
    expect(toNonSnapAmount(0)).toBe(0);
    expect(parseNonSnapAmount(90000)).toBe(90000);
    expect(moneyErrorCode(() => toNonSnapAmount(1.5))).toBe('not_integer');
    expect(moneyErrorCode(() => parseNonSnapAmount('90000'))).toBe('not_a_number');
    expect(moneyErrorCode(() => parseNonSnapAmount(-1))).toBe('negative');
    expect(moneyErrorCode(() => parseNonSnapAmount(null))).toBe('not_a_number');
  });
});

describe('assertRupiah / isRupiah', () => {
  it('accepts zero and whole positive amounts up to MAX_RUPIAH', () => {
    for (const n of [0, 1, 10000, MAX_RUPIAH]) {
      expect(() => assertRupiah(n)).not.toThrow();
      expect(isRupiah(n)).toBe(true);
    }
  });

  it('refuses everything else', () => {
    for (const v of [
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      MAX_RUPIAH + 1,
      '1',
      null,
      undefined,
      10n,
    ]) {
      expect(isRupiah(v)).toBe(false);
      expect(() => assertRupiah(v)).toThrow(MoneyError);
    }
  });
});

describe('rupiahSchema', () => {
  it.each([
    [1, true],
    [10000, true],
    [Number.MAX_SAFE_INTEGER, true],
    [0, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [DOKU_MAX, false],
    [Number.MAX_SAFE_INTEGER + 1, false],
    ['10000', false],
  ])('%s valid: %s', (value, valid) => {
    expect(rupiahSchema.safeParse(value).success).toBe(valid);
  });
});

describe('snapAmountSchema', () => {
  it('accepts whole-rupiah IDR amounts', () => {
    expect(snapAmountSchema.parse({ value: '10000.00', currency: 'IDR' })).toEqual({
      value: '10000.00',
      currency: 'IDR',
    });
    expect(toSnapAmountObject(150000)).toEqual({ value: '150000.00', currency: 'IDR' });
    expect(snapAmountSchema.safeParse(toSnapAmountObject(1)).success).toBe(true);
  });

  it.each([
    [{ value: '10000.50', currency: 'IDR' }],
    [{ value: '10000.5', currency: 'IDR' }],
    [{ value: '1e3', currency: 'IDR' }],
    [{ value: '010.00', currency: 'IDR' }],
    [{ value: '-1.00', currency: 'IDR' }],
    [{ value: '9999999999999999.00', currency: 'IDR' }],
    [{ value: 10000, currency: 'IDR' }],
    [{ value: '10000.00', currency: 'USD' }],
    [{ value: '10000.00' }],
  ])('rejects %j', (input) => {
    expect(snapAmountSchema.safeParse(input).success).toBe(false);
  });

  it('explains why a value was rejected', () => {
    const result = snapAmountSchema.safeParse({ value: '10000.50', currency: 'IDR' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['value']);
    expect(result.error?.issues[0]?.message).toMatch(/fraction of a rupiah/);
  });
});

describe('formatIdr', () => {
  it.each([
    [0, 'Rp 0', 'IDR 0'],
    [1, 'Rp 1', 'IDR 1'],
    [999, 'Rp 999', 'IDR 999'],
    [1000, 'Rp 1.000', 'IDR 1,000'],
    [10000, 'Rp 10.000', 'IDR 10,000'],
    [150000, 'Rp 150.000', 'IDR 150,000'],
    [1234567, 'Rp 1.234.567', 'IDR 1,234,567'],
    [Number.MAX_SAFE_INTEGER, 'Rp 9.007.199.254.740.991', 'IDR 9,007,199,254,740,991'],
    [-5000, '-Rp 5.000', '-IDR 5,000'],
    [-0, 'Rp 0', 'IDR 0'],
  ])('%s → %j / %j', (amount, id, en) => {
    expect(formatIdr(amount, 'id')).toBe(id);
    expect(formatIdr(amount, 'en')).toBe(en);
  });

  it('uses a regular space, not a non-breaking one', () => {
    expect(formatIdr(150000, 'id').charCodeAt(2)).toBe(0x20);
    expect(formatIdr(150000, 'en').charCodeAt(3)).toBe(0x20);
  });

  it.each([
    [1.5, 'not_integer'],
    [Number.NaN, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_finite'],
    [DOKU_MAX, 'too_large'],
    [-DOKU_MAX, 'too_large'],
  ])('rejects %s with %s', (amount, code) => {
    expect(moneyErrorCode(() => formatIdr(amount, 'id'))).toBe(code);
  });
});
