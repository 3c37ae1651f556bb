// Reading DOKU's answers for the KKI services: a failed call becomes the catalogue error the browser
// sees, and a SNAP `latestTransactionStatus` becomes the payment state the store records.
import {
  createKkiError,
  type KkiError,
  kkiErrorFromDokuFailure,
  kkiErrorFromSnap,
  type PaymentStatus,
} from '@kki-kit/contract';
import {
  DokuError,
  DokuRequestError,
  type SnapTransactionStatus,
  snapTransactionOutcome,
} from '@kki-kit/doku';
import { fromStoreRule, KkiDomainError } from '../errors.js';
import { StoreRuleError } from '../store/index.js';

/**
 * The domain error for a failed DOKU call: a refusal keeps DOKU's code; an unknown outcome (timeout,
 * 5xx, dropped connection) is marked so the idempotency record is released and a retry with the same
 * key replays the same DOKU ids.
 */
export function domainErrorFromDoku(error: unknown): KkiDomainError {
  if (error instanceof KkiDomainError) return error;
  if (error instanceof DokuRequestError) {
    return new KkiDomainError('validation_failed', { internal: error.message });
  }
  if (error instanceof DokuError) {
    // DOKU's 409 case 01 is also a refusal of its own on some services (binding: "Duplicate Token",
    // the card is already bound); the client reads every 409-01 without an original as a replay.
    const own =
      error.reason === 'replay_unresolved' && error.responseCode
        ? kkiErrorFromSnap(error.responseCode)
        : null;
    if (own && own !== 'duplicate_request') {
      return new KkiDomainError(own, { dokuResponseCode: error.responseCode ?? '', internal: error.message });
    }
    return new KkiDomainError(kkiErrorFromDokuFailure(error), {
      ...(error.responseCode !== undefined && { dokuResponseCode: error.responseCode }),
      outcomeUnknown: error.kind !== 'decision',
      internal: error.message,
    });
  }
  // Not DOKU's answer (a store rejection, a bug): an internal error, never labelled as DOKU's. The
  // DOKU call may have gone through before it, so the key is released for a retry to replay it.
  return new KkiDomainError('internal_error', {
    outcomeUnknown: true,
    internal: `failure outside DOKU: ${error instanceof Error ? error.name : typeof error}`,
  });
}

/** Whether `error` is DOKU's definite refusal (nothing happened at DOKU that could still complete). */
export function isDokuDecision(error: unknown): error is DokuError {
  return error instanceof DokuError && error.kind === 'decision';
}

/** The stored error of a refused or failed DOKU outcome (`responseCode` is DOKU's, when known). */
export function errorFromResponseCode(responseCode: string | undefined): KkiError {
  const code = (responseCode && kkiErrorFromSnap(responseCode)) || 'unknown_doku_error';
  return createKkiError(code, responseCode === undefined ? {} : { dokuResponseCode: responseCode });
}

/**
 * The payment state a SNAP `latestTransactionStatus` stands for (`null`: not known to DOKU): DOKU's
 * reading, `snapTransactionOutcome` of `@kki-kit/doku`, whose outcomes are payment states.
 */
export function paymentStatusFromSnap(status: SnapTransactionStatus | undefined): PaymentStatus | null {
  return snapTransactionOutcome(status) satisfies PaymentStatus | null;
}

/**
 * A failed call as the BFF answers it: a store rule keeps its catalogue code, a DOKU failure is read
 * by {@link domainErrorFromDoku} (a decision keeps DOKU's code; an unknown outcome releases the key).
 */
export function dokuFailure(error: unknown): KkiDomainError {
  if (error instanceof StoreRuleError) return fromStoreRule(error);
  return domainErrorFromDoku(error);
}
