// A replay DOKU answered without the original response (a 409 with no `originalResponse`): the
// outcome is read from a status API instead. One function resolves every such replay; the readers
// below say what a status answer means for each call.
import type { OrderStatusResponse } from '../wire/non-snap.js';
import type { DebitStatusResponse } from '../wire/snap-status.js';
import { snapRefundOutcome, snapTransactionOutcome } from '../wire/snap-status.js';
import { DokuError } from './errors.js';
import type { NonSnapResult } from './non-snap-call.js';
import { type SnapResult, unresolvedReplay } from './snap-call.js';

/** A replayed SNAP call whose original outcome was read from the debit status API. */
export interface SnapStatusResult {
  source: 'status';
  /** The status response: `latestTransactionStatus`, `refundHistory`, … */
  data: DebitStatusResponse;
  /** The status call's `responseCode` (`2005500`). */
  responseCode: string;
  httpStatus: number;
  /** The original is still in progress (`01`/`02`/`03`, or a refund in `03`). */
  pending: boolean;
  replayed: true;
  /** X-EXTERNAL-ID of the replayed call (not of the status call). */
  externalId: string;
  attempts: number;
}

/** A replayed Non-SNAP call whose original outcome was read from the order status API. */
export interface NonSnapStatusResult {
  source: 'status';
  data: OrderStatusResponse;
  httpStatus: number;
  replayed: true;
  /** Request-Id of the replayed call. */
  requestId: string;
  attempts: number;
}

/** DOKU's replay answer: what the errors of an unresolved replay name. */
export interface ReplayAnswer {
  httpStatus: number;
  responseCode?: string;
  attempts: number;
}

/** Ids of the replayed call. */
export type ReplayIds = { externalId: string } | { requestId: string };

/**
 * Resolves a replay: `lookUp` asks the status API, `read` reads its answer (`null`: the answer does
 * not tell the outcome). A refusal of the look-up, or an answer that does not tell, leaves the
 * outcome unknown (`replay_unresolved`); a look-up that fails otherwise (timeout, 5xx) throws as is.
 */
export async function resolveReplay<S, R>(
  endpoint: string,
  answer: ReplayAnswer,
  ids: ReplayIds,
  lookUp: () => Promise<S>,
  read: (status: S) => R | null,
): Promise<R> {
  let status: S;
  try {
    status = await lookUp();
  } catch (error) {
    if (error instanceof DokuError && error.kind === 'decision')
      throw unresolvedReplay(endpoint, answer, ids);
    throw error;
  }
  const result = read(status);
  if (result === null) throw unresolvedReplay(endpoint, answer, ids);
  return result;
}

/**
 * The original's refusal, as the status answer reports it: DOKU's original `responseCode` when it
 * gives one, else `reason` (`status_failed`, `refund_failed`) says what the status API reported.
 */
function statusDecision(
  endpoint: string,
  status: SnapResult<DebitStatusResponse>,
  externalId: string,
  responseCode: string | undefined,
  reason: 'status_failed' | 'refund_failed',
): DokuError {
  const http = Number(responseCode?.slice(0, 3) ?? 0);
  return new DokuError({
    kind: 'decision',
    reason: responseCode ? 'http' : reason,
    endpoint,
    httpStatus: responseCode ? http || 400 : undefined,
    responseCode,
    responseMessage: status.data.originalResponseMessage,
    retryable: false,
    externalId,
    attempts: status.attempts,
  });
}

/** A replay's outcome as the debit status look-up read it; `attempts` counts both calls' sends. */
function statusResult(
  answer: ReplayAnswer,
  status: SnapResult<DebitStatusResponse>,
  externalId: string,
  pending: boolean,
): SnapStatusResult {
  return {
    source: 'status',
    data: status.data,
    responseCode: status.responseCode,
    httpStatus: status.httpStatus,
    pending,
    replayed: true,
    externalId,
    attempts: answer.attempts + status.attempts,
  };
}

/** Reads a replayed KKI payment from the debit status: cancelled or failed is the original's refusal. */
export function paymentFromStatus(endpoint: string, answer: ReplayAnswer, externalId: string) {
  return (status: SnapResult<DebitStatusResponse>): SnapStatusResult | null => {
    const outcome = snapTransactionOutcome(status.data.latestTransactionStatus);
    if (outcome === null) return null;
    if (outcome === 'cancelled' || outcome === 'failed') {
      throw statusDecision(endpoint, status, externalId, status.data.originalResponseCode, 'status_failed');
    }
    return statusResult(answer, status, externalId, outcome === 'pending');
  };
}

/** Reads a replayed refund from the debit status's `refundHistory` entry with its `partnerRefundNo`. */
export function refundFromStatus(
  endpoint: string,
  answer: ReplayAnswer,
  externalId: string,
  partnerRefundNo: string,
) {
  return (status: SnapResult<DebitStatusResponse>): SnapStatusResult | null => {
    const refund = status.data.refundHistory?.find((r) => r.partnerRefundNo === partnerRefundNo);
    if (!refund) return null;
    const outcome = snapRefundOutcome(refund.refundStatus);
    if (outcome === 'failed') throw statusDecision(endpoint, status, externalId, undefined, 'refund_failed');
    return statusResult(answer, status, externalId, outcome === 'pending');
  };
}

/** Reads a replayed Non-SNAP call from the order status (its body is the outcome). */
export function orderFromStatus(answer: ReplayAnswer, requestId: string) {
  return (status: NonSnapResult<OrderStatusResponse>): NonSnapStatusResult => ({
    source: 'status',
    data: status.data,
    httpStatus: status.httpStatus,
    replayed: true,
    requestId,
    attempts: answer.attempts + status.attempts,
  });
}
