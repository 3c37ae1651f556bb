// Card-number display and checks for the CPAN field (the checks themselves live in the contract).
import {
  CPAN_MAX_LENGTH,
  CPAN_MIN_LENGTH,
  type KkiLocale,
  localErrorCopy,
  luhnValid,
} from '@kki-kit/contract';
import type { KkiSharedCopy } from '../copy/index.js';

/** Digits in groups of four: `9360 0002 1234 5678`. */
export function formatCpan(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Only the digits a customer typed, at most {@link CPAN_MAX_LENGTH}. */
export function cpanDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, CPAN_MAX_LENGTH);
}

/** Why `digits` is not a card number, as shopper copy, or `null` when it is one. */
export function cpanProblem(digits: string, copy: KkiSharedCopy, locale: KkiLocale): string | null {
  if (digits.length === 0) return copy.cardNumberRequired;
  if (digits.length < CPAN_MIN_LENGTH || digits.length > CPAN_MAX_LENGTH) return copy.cardNumberLength;
  if (!luhnValid(digits)) return localErrorCopy('invalid_cpan', locale);
  return null;
}
