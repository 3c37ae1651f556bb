// A failed DOKU call, as `@kki-kit/doku` reports it (its `DokuError` holds DOKU's facts only), read
// as the kit's error code. The DOKU client knows no kit codes; this is where its failures get one.
import type { KkiErrorCode } from './codes.js';
import { kkiErrorFromNonSnap, kkiErrorFromSnap } from './doku-mapping.js';

/** What the kit reads of a failed DOKU call; `DokuError` of `@kki-kit/doku` is one. */
export interface DokuFailureLike {
  /** Finer cause: `http`, `timeout`, `network`, `malformed`, `bad_signature`, `replay_unresolved`, … */
  readonly reason: string;
  /** HTTP status of DOKU's answer; `undefined` when there was none. */
  readonly httpStatus?: number | undefined;
  /** SNAP `responseCode` (7 digits) or Non-SNAP `errors.code`. */
  readonly responseCode?: string | undefined;
  /** DOKU's `responseMessage` / `errors.message`. */
  readonly responseMessage?: string | undefined;
}

// A SNAP `responseCode` is 7 digits; Non-SNAP codes are words (`INVALID_PARAMETER`).
const SNAP_CODE = /^\d{7}$/;

/** A failure whose answer names no code: read from the HTTP status. */
function kkiErrorFromHttpStatus(httpStatus: number | undefined): KkiErrorCode {
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus === 504) return 'doku_timeout';
  if (httpStatus !== undefined && httpStatus >= 500) return 'doku_server_error';
  if (httpStatus === 401) return 'unauthorized_signature';
  if (httpStatus === 400) return 'bad_request';
  return 'unknown_doku_error';
}

/**
 * The kit's error code of a failed DOKU call: no answer (`doku_timeout`, `doku_unavailable`), an
 * answer that cannot be trusted or read (`doku_bad_response`), a replay whose outcome is unknown
 * (`duplicate_request`), a replayed original the status API reports failed (`refund_failed`, or
 * `unknown_doku_error` without a code), else DOKU's code by {@link kkiErrorFromSnap} /
 * {@link kkiErrorFromNonSnap}, falling back to the HTTP status.
 */
export function kkiErrorFromDokuFailure(failure: DokuFailureLike): KkiErrorCode {
  switch (failure.reason) {
    case 'timeout':
      return 'doku_timeout';
    case 'network':
      return 'doku_unavailable';
    case 'malformed':
    case 'bad_signature':
      return 'doku_bad_response';
    case 'replay_unresolved':
      return 'duplicate_request';
    case 'refund_failed':
      return 'refund_failed';
    case 'status_failed':
      return 'unknown_doku_error';
  }
  const { responseCode, responseMessage, httpStatus } = failure;
  if (responseCode !== undefined && SNAP_CODE.test(responseCode)) {
    return kkiErrorFromSnap(responseCode, responseMessage) ?? kkiErrorFromHttpStatus(httpStatus);
  }
  if (responseCode !== undefined) {
    return (
      kkiErrorFromNonSnap({ errors: { code: responseCode, message: responseMessage } }) ??
      kkiErrorFromHttpStatus(httpStatus)
    );
  }
  return kkiErrorFromHttpStatus(httpStatus);
}
