import type * as z from 'zod';
import { signSnapSymmetric } from '../crypto/snap-signature.js';
import { createExternalId, isExternalId, snapTimestamp } from '../crypto/ids.js';
import { KKI_DUPLICATE_CASE_STATUSES, REPLAY_ORIGINAL_RESPONSE_FIELD } from '../wire/open-questions.js';
import { KKI_CASE_SERVICE_CODES } from '../wire/response-code.js';
import { DokuError, DokuRequestError } from './errors.js';
import { type HttpRequest, noAnswerError, parseJson, retryBudget, sendOnce } from './http.js';
import type { ResolvedDokuOptions } from './options.js';
import type { B2bTokenCache } from './token-cache.js';

/** Per-call options of every SNAP method. */
export interface SnapCallOptions {
  /** `X-EXTERNAL-ID` (numeric, ≤ 36). Map your idempotency key to it; default: a fresh one. */
  externalId?: string;
  /** Cancels the call (no retry after an abort). */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}

/** A SNAP call's outcome: DOKU's response body (the original one, for a replay). */
export interface SnapResult<T> {
  source: 'response';
  data: T;
  /** DOKU's `responseCode`, e.g. `2005400`, or `2025400` when pending. */
  responseCode: string;
  httpStatus: number;
  /** DOKU answered `202` (request in progress): not a failure; settle it by notification or status. */
  pending: boolean;
  /** The outcome is DOKU's answer to an earlier send of this request (read from a `409`). */
  replayed: boolean;
  externalId: string;
  /** HTTP sends this call made (retries and token refreshes included). */
  attempts: number;
}

/** What the SNAP loop got back before endpoint-specific reading. */
export type SnapAnswer =
  | { kind: 'ok'; httpStatus: number; responseCode: string; body: unknown; attempts: number }
  | { kind: 'replay'; httpStatus: number; responseCode: string; body: unknown; attempts: number };

/** Everything one SNAP endpoint needs. */
export interface SnapSpec<S extends z.ZodType> {
  endpoint: string;
  path: string;
  /** Response schema for a 2xx body. */
  schema: S;
  /** Extra headers (`CHANNEL-ID`, `X-IP-ADDRESS`). */
  headers?: Record<string, string>;
}

/** Shared state of the SNAP methods. */
export interface SnapContext {
  opts: ResolvedDokuOptions;
  tokens: B2bTokenCache;
}

const RESPONSE_CODE = /^(\d{3})(\d{2})(\d{2})$/;

/** Splits a 7-digit code: `[http, service, case]`, or undefined. */
function splitCode(code: string | undefined): [number, string, string] | undefined {
  const m = code === undefined ? null : RESPONSE_CODE.exec(code);
  return m ? [Number(m[1]), m[2] as string, m[3] as string] : undefined;
}

function readCode(body: unknown): { responseCode?: string; responseMessage?: string } {
  if (body === null || typeof body !== 'object') return {};
  const { responseCode, responseMessage } = body as Record<string, unknown>;
  return {
    ...(typeof responseCode === 'string' && RESPONSE_CODE.test(responseCode) ? { responseCode } : {}),
    ...(typeof responseMessage === 'string' ? { responseMessage } : {}),
  };
}

/**
 * KKI case 01, "Duplicate Transaction / Duplicate Token", on a KKI service at a status
 * `KKI_DUPLICATE_CASE_STATUSES` names: this request's own reference seen before, so a replay of it
 * as a 409 is, never a refusal of the payment.
 */
function kkiDuplicate(split: [number, string, string] | undefined, status: number): boolean {
  const { from, to, except } = KKI_DUPLICATE_CASE_STATUSES;
  return (
    split !== undefined &&
    status >= from &&
    status <= to &&
    !except.includes(status) &&
    split[2] === '01' &&
    KKI_CASE_SERVICE_CODES.includes(split[1])
  );
}

/** Resolves the `X-EXTERNAL-ID` for a call, rejecting one DOKU would refuse. */
export function externalIdFor(
  ctx: SnapContext,
  endpoint: string,
  options: SnapCallOptions | undefined,
): string {
  const id = options?.externalId ?? createExternalId(new Date(ctx.opts.now()));
  if (!isExternalId(id)) throw new DokuRequestError(endpoint, 'X-EXTERNAL-ID', 'format');
  return id;
}

