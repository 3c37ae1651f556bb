// The one error type BFF code throws: a domain refusal or failure named by a contract error code,
// never a message built from internals and never an HTTP status. The edge (the error handler, the
// idempotency record, the merchant API) turns it into the contract's error (copy, HTTP status and
// retry advice from @kki-kit/contract's catalogue) with `toKkiError`.
import {
  createKkiError,
  type KkiCopyFlow,
  type KkiCopyOverrides,
  type KkiError,
  type KkiErrorCode,
  type KkiErrorDetails,
  type KkiLocale,
} from '@kki-kit/contract';

/** Options of {@link KkiDomainError}. */
export interface KkiDomainErrorOptions {
  /** Field the error is about (a `KkiField` name gets field-aware copy). */
  field?: string;
  /** DOKU's own response code, kept for support. */
  dokuResponseCode?: string;
  /**
   * The DOKU call's outcome is unknown (timeout, dropped connection): the idempotency record is
   * released instead of storing this error, so a retry with the same key asks DOKU again with the
   * same ids and DOKU's replay answers with the real outcome.
   */
  outcomeUnknown?: boolean;
  /** Structured facts for the UI, sent in the error body (e.g. the open payment of `order_payment_open`). */
  details?: KkiErrorDetails;
  /**
   * Developer-facing detail for logs; sent to the browser only outside production, as
   * `details.reason` of a refusal.
   */
  internal?: string;
  /** Seconds after which a retry may succeed: answered as `Retry-After` (rate limits). */
  retryAfterSeconds?: number;
}

/**
 * A refusal or failure of the BFF's domain, carrying a contract error code (never a status): the
 * edge answers it with `{ error: { code, message, retryable, … } }` and the catalogue's status.
 */
export class KkiDomainError extends Error {
  override name = 'KkiDomainError';
  readonly code: KkiErrorCode;
  readonly field: string | undefined;
  readonly dokuResponseCode: string | undefined;
  readonly outcomeUnknown: boolean;
  readonly details: KkiErrorDetails | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: KkiErrorCode, options: KkiDomainErrorOptions = {}) {
    super(options.internal ?? code);
    this.code = code;
    this.field = options.field;
    this.dokuResponseCode = options.dokuResponseCode;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /**
   * The contract's catalogue error for this code in `locale`, with the merchant's copy overrides,
   * worded for the reader of `flow` (staff for a refund, the card's owner for a card removal). An
   * unknown outcome says so (`outcomeUnknown`): the caller asks again with the same key.
   */
  toKkiError(locale?: KkiLocale, overrides?: KkiCopyOverrides, flow?: KkiCopyFlow): KkiError {
    const error = createKkiError(this.code, {
      ...(locale !== undefined && { locale }),
      ...(flow !== undefined && { flow }),
      ...(overrides !== undefined && { overrides }),
      ...(this.field !== undefined && { field: this.field }),
      ...(this.dokuResponseCode !== undefined && { dokuResponseCode: this.dokuResponseCode }),
      ...(this.details !== undefined && { details: this.details }),
    });
    return this.outcomeUnknown ? { ...error, outcomeUnknown: true } : error;
  }
}

/** Narrows an unknown thrown value. */
export function isKkiDomainError(value: unknown): value is KkiDomainError {
  return value instanceof KkiDomainError;
}

/** @deprecated The former name of {@link KkiDomainError} (the same class), kept for existing callers. */
export const KkiHttpError = KkiDomainError;
/** @deprecated The former name of {@link KkiDomainError}. */
export type KkiHttpError = KkiDomainError;
/** @deprecated The former name of {@link KkiDomainErrorOptions}. */
export type KkiHttpErrorOptions = KkiDomainErrorOptions;
/** @deprecated The former name of {@link isKkiDomainError}. */
export const isKkiHttpError = isKkiDomainError;

/** The answer to a store rule's refusal (`StoreRuleError`): its catalogue code and details, its reason kept internal. */
export function fromStoreRule(rule: {
  code: KkiErrorCode;
  message: string;
  details?: KkiErrorDetails | undefined;
}): KkiDomainError {
  return new KkiDomainError(rule.code, {
    internal: rule.message,
    ...(rule.details !== undefined && { details: rule.details }),
  });
}
