// The one error type BFF code throws to answer the browser: a catalogue code (copy, HTTP status and
// retry advice come from @kki-kit/contract), never a message built from internals.
import {
  createKkiError,
  type KkiCopyOverrides,
  type KkiError,
  type KkiErrorCode,
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

  constructor(code: KkiErrorCode, options: KkiHttpErrorOptions = {}) {
    super(options.internal ?? code);
    this.code = code;
    this.field = options.field;
    this.dokuResponseCode = options.dokuResponseCode;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }

  /** The catalogue error in `locale`, with the merchant's copy overrides. */
  toKkiError(locale?: KkiLocale, overrides?: KkiCopyOverrides): KkiError {
    return createKkiError(this.code, {
      ...(locale !== undefined && { locale }),
      ...(overrides !== undefined && { overrides }),
      ...(this.field !== undefined && { field: this.field }),
      ...(this.dokuResponseCode !== undefined && { dokuResponseCode: this.dokuResponseCode }),
    });
  }
}

/** Narrows an unknown thrown value. */
export function isKkiHttpError(value: unknown): value is KkiHttpError {
  return value instanceof KkiHttpError;
}
