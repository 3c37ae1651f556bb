// Turns anything a call threw into a catalogue error in the provider's language.
import { KkiRequestError, requestErrorToKki } from '@kki-kit/client';
import type { KkiCopyOverrides, KkiError, KkiLocale } from '@kki-kit/contract';
import type { KkiSharedCopy } from '../copy/index.js';

/**
 * A catalogue error whose message is in `locale` and honours the merchant's error copy (the
 * provider's `errorCopy` first, then the BFF's `copyOverrides` the answer was worded with). A call
 * that got no answer reads as `internal_error` with the kit's "check your connection" copy.
 */
export function toKkiError(
  cause: unknown,
  locale: KkiLocale,
  copy: KkiSharedCopy,
  overrides: KkiCopyOverrides | undefined,
): KkiError {
  if (
    cause instanceof KkiRequestError &&
    cause.noResponse &&
    overrides?.internal_error?.[locale] === undefined
  ) {
    return { ...cause.error, message: copy.networkError };
  }
  return requestErrorToKki(cause, locale, overrides);
}
