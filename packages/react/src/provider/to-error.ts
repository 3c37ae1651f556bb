// Turns anything a call threw into a catalogue error in the provider's language.
import {
  createKkiError,
  getErrorCopy,
  isKkiError,
  type KkiCopyOverrides,
  type KkiError,
  type KkiLocale,
} from '@kki-kit/contract';
import { KkiRequestError } from '../client/request-error.js';
import type { KkiCopy } from '../copy/index.js';

/**
 * A catalogue error whose message is in `locale` and honours the merchant's error copy. A call that
 * got no answer reads as `internal_error` with the kit's "check your connection" copy.
 */
export function toKkiError(
  cause: unknown,
  locale: KkiLocale,
  copy: KkiCopy,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  if (cause instanceof KkiRequestError) {
    const e = cause.error;
    const message =
      cause.noResponse && overrides?.internal_error?.[locale] === undefined
        ? copy.networkError
        : getErrorCopy(e.code, locale, overrides, e.field);
    return { ...e, message };
  }
  if (isKkiError(cause))
    return { ...cause, message: getErrorCopy(cause.code, locale, overrides, cause.field) };
  return createKkiError('internal_error', { locale, ...(overrides !== undefined && { overrides }) });
}

/** Re-words a catalogue error travelling inside a view in the provider's language. */
export function localizeError(
  error: KkiError,
  locale: KkiLocale,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  return { ...error, message: getErrorCopy(error.code, locale, overrides, error.field) };
}
