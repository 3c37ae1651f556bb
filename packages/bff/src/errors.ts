// The one error type BFF code throws to answer the browser: a catalogue code (copy, HTTP status and
// retry advice come from @kki-kit/contract), never a message built from internals.
import {
  createKkiError,
  type KkiCopyOverrides,
  type KkiError,
  type KkiErrorCode,
  type KkiErrorDetails,
  type KkiLocale,
} from '@kki-kit/contract';

/** Options of {@link KkiHttpError}. */
export interface KkiHttpErrorOptions {
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
  /** Developer-facing detail for logs; never sent to the browser. */
  internal?: string;
}

/** An error the BFF answers with `{ error: { code, message, retryable, … } }` and the catalogue's status. */
export class KkiHttpError extends Error {
  override name = 'KkiHttpError';
  readonly code: KkiErrorCode;
  readonly field: string | undefined;
  readonly dokuResponseCode: string | undefined;
  readonly outcomeUnknown: boolean;
  readonly details: KkiErrorDetails | undefined;

  constructor(code: KkiErrorCode, options: KkiHttpErrorOptions = {}) {
    super(options.internal ?? code);
    this.code = code;
    this.field = options.field;
    this.dokuResponseCode = options.dokuResponseCode;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    this.details = options.details;
  }

  /** The catalogue error in `locale`, with the merchant's copy overrides. */
  toKkiError(locale?: KkiLocale, overrides?: KkiCopyOverrides): KkiError {
    return createKkiError(this.code, {
      ...(locale !== undefined && { locale }),
      ...(overrides !== undefined && { overrides }),
      ...(this.field !== undefined && { field: this.field }),
      ...(this.dokuResponseCode !== undefined && { dokuResponseCode: this.dokuResponseCode }),
      ...(this.details !== undefined && { details: this.details }),
    });
  }
}

/** Narrows an unknown thrown value. */
export function isKkiHttpError(value: unknown): value is KkiHttpError {
  return value instanceof KkiHttpError;
}

/** The answer to a store rule's refusal (`StoreRuleError`): its catalogue code and details, its reason kept internal. */
export function fromStoreRule(rule: {
  code: KkiErrorCode;
  message: string;
  details?: KkiErrorDetails | undefined;
}): KkiHttpError {
  return new KkiHttpError(rule.code, {
    internal: rule.message,
    ...(rule.details !== undefined && { details: rule.details }),
  });
}
