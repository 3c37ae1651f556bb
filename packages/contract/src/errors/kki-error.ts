import { DEFAULT_LOCALE, type KkiLocale, type LocalizedText } from '../locale.js';
import { KKI_ERROR_CATALOGUE } from './catalogue.js';
import { isKkiErrorCode, type KkiErrorCode } from './codes.js';
import { type KkiErrorDetails, kkiErrorDetailsSchema } from './details.js';
import { isKkiErrorShape } from './error-shape.js';
import { kkiErrorFromSnap, kkiFieldFromSnapMessage } from './doku-mapping.js';
import { type KkiCopyFlow, KKI_FLOW_COPY } from './flow-copy.js';
import { isKkiField, KKI_FIELD_LABELS } from './fields.js';

/**
 * A failure as the kit reports it, to merchant code and to the browser. Plain data, so it survives
 * JSON and can sit in a result union (`{ status: 'failed', error }`).
 */
export interface KkiError {
  /** What went wrong, from the single code list. */
  readonly code: KkiErrorCode;
  /** Customer-facing text in the requested locale; safe to show as is. */
  readonly message: string;
  /** Whether the shopper can usefully try again (see `KkiErrorCatalogueEntry.retryable`). */
  readonly retryable: boolean;
  /** HTTP status the BFF answers the browser with. */
  readonly httpStatus: number;
  /** DOKU's own code when DOKU caused the error (a SNAP `responseCode` or Non-SNAP `errors.code`), for support. */
  readonly dokuResponseCode?: string;
  /** The form field the error points at, e.g. `'cardNumber'`, so the UI can focus it. */
  readonly field?: string;
  /** Structured facts for the UI, e.g. the open payment an `order_payment_open` refusal points at. */
  readonly details?: KkiErrorDetails;
  /**
   * The id of the BFF request that answered with this error (its `X-Request-Id`), for support: the
   * same id is in every BFF log line of that request.
   */
  readonly requestId?: string;
  /**
   * `true` when the request may have acted although it failed (DOKU's answer was lost, a failure
   * after the DOKU call): send it again with the same idempotency key to learn its result. Never a
   * refusal to show as the end.
   */
  readonly outcomeUnknown?: true;
}

/** Merchant wording that replaces the built-in copy, per code and locale. Used as is, no templating. */
export type KkiCopyOverrides = {
  readonly [C in KkiErrorCode]?: Partial<LocalizedText>;
};

/** Options for {@link createKkiError}. */
export interface CreateKkiErrorOptions {
  /** Language of `message`; defaults to {@link DEFAULT_LOCALE} (`'id'`). */
  readonly locale?: KkiLocale;
  /** Field the error points at; defaults to the catalogue's field for the code, if any. */
  readonly field?: string;
  /** DOKU's own code, kept for support and logs. */
  readonly dokuResponseCode?: string;
  /** Merchant wording to use instead of the built-in copy. */
  readonly overrides?: KkiCopyOverrides;
  /** Structured facts for the UI (see {@link KkiError.details}). */
  readonly details?: KkiErrorDetails;
  /**
   * The flow the error happens in, so its reader gets copy written for them (staff for a refund, the
   * card's owner for a card removal); defaults to the shopper's payment copy.
   */
  readonly flow?: KkiCopyFlow;
}

/**
 * The shopper-facing text for a code. An override for the code and locale wins; otherwise, when
 * `field` is a known `KkiField` and the code has field-aware copy, that copy names the field;
 * otherwise the copy written for `flow`'s reader, if any; otherwise the code's general copy. Unknown
 * field names fall back to the general copy, so raw DOKU or schema paths never reach the shopper.
 */
export function getErrorCopy(
  code: KkiErrorCode,
  locale: KkiLocale,
  overrides?: KkiCopyOverrides,
  field?: string,
  flow?: KkiCopyFlow,
): string {
  const override = overrides?.[code]?.[locale];
  if (override) return override;
  const entry = KKI_ERROR_CATALOGUE[code];
  if (entry.fieldCopy && isKkiField(field)) {
    return entry.fieldCopy[locale].replace('{field}', KKI_FIELD_LABELS[field][locale]);
  }
  const forFlow = flow === undefined ? undefined : KKI_FLOW_COPY[flow][code];
  return (forFlow ?? entry.copy)[locale];
}

/** Builds a {@link KkiError} for a code, with copy in the requested locale. */
export function createKkiError(code: KkiErrorCode, options: CreateKkiErrorOptions = {}): KkiError {
  const entry = KKI_ERROR_CATALOGUE[code];
  const locale = options.locale ?? DEFAULT_LOCALE;
  const field = options.field ?? entry.field;
  return {
    code,
    message: getErrorCopy(code, locale, options.overrides, field, options.flow),
    retryable: entry.retryable,
    httpStatus: entry.httpStatus,
    ...(options.dokuResponseCode !== undefined && { dokuResponseCode: options.dokuResponseCode }),
    ...(field !== undefined && { field }),
    ...(options.details !== undefined && { details: options.details }),
  };
}

/** A SNAP response as far as error reading needs it. */
export interface SnapResponseLike {
  /** DOKU's 7-digit `responseCode`. */
  readonly responseCode: string;
  /** DOKU's `responseMessage`; read only to find which field a format error is about. */
  readonly responseMessage?: string;
}

/**
 * Turns a SNAP response into a {@link KkiError}, or `null` when `responseCode` is a 2xx. Keeps DOKU's
 * code in `dokuResponseCode` and, for field errors, points at the field named in `responseMessage`.
 */
export function kkiErrorFromSnapResponse(
  response: SnapResponseLike,
  options: Omit<CreateKkiErrorOptions, 'dokuResponseCode' | 'field'> = {},
): KkiError | null {
  const code = kkiErrorFromSnap(response.responseCode, response.responseMessage);
  if (code === null) return null;
  const field =
    response.responseMessage === undefined ? undefined : kkiFieldFromSnapMessage(response.responseMessage);
  return createKkiError(code, {
    ...options,
    dokuResponseCode: String(response.responseCode),
    ...(field !== undefined && { field }),
  });
}

/** Narrows an unknown value to a {@link KkiError} (e.g. a rejected promise or a cached result). */
export function isKkiError(value: unknown): value is KkiError {
  return (
    isKkiErrorShape(value) &&
    isKkiErrorCode(value.code) &&
    (value.details === undefined || kkiErrorDetailsSchema.safeParse(value.details).success)
  );
}
