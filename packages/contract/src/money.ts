/**
 * Indonesian rupiah helpers. The kit keeps every amount as a whole number of rupiah in a JS
 * `number`: IDR has no minor unit in practice, SNAP writes amounts as strings with two decimals
 * (`"10000.00"`, doku-api.md §2.1/§5) and Non-SNAP writes plain integers (`90000`, §7.1).
 */
import { SNAP_AMOUNT_PATTERN } from '@kki-kit/doku/codes';
import type { KkiLocale } from './locale.js';

/**
 * Largest amount the kit accepts: `Number.MAX_SAFE_INTEGER` (9 007 199 254 740 991).
 *
 * DOKU's SNAP pattern allows up to 16 integer digits (9 999 999 999 999 999), but a JS number cannot
 * hold integers above 2^53 − 1 exactly (`9999999999999999` reads back as `10000000000000000`), so
 * the safe-integer limit is the binding one. Both limits are far above any real payment.
 */
export const MAX_RUPIAH: number = Number.MAX_SAFE_INTEGER;

// DOKU's pattern for a SNAP `amount.value` is DOKU's; the contract's amounts follow it.
export { SNAP_AMOUNT_PATTERN };

/** Why an amount was rejected. */
export type MoneyErrorCode =
  /** Not a number at all (wrong type, or `NaN`). */
  | 'not_a_number'
  /** `Infinity` or `-Infinity`. */
  | 'not_finite'
  /** Has a fractional part (`1.5`); rupiah amounts are whole. */
  | 'not_integer'
  /** Below zero. */
  | 'negative'
  /** Above {@link MAX_RUPIAH}, or more than 16 integer digits in a SNAP string. */
  | 'too_large'
  /** A string that is not a SNAP amount (`"1e3"`, `"010.00"`, `"10000.5"`, `" 1.00"`). */
  | 'malformed'
  /** A well-formed SNAP string with non-zero decimals (`"10000.50"`): a fraction of a rupiah. */
  | 'fractional_rupiah';

/** An amount the money helpers refuse, with the reason in {@link MoneyError.code}. */
export class MoneyError extends Error {
  /** Why the amount was rejected. */
  readonly code: MoneyErrorCode;

  /** @param code why the amount was rejected; @param message a developer-facing explanation. */
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}

/** What makes `value` no whole, non-negative, safe number of rupiah, or `null` when it is one. */
function rupiahProblemCode(value: unknown): MoneyErrorCode | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'not_a_number';
  if (!Number.isFinite(value)) return 'not_finite';
  if (!Number.isInteger(value)) return 'not_integer';
  if (value < 0) return 'negative';
  return value > MAX_RUPIAH ? 'too_large' : null;
}

/** {@link rupiahProblemCode} as an error whose message says what was expected. */
function rupiahProblem(value: unknown): MoneyError | null {
  const code = rupiahProblemCode(value);
  if (code === null) return null;
  const expected: { readonly [C in MoneyErrorCode]?: string } = {
    not_a_number: 'a number of rupiah',
    not_finite: 'a finite amount',
    not_integer: 'whole rupiah',
    negative: 'a non-negative amount',
    too_large: `at most ${MAX_RUPIAH}`,
  };
  return new MoneyError(code, `expected ${expected[code]}, got ${describe(value)}`);
}

// Short, bounded description for error messages; amounts are not secrets but strings may be long.
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

/** Whether `value` is a whole, non-negative number of rupiah no larger than {@link MAX_RUPIAH}. */
export function isRupiah(value: unknown): value is number {
  return rupiahProblem(value) === null;
}

/**
 * Asserts that `value` is a whole, non-negative number of rupiah no larger than {@link MAX_RUPIAH}.
 * Zero passes: it is a valid amount on the wire (a fully refunded balance); charges use
 * {@link rupiahSchema}, which requires a positive amount.
 *
 * @throws MoneyError with `not_a_number`, `not_finite`, `not_integer`, `negative` or `too_large`.
 */
export function assertRupiah(value: unknown): asserts value is number {
  const problem = rupiahProblem(value);
  if (problem) throw problem;
}

