// Re-wording errors in the caller's language and copy, without the full catalogue: the BFF words its
// errors in the language the call asked for (with its own `copyOverrides`), the merchant's copy
// replaces any code, and the browser's own copy covers the few codes it words itself.
import {
  createLocalKkiError,
  isKkiErrorShape,
  isLocalKkiErrorCode,
  KKI_LOCALES,
  type KkiCopyOverrides,
  type KkiError,
  type KkiLocale,
  type LocalKkiErrorCode,
  localErrorCopy,
} from '@kki-kit/contract';
import { KkiRequestError } from './request-error.js';

// `error` with the merchant's copy for its code in `locale`, else, when `reword` and the browser has
// copy for the code, that copy; else as it came (the BFF's wording).
function worded(
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
  reword: boolean,
): KkiError {
  const message =
    overrides?.[error.code]?.[locale] ||
    (reword && isLocalKkiErrorCode(error.code) ? localErrorCopy(error.code, locale) : error.message);
  return message === error.message ? error : { ...error, message };
}

/**
 * An error travelling inside a view, in `locale` with the merchant's copy. The BFF words view errors
 * in the language the call asked for, with its own `copyOverrides`: that wording is kept unless the
 * caller overrides the code, or the message is the browser's own copy in another language (a view
 * fetched before the locale changed, or from a BFF asked in no language).
 */
export function localizeError(
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  const { code, message } = error;
  const inOtherLanguage =
    isLocalKkiErrorCode(code) && KKI_LOCALES.some((l) => l !== locale && message === localErrorCopy(code, l));
  return worded(error, locale, overrides, inOtherLanguage);
}

/** An error the browser words itself, of `code` in `locale`, with the merchant's copy. */
export function localError(
  code: LocalKkiErrorCode,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  return createLocalKkiError(code, { locale, ...(overrides && { overrides }) });
}

/**
 * Anything a call threw as an error in `locale`. The BFF words its errors in the locale the call
 * asked for, with its own `copyOverrides`: that wording is kept unless the caller overrides the code,
 * or the call asked in another language and the browser has its own copy for the code.
 */
export function requestErrorToKki(
  cause: unknown,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  if (cause instanceof KkiRequestError)
    return worded(cause.error, locale, overrides, cause.locale !== locale);
  if (isKkiErrorShape(cause)) return worded(cause, locale, overrides, true);
  return localError('internal_error', locale, overrides);
}
