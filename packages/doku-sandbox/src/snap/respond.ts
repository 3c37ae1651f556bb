// How the sandbox answers on SNAP endpoints: a JSON body with `responseCode`/`responseMessage`, the
// HTTP status the code starts with, and DOKU's response headers.
import { formatSnapResponseCode, isKkiService, KKI_CASE_CODES, type KkiCaseCode } from '@kki-kit/contract';
import { KKI_CASE_HTTP_STATUS, snapTimestamp } from '@kki-kit/doku';

/** A finished SNAP answer: HTTP status plus the exact body. */
export interface SnapAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** An error the handlers throw to answer with a SNAP error code; never carries card data. */
export class SnapFailure extends Error {
  override name = 'SnapFailure';
  constructor(
    readonly httpStatus: number,
    readonly caseCode: string,
    readonly responseMessage: string,
    /** Extra fields for the error body (e.g. `latestTransactionStatus`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${httpStatus}-${caseCode} ${responseMessage}`);
  }

  /** The answer for a service. */
  answer(serviceCode: string): SnapAnswer {
    return {
      status: this.httpStatus,
      body: {
        responseCode: formatSnapResponseCode(this.httpStatus, serviceCode, this.caseCode),
        responseMessage: this.responseMessage,
        ...this.extra,
      },
    };
  }
}

/** A KKI case-code failure at the HTTP status `KKI_CASE_HTTP_STATUS` pairs it with (an open question). */
export function kkiCaseFailure(caseCode: KkiCaseCode, extra: Record<string, unknown> = {}): SnapFailure {
  return new SnapFailure(KKI_CASE_HTTP_STATUS[caseCode], caseCode, kkiCaseMessage(caseCode), extra);
}

/**
 * A KKI format or mandatory-field error: HTTP 400, case `00` "General / Format Error" ([SEED-001]
 * `ErrorResponse`; case 01 is kept for duplicates), the message naming the field in SNAP's wording.
 */
export function kkiFieldFailure(kind: 'format' | 'mandatory', field: string): SnapFailure {
  const what = kind === 'mandatory' ? 'Invalid Mandatory Field' : 'Invalid Field Format';
  return new SnapFailure(400, '00', `${what} ${field}`);
}

/**
 * A format or mandatory-field error on `serviceCode`: case 00 on the KKI services (see
 * {@link kkiFieldFailure}), SNAP's `400-01` / `400-02` on the others (OTP verification, status).
 */
export function fieldFailure(serviceCode: string, kind: 'format' | 'mandatory', field: string): SnapFailure {
  if (isKkiService(serviceCode)) return kkiFieldFailure(kind, field);
  return kind === 'mandatory'
    ? new SnapFailure(400, '02', `Invalid Mandatory Field ${field}`)
    : new SnapFailure(400, '01', `Invalid Field Format ${field}`);
}

/** An unexpected failure: `500xx00` "General Error" (SNAP 500-00; KKI case 00, never 01, a duplicate). */
export const generalError = (): SnapFailure => new SnapFailure(500, '00', 'General Error');

/** DOKU's meaning of a case, trimmed to a response message ("Do Not Honor (declined by issuer)" → "Do Not Honor"). */
export function kkiCaseMessage(caseCode: KkiCaseCode): string {
  return KKI_CASE_CODES[caseCode].meaning.replace(/\s*\(.*\)$/, '');
}

/** `2xx{service}00 Successful` with the given fields. */
export function snapSuccess(serviceCode: string, fields: Record<string, unknown>, status = 200): SnapAnswer {
  return {
    status,
    body: {
      responseCode: formatSnapResponseCode(status, serviceCode, '00'),
      responseMessage: 'Successful',
      ...fields,
    },
  };
}

/** DOKU's SNAP response headers: `X-TIMESTAMP` in WIB, JSON. */
export function snapHeaders(now: Date, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', 'X-TIMESTAMP': snapTimestamp(now), ...extra };
}

/** The `Response` for an answer. */
export function snapResponse(
  answer: SnapAnswer,
  now: Date,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: snapHeaders(now, extraHeaders),
  });
}