/**
 * Rupiah → SNAP amount string: `10000` → `"10000.00"`.
 *
 * @throws MoneyError as {@link assertRupiah}.
 */
export function toSnapAmount(rupiah: number): string {
  assertRupiah(rupiah);
  // String() of a safe integer never uses exponent notation; `|| 0` turns -0 into 0.
  return `${String(rupiah || 0)}.00`;
}

/**
 * SNAP amount string → rupiah: `"10000.00"` → `10000` (`"10000"` without decimals is also DOKU's
 * pattern and is accepted).
 *
 * @throws MoneyError `not_a_number` (not a string), `negative` (`"-1.00"`), `malformed` (anything
 *   outside {@link SNAP_AMOUNT_PATTERN}: `"1e3"`, `"010.00"`, `"10000.5"`, whitespace), `too_large`
 *   (more than 16 integer digits, or above {@link MAX_RUPIAH}), `fractional_rupiah` (`"10000.50"`).
 */
export function parseSnapAmount(value: string): number {
  if (typeof value !== 'string') {
    throw new MoneyError('not_a_number', `expected a SNAP amount string, got ${describe(value)}`);
  }
  // Checked before the pattern so the reason is precise; the pattern would reject these too.
  if (/^-\d/.test(value)) throw new MoneyError('negative', `SNAP amount ${describe(value)} is negative`);
  const match = /^(0|[1-9]\d*)(?:\.(\d{2}))?$/.exec(value);
  const whole = match?.[1];
  if (!match || whole === undefined) {
    throw new MoneyError('malformed', `${describe(value)} is not a SNAP amount like "10000.00"`);
  }
  if (whole.length > 16) {
    throw new MoneyError('too_large', `SNAP amount ${describe(value)} has over 16 digits`);
  }
  const cents = match[2];
  if (cents !== undefined && cents !== '00') {
    throw new MoneyError('fractional_rupiah', `SNAP amount ${describe(value)} has a fraction of a rupiah`);
  }
  const rupiah = Number(whole);
  // Any digit string above 2^53 - 1 converts to a number >= 2^53, which is not a safe integer.
  if (!Number.isSafeInteger(rupiah)) {
    throw new MoneyError('too_large', `SNAP amount ${describe(value)} is above ${MAX_RUPIAH}`);
  }
  return rupiah;
}

/**
 * Rupiah → Non-SNAP amount (`order.amount`, `refund.amount`): the same whole number, checked.
 *
 * @throws MoneyError as {@link assertRupiah}.
 */
export function toNonSnapAmount(rupiah: number): number {
  assertRupiah(rupiah);
  return rupiah || 0;
}

/**
 * Non-SNAP amount from a DOKU body → rupiah. Rejects fractions, strings and the rest, as
 * {@link assertRupiah}.
 *
 * @throws MoneyError as {@link assertRupiah}.
 */
export function parseNonSnapAmount(value: unknown): number {
  assertRupiah(value);
  return value || 0;
}

// Thousands grouping by hand, so output is identical in every runtime whatever ICU data it ships.
function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Formats whole rupiah for display: `id` → `"Rp 150.000"`, `en` → `"IDR 150,000"`, with a regular
 * space and no decimals. Negative amounts (e.g. a refund line) get a leading minus: `"-Rp 5.000"`.
 * Deterministic: does not use `Intl`, whose output (and non-breaking spaces) vary with ICU data.
 *
 * @throws MoneyError `not_a_number`, `not_finite`, `not_integer` or `too_large` (beyond ±{@link MAX_RUPIAH}).
 */
export function formatIdr(amount: number, locale: KkiLocale): string {
  // The code alone, with a plain message: the wording of every problem stays out of browser bundles,
  // which format amounts the BFF already checked.
  const problem = rupiahProblemCode(typeof amount === 'number' ? Math.abs(amount) : amount);
  if (problem) throw new MoneyError(problem, `formatIdr cannot format ${String(amount)} (${problem})`);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount));
  return locale === 'en'
    ? `${sign}IDR ${groupThousands(digits, ',')}`
    : `${sign}Rp ${groupThousands(digits, '.')}`;
}
