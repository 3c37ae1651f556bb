// Re-wording catalogue errors in the caller's language and copy.
import {
  createKkiError,
  getErrorCopy,
  isKkiError,
  KKI_LOCALES,
  type KkiCopyOverrides,
  type KkiError,
  type KkiErrorCode,
  type KkiLocale,
} from '@kki-kit/contract';
import { KkiRequestError } from './request-error.js';

// `error` as it came when `kept` and the caller does not override its code; else re-worded here.
const worded = (
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
  kept: boolean,
): KkiError =>
  kept && overrides?.[error.code]?.[locale] === undefined
    ? error
    : { ...error, message: getErrorCopy(error.code, locale, overrides, error.field) };

/**
 * A catalogue error travelling inside a view, in `locale` with the merchant's copy. The BFF words
 * view errors in the language the call asked for, with its own `copyOverrides`: that wording is kept
 * unless the caller overrides the code, or the message is the catalogue's copy in another language
 * (a view fetched before the locale changed, or from a BFF asked in no language).
 */
export function localizeError(
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  const inOtherLanguage = KKI_LOCALES.some(
    (l) => l !== locale && error.message === getErrorCopy(error.code, l, undefined, error.field),
  );
  return worded(error, locale, overrides, !inOtherLanguage);
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
  if (cause instanceof KkiRequestError)
    return worded(cause.error, locale, overrides, cause.locale === locale);
  if (isKkiError(cause)) return worded(cause, locale, overrides, false);
  return localError('internal_error', locale, overrides);
}