/**
 * Sends a signed SNAP POST: fresh X-TIMESTAMP and X-SIGNATURE per attempt over the same body bytes
 * and X-EXTERNAL-ID. Retries network errors, timeouts, 429 and 5xx; refreshes the B2B token once on
 * `401xx01`/`401xx03`; returns a 2xx/202 or a `409xx00`/`409xx01` replay (or KKI case 01 at another
 * 4xx); throws `DokuError` for the rest, an unknown outcome once an earlier send went unanswered.
 */
export async function sendSnap(
  ctx: SnapContext,
  spec: { endpoint: string; path: string; headers?: Record<string, string> },
  bodyText: string,
  externalId: string,
  options: SnapCallOptions | undefined,
): Promise<SnapAnswer> {
  const { opts } = ctx;
  const timeoutMs = options?.timeoutMs ?? opts.timeoutMs;
  const signal = options?.signal;
  const retryAfter = retryBudget(opts, signal);
  let refreshed = false;
  let attempts = 0;
  // An earlier send of this call got no answer or a 5xx/429: DOKU may have acted on it. A refusal of
  // a later send then says nothing of that one, so it is an unknown outcome, never DOKU's decision.
  let uncertain = false;
  const fail = (
    init: Omit<ConstructorParameters<typeof DokuError>[0], 'endpoint' | 'externalId' | 'attempts'>,
  ) =>
    new DokuError({
      ...init,
      ...(uncertain && init.kind === 'decision' && { kind: 'unavailable', retryable: true }),
      endpoint: spec.endpoint,
      externalId,
      attempts,
    });

  for (;;) {
    let accessToken: string;
    try {
      ({ accessToken } = await ctx.tokens.get());
    } catch (error) {
      // The token refused after a send DOKU may have acted on: still an unknown outcome.
      if (uncertain && error instanceof DokuError && error.kind === 'decision') {
        throw fail({ kind: 'decision', reason: 'http', retryable: false, cause: error });
      }
      throw error;
    }
    const timestamp = snapTimestamp(new Date(opts.now()));
    const signature = await signSnapSymmetric({
      method: 'POST',
      path: spec.path,
      accessToken,
      body: bodyText,
      timestamp,
      secretKey: opts.secretKey,
    });
    const req: HttpRequest = {
      method: 'POST',
      path: spec.path,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${accessToken}`,
        'X-TIMESTAMP': timestamp,
        'X-SIGNATURE': signature,
        'X-PARTNER-ID': opts.clientId,
        'X-EXTERNAL-ID': externalId,
        ...spec.headers,
      },
      body: bodyText,
    };
    attempts++;
    const answer = await sendOnce(opts, req, timeoutMs, signal);
    const base = { endpoint: spec.endpoint, method: 'POST' as const, path: spec.path, attempt: attempts };

    if (!answer.ok) {
      uncertain = true;
      if (await retryAfter({ ...base, durationMs: answer.durationMs }, answer.failure)) continue;
      throw fail(noAnswerError(answer));
    }

    const body = parseJson(answer.text);
    const { responseCode, responseMessage } = readCode(body);
    const split = splitCode(responseCode);
    // DOKU's code carries its own HTTP part; trust it over a proxy's status line when they differ.
    const status = split?.[0] ?? answer.status;
    const logged = {
      ...base,
      httpStatus: answer.status,
      durationMs: answer.durationMs,
      ...(responseCode ? { responseCode } : {}),
    };
    const decisionInit = {
      httpStatus: answer.status,
      responseCode,
      responseMessage,
    };

    if (status === 401 && (split?.[2] === '01' || split?.[2] === '03') && !refreshed) {
      // The cached token was revoked or expired early: fetch a new one and send again, once.
      opts.log({ ...logged, outcome: 'refresh_token' });
      ctx.tokens.invalidate(accessToken);
      refreshed = true;
      continue;
    }
    if (status >= 500 || status === 429 || answer.status >= 500) {
      uncertain = true;
      if (await retryAfter(logged, undefined, answer.headers)) continue;
      throw fail({ ...decisionInit, kind: 'unavailable', reason: 'http', retryable: true });
    }
    if (
      responseCode &&
      ((status === 409 && (split?.[2] === '00' || split?.[2] === '01')) || kkiDuplicate(split, status))
    ) {
      // Same X-EXTERNAL-ID (or partnerReferenceNo) seen before: ours, so a replay, not a failure.
      opts.log({ ...logged, outcome: 'replay' });
      return { kind: 'replay', httpStatus: answer.status, responseCode, body, attempts };
    }
    if (status >= 200 && status < 300 && answer.status >= 200 && answer.status < 300) {
      if (!responseCode) {
        opts.log({ ...logged, outcome: 'error', failure: 'malformed' });
        throw fail({
          ...decisionInit,
          kind: 'unavailable',
          reason: 'malformed',
          retryable: false,
        });
      }
      opts.log({ ...logged, outcome: status === 202 ? 'pending' : 'success' });
      return { kind: 'ok', httpStatus: answer.status, responseCode, body, attempts };
    }
    opts.log({ ...logged, outcome: 'error', ...(responseCode ? {} : { failure: 'malformed' as const }) });
    throw fail({ ...decisionInit, kind: 'decision', reason: 'http', retryable: false });
  }
}

/** Validates a 2xx body (or a replay's original body) against the endpoint's response schema. */
export function readSnapBody<S extends z.ZodType>(
  spec: SnapSpec<S>,
  answer: { httpStatus: number; responseCode: string; body: unknown; attempts: number },
  externalId: string,
  replayed: boolean,
): SnapResult<z.output<S>> {
  const parsed = spec.schema.safeParse(answer.body);
  if (!parsed.success) {
    throw new DokuError({
      kind: 'unavailable',
      reason: 'malformed',
      endpoint: spec.endpoint,
      httpStatus: answer.httpStatus,
      responseCode: answer.responseCode,
      retryable: false,
      externalId,
      attempts: answer.attempts,
    });
  }
  const http = splitCode(answer.responseCode)?.[0] ?? answer.httpStatus;
  return {
    source: 'response',
    data: parsed.data,
    responseCode: answer.responseCode,
    httpStatus: answer.httpStatus,
    pending: http === 202,
    replayed,
    externalId,
    attempts: answer.attempts,
  };
}

/**
 * Reads the original outcome a `409` carries (`REPLAY_ORIGINAL_RESPONSE_FIELD.snap`): a result for
 * an original 2xx, a thrown decision for an original 4xx, `undefined` when the 409 carries none.
 */
export function readSnapReplay<S extends z.ZodType>(
  spec: SnapSpec<S>,
  answer: Extract<SnapAnswer, { kind: 'replay' }>,
  externalId: string,
): SnapResult<z.output<S>> | undefined {
  const body = answer.body as Record<string, unknown> | undefined;
  const original = body?.[REPLAY_ORIGINAL_RESPONSE_FIELD.snap];
  const { responseCode, responseMessage } = readCode(original);
  const split = splitCode(responseCode);
  if (!responseCode || !split) return undefined;
  const [http] = split;
  if (http >= 200 && http < 300) {
    return readSnapBody(
      spec,
      { httpStatus: http, responseCode, body: original, attempts: answer.attempts },
      externalId,
      true,
    );
  }
  if (http >= 400 && http < 500) {
    throw new DokuError({
      kind: 'decision',
      reason: 'http',
      endpoint: spec.endpoint,
      httpStatus: http,
      responseCode,
      responseMessage,
      retryable: false,
      externalId,
      attempts: answer.attempts,
    });
  }
  return undefined;
}

/** The error for a replay whose outcome cannot be read: accepted before, result unknown for now. */
export function unresolvedReplay(
  endpoint: string,
  answer: { httpStatus: number; responseCode?: string; attempts: number },
  ids: { externalId?: string; requestId?: string },
): DokuError {
  return new DokuError({
    kind: 'in_progress',
    reason: 'replay_unresolved',
    endpoint,
    httpStatus: answer.httpStatus,
    responseCode: answer.responseCode,
    retryable: false,
    ...ids,
    attempts: answer.attempts,
  });
}
