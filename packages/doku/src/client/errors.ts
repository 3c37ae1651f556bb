import { parseSnapResponseCode, type SnapResponseCode } from '../wire/response-code.js';

/**
 * How to read a failed DOKU call:
 * - `decision`: DOKU (or the issuer) answered 4xx; the request was refused and retrying it as-is
 *   will not help.
 * - `unavailable`: no usable answer (5xx, timeout, network error, malformed body, bad response
 *   signature); the outcome of a state-changing call may be unknown, so check its status later.
 * - `in_progress`: DOKU accepted the request earlier but the outcome cannot be read now (a replay
 *   with no original response and no status API); wait for the notification or check later.
 */
export type DokuErrorKind = 'decision' | 'unavailable' | 'in_progress';

/** Finer cause of a `DokuError`. */
export type DokuErrorReason =
  | 'http'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'bad_signature'
  | 'replay_unresolved'
  /** A replay's original payment failed or was cancelled, per the status API, which gave no code. */
  | 'status_failed'
  /** A replay's original refund failed (`refundStatus` 06), per the status API, which gives no code. */
  | 'refund_failed';

/** Construction input of `DokuError`. */
export interface DokuErrorInit {
  kind: DokuErrorKind;
  reason: DokuErrorReason;
  endpoint: string;
  httpStatus?: number | undefined;
  responseCode?: string | undefined;
  responseMessage?: string | undefined;
  retryable: boolean;
  externalId?: string | undefined;
  requestId?: string | undefined;
  attempts: number;
  cause?: unknown;
}

/**
 * A DOKU call that did not succeed. Its message names the endpoint, status and DOKU code only:
 * never a request body, card data, token or key. It holds DOKU's facts (status, code, message,
 * reason); what they mean to the kit is `@kki-kit/contract`'s `kkiErrorFromDokuFailure`.
 */
export class DokuError extends Error {
  override name = 'DokuError';
  readonly kind: DokuErrorKind;
  readonly reason: DokuErrorReason;
  /** Client method, e.g. `kkiPayment`. */
  readonly endpoint: string;
  /** HTTP status of DOKU's answer; `undefined` when there was none. */
  readonly httpStatus: number | undefined;
  /** DOKU's raw code: SNAP `responseCode` (`4035405`) or Non-SNAP `errors.code` (`INVALID_PARAMETER`). */
  readonly responseCode: string | undefined;
  /** DOKU's `responseMessage` / `errors.message` (DOKU's words; may name a field, never a value we sent). */
  readonly responseMessage: string | undefined;
  /** The SNAP `responseCode` split, when it is one. */
  readonly parsed: SnapResponseCode | null;
  /** True when sending the same request again later may succeed (never for decisions). */
  readonly retryable: boolean;
  readonly externalId: string | undefined;
  readonly requestId: string | undefined;
  /** How many HTTP sends the call made. */
  readonly attempts: number;

  constructor(init: DokuErrorInit) {
    const status = init.httpStatus === undefined ? init.reason : `HTTP ${init.httpStatus}`;
    const code = init.responseCode === undefined ? '' : ` ${init.responseCode}`;
    super(`DOKU ${init.endpoint} failed (${init.kind}): ${status}${code}`, { cause: init.cause });
    this.kind = init.kind;
    this.reason = init.reason;
    this.endpoint = init.endpoint;
    this.httpStatus = init.httpStatus;
    this.responseCode = init.responseCode;
    this.responseMessage = init.responseMessage;
    this.parsed = init.responseCode === undefined ? null : parseSnapResponseCode(init.responseCode);
    this.retryable = init.retryable;
    this.externalId = init.externalId;
    this.requestId = init.requestId;
    this.attempts = init.attempts;
  }
}

/** True for a `DokuError`. */
export function isDokuError(value: unknown): value is DokuError {
  return value instanceof DokuError;
}

/** Thrown before sending when a request does not match DOKU's wire schema. Names the field, never its value. */
export class DokuRequestError extends TypeError {
  override name = 'DokuRequestError';
  constructor(
    readonly endpoint: string,
    readonly field: string,
    readonly issue: 'format' | 'mandatory',
  ) {
    super(
      `DOKU ${endpoint}: ${issue === 'mandatory' ? 'missing mandatory field' : 'invalid field format'} ${field}`,
    );
  }
}
