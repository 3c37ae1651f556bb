import * as z from 'zod/mini';
import { KKI_ERROR_CATALOGUE } from './catalogue.js';
import { KKI_ERROR_CODES } from './codes.js';
import { kkiErrorDetailsSchema } from './details.js';
import type { KkiError } from './kki-error.js';

/**
 * The body of every error response the BFF sends to the browser. The BFF builds it with
 * {@link toApiErrorBody}; server-side callers (the merchant API) read it with this schema. The
 * browser client reads it without zod (`readErrorBody` in `@kki-kit/client`), checked against this
 * function's reading in its tests.
 */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(KKI_ERROR_CODES),
    message: z.string(),
    retryable: z.boolean(),
    dokuResponseCode: z.optional(z.string()),
    field: z.optional(z.string()),
    details: z.optional(kkiErrorDetailsSchema),
    requestId: z.optional(z.string()),
    outcomeUnknown: z.optional(z.literal(true)),
  }),
});

/** `{ error: { code, message, retryable, dokuResponseCode?, field?, details?, requestId?, outcomeUnknown? } }`. */
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/**
 * Serialises a {@link KkiError} for the browser; the HTTP status travels as the response status.
 * `requestId` (else the error's own) names the answering request.
 */
export function toApiErrorBody(error: KkiError, requestId = error.requestId): ApiErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.dokuResponseCode !== undefined && { dokuResponseCode: error.dokuResponseCode }),
      ...(error.field !== undefined && { field: error.field }),
      ...(error.details !== undefined && { details: error.details }),
      ...(requestId !== undefined && { requestId }),
      ...(error.outcomeUnknown && { outcomeUnknown: true as const }),
    },
  };
}

/**
 * Reads an error response: a {@link KkiError} when `body` matches
 * {@link apiErrorBodySchema}, else `null` (the caller decides, e.g. `internal_error`). `httpStatus` is
 * the response's status, falling back to the catalogue's when it is not a number.
 */
export function kkiErrorFromApiErrorBody(body: unknown, httpStatus?: number): KkiError | null {
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { code, message, retryable, dokuResponseCode, field, details, requestId, outcomeUnknown } =
    parsed.data.error;
  return {
    code,
    message,
    retryable,
    httpStatus: typeof httpStatus === 'number' ? httpStatus : KKI_ERROR_CATALOGUE[code].httpStatus,
    ...(dokuResponseCode !== undefined && { dokuResponseCode }),
    ...(field !== undefined && { field }),
    ...(details !== undefined && { details }),
    ...(requestId !== undefined && { requestId }),
    ...(outcomeUnknown && { outcomeUnknown }),
  };
}
