// Re-wording catalogue errors in the caller's language and copy.
import {
  createKkiError,
  getErrorCopy,
  isKkiError,
  type KkiCopyOverrides,
  type KkiError,
  type KkiErrorCode,
  type KkiLocale,
} from '@kki-kit/contract';
import { KkiRequestError } from './request-error.js';

/** Re-words a catalogue error travelling inside a view in `locale`, with the merchant's copy. */
export function localizeError(
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  return { ...error, message: getErrorCopy(error.code, locale, overrides, error.field) };
}

/** A catalogue error of `code` in `locale`, with the merchant's copy. */
export function localError(
  code: KkiErrorCode,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  return createKkiError(code, { locale, ...(overrides && { overrides }) });
}

/**
 * Anything a call threw as a catalogue error in `locale`. The BFF words its errors in the locale the
 * call asked for, with its own `copyOverrides`: that wording is kept unless the caller overrides the
 * code or asked in another language.
 */
export function requestErrorToKki(
  cause: unknown,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  if (cause instanceof KkiRequestError) {
    const e = cause.error;
    if (cause.locale === locale && overrides?.[e.code]?.[locale] === undefined) return e;
    return localizeError(e, locale, overrides);
  }
  if (isKkiError(cause)) return localizeError(cause, locale, overrides);
  return localError('internal_error', locale, overrides);
}
