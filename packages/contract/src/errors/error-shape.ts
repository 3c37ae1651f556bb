// A KkiError's shape, checked without zod or the code list: the browser reads errors with this, so
// neither ships in its bundles. `isKkiError` (kki-error.ts) adds the code list and the details schema.
import type { KkiError } from './kki-error.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const optionalString = (v: unknown) => v === undefined || isString(v);

/**
 * Whether `value` has the shape of a {@link KkiError}: a snake_case `code`, a string `message`, a
 * boolean `retryable`, a numeric `httpStatus`, and the optional fields' types. The code is not
 * checked against the list: a BFF newer than the page may send a code the page does not know, with
 * a message already worded for the shopper.
 */
export function isKkiErrorShape(value: unknown): value is KkiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const details = v.details as Record<string, unknown> | undefined;
  return (
    isString(v.code) &&
    /^[a-z]+(_[a-z]+)*$/.test(v.code) &&
    isString(v.message) &&
    typeof v.retryable === 'boolean' &&
    typeof v.httpStatus === 'number' &&
    optionalString(v.dokuResponseCode) &&
    optionalString(v.field) &&
    optionalString(v.requestId) &&
    (details === undefined ||
      (typeof details === 'object' &&
        details !== null &&
        optionalString(details.reason) &&
        // The open payment's id and method come together; without them, a reason is all there is.
        (details.paymentId === undefined && details.method === undefined
          ? isString(details.reason)
          : isString(details.paymentId) && isString(details.method))))
  );
}
