// The error the BFF client throws: a catalogue KkiError plus whether the call's outcome is known.
import type { KkiError, KkiLocale } from '@kki-kit/contract';

/** A failed BFF call. `error` is the catalogue error to show; the message is the shopper copy. */
// The fields are `declare`d: the constructor sets them, and an ES2022 class-field declaration per
// field would only add bytes to every browser bundle.
export class KkiRequestError extends Error {
  /** The catalogue error (code, shopper copy, retryable, HTTP status). */
  declare readonly error: KkiError;
  /**
   * `true` when the BFF may have acted without us hearing back (network failure, timeout, 5xx
   * without an error body): retry the same request with the same idempotency key.
   */
  declare readonly outcomeUnknown: boolean;
  /** `true` when no HTTP answer arrived at all (offline, DNS, CORS, connection reset). */
  declare readonly noResponse: boolean;
  /** The language the call asked the BFF to word `error` in, if it asked. */
  declare readonly locale: KkiLocale | undefined;
  /** The BFF request's id (`X-Request-Id`, also `error.requestId`), for support; absent without an answer. */
  declare readonly requestId: string | undefined;

  /**
   * @param error the catalogue error; @param outcomeUnknown whether the BFF may have acted;
   * @param noResponse whether no HTTP answer arrived; @param locale the language the call asked for.
   */
  constructor(error: KkiError, outcomeUnknown: boolean, noResponse = false, locale?: KkiLocale) {
    super(error.message);
    this.name = 'KkiRequestError';
    this.error = error;
    this.outcomeUnknown = outcomeUnknown;
    this.noResponse = noResponse;
    this.locale = locale;
    this.requestId = error.requestId;
  }
}

/**
 * A resend's failure as it bears on the attempt it resends, whose first send went unanswered: a
 * refusal of the resend's admission (401, 403, 429: signed out, not allowed, rate limited) says
 * nothing of what that first send did, so the outcome stays unknown and the action runner keeps the
 * attempt's key (a new key would act twice, e.g. a second refund). Any other failure is returned as
 * it is.
 */
export function resendFailure(cause: unknown): unknown {
  return cause instanceof KkiRequestError && [401, 403, 429].includes(cause.error.httpStatus)
    ? new KkiRequestError(cause.error, true, cause.noResponse, cause.locale)
    : cause;
}
