// How the sandbox answers on SNAP endpoints: a JSON body with `responseCode`/`responseMessage`, the
// HTTP status the code starts with, and DOKU's response headers.
import { formatSnapResponseCode, KKI_CASE_CODES, type KkiCaseCode } from '@kki-kit/contract';
import { snapTimestamp } from '@kki-kit/doku';

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

/** A KKI case-code failure at the HTTP status KKI_CASE_CODES gives it (doku-api.md §5.10 INFERENCE). */
export function kkiCaseFailure(caseCode: KkiCaseCode, extra: Record<string, unknown> = {}): SnapFailure {
  const info = KKI_CASE_CODES[caseCode];
  return new SnapFailure(info.httpStatus, caseCode, kkiCaseMessage(caseCode), extra);
}

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
