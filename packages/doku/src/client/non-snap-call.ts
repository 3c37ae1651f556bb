import type * as z from 'zod';
import { createRequestId, nonSnapTimestamp } from '../crypto/ids.js';
import { signNonSnap, verifyNonSnap } from '../crypto/non-snap-signature.js';
import { REPLAY_ORIGINAL_RESPONSE_FIELD } from '../wire/open-questions.js';
import { DokuError, DokuRequestError } from './errors.js';
import { type HttpAnswer, noAnswerError, parseJson, retryBudget, sendOnce } from './http.js';
import type { ResolvedDokuOptions } from './options.js';

/** Per-call options of every Non-SNAP method. */
export interface NonSnapCallOptions {
  /** `Request-Id` (≤ 128). Map your idempotency key to it; default: a fresh UUID. */
  requestId?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A Non-SNAP call's outcome: DOKU's response body (the original one, for a replay). */
export interface NonSnapResult<T> {
  source: 'response';
  data: T;
  httpStatus: number;
  /** The outcome is DOKU's answer to an earlier send of this request (read from a `409`). */
  replayed: boolean;
  requestId: string;
  attempts: number;
}

/** What the Non-SNAP loop got back before endpoint-specific reading. */
export interface NonSnapAnswer {
  kind: 'ok' | 'replay';
  httpStatus: number;
  body: unknown;
  attempts: number;
}

/** Resolves the `Request-Id` for a call. */
export function requestIdFor(endpoint: string, options: NonSnapCallOptions | undefined): string {
  const id = options?.requestId ?? createRequestId();
  if (id.length < 1 || id.length > 128 || /[\r\n]/.test(id)) {
    throw new DokuRequestError(endpoint, 'Request-Id', 'format');
  }
  return id;
}

function errorCode(body: unknown): { code?: string; message?: string } {
  const errors = (body as { errors?: { code?: unknown; message?: unknown } } | undefined)?.errors;
  return {
    ...(typeof errors?.code === 'string' ? { code: errors.code } : {}),
    ...(typeof errors?.message === 'string' ? { message: errors.message } : {}),
  };
}

/**
 * Verifies DOKU's response `Signature` when the response carries one (doku-api.md §3.1,
 * Response-Timestamp form, over the response body as received). A response without `Signature`
 * passes: DOKU signs its documented responses but not, e.g., gateway errors.
 */
async function responseSignatureOk(
  opts: ResolvedDokuOptions,
  path: string,
  requestId: string,
  answer: HttpAnswer,
) {
  const signature = answer.headers.get('Signature');
  if (signature === null) return true;
  const timestamp = answer.headers.get('Response-Timestamp');
  if (timestamp === null) return false;
  return verifyNonSnap({
    clientId: answer.headers.get('Client-Id') ?? opts.nonSnapClientId,
    requestId: answer.headers.get('Request-Id') ?? requestId,
    timestamp,
    timestampHeader: 'Response-Timestamp',
    requestTarget: path,
    body: answer.text,
    secretKey: opts.nonSnapSecretKey,
    signature,
  });
}

/**
 * Sends a signed Non-SNAP request (POST with `Digest`, GET without), same Request-Id and body bytes
 * on every attempt. Retries network errors, timeouts, 429 and 5xx; returns 2xx or a 409 replay;
 * throws `DokuError` for the rest and for a response whose signature does not verify.
 */
export async function sendNonSnap(
  opts: ResolvedDokuOptions,
  spec: { endpoint: string; method: 'GET' | 'POST'; path: string },
  bodyText: string | undefined,
  requestId: string,
  options: NonSnapCallOptions | undefined,
): Promise<NonSnapAnswer> {
  const timeoutMs = options?.timeoutMs ?? opts.timeoutMs;
  const signal = options?.signal;
  const retryAfter = retryBudget(opts, signal);
  let attempts = 0;
  // As in `sendSnap`: after a send DOKU may have acted on (no answer, 5xx, 429), a later refusal
  // says nothing of it, so it is an unknown outcome, never DOKU's decision.
  let uncertain = false;
  const fail = (
    init: Omit<ConstructorParameters<typeof DokuError>[0], 'endpoint' | 'requestId' | 'attempts'>,
  ) =>
    new DokuError({
      ...init,
      ...(uncertain && init.kind === 'decision' && { kind: 'unavailable', retryable: true }),
      endpoint: spec.endpoint,
      requestId,
      attempts,
    });

  for (;;) {
    const timestamp = nonSnapTimestamp(new Date(opts.now()));
    const signature = await signNonSnap({
      clientId: opts.nonSnapClientId,
      requestId,
      timestamp,
      requestTarget: spec.path,
      body: bodyText ?? null,
      secretKey: opts.nonSnapSecretKey,
    });
    attempts++;
    const answer = await sendOnce(
      opts,
      {
        method: spec.method,
        path: spec.path,
        headers: {
          ...(bodyText === undefined ? {} : { 'Content-Type': 'application/json' }),
          'Client-Id': opts.nonSnapClientId,
          'Request-Id': requestId,
          'Request-Timestamp': timestamp,
          Signature: signature,
        },
        ...(bodyText === undefined ? {} : { body: bodyText }),
      },
      timeoutMs,
      signal,
    );
    const base = { endpoint: spec.endpoint, method: spec.method, path: spec.path, attempt: attempts };

    if (!answer.ok) {
      uncertain = true;
      if (await retryAfter({ ...base, durationMs: answer.durationMs }, answer.failure)) continue;
      throw fail(noAnswerError(answer));
    }

    const body = parseJson(answer.text);
    const { code, message } = errorCode(body);
    const logged = {
      ...base,
      httpStatus: answer.status,
      durationMs: answer.durationMs,
      ...(code ? { responseCode: code } : {}),
    };
    if (!(await responseSignatureOk(opts, spec.path, requestId, answer))) {
      // Someone between DOKU and us changed the answer, or it is not DOKU's: trust nothing in it.
      opts.log({ ...logged, outcome: 'error', failure: 'bad_signature' });
      throw fail({
        kind: 'unavailable',
        reason: 'bad_signature',
        httpStatus: answer.status,
        retryable: false,
      });
    }
    const status = answer.status;
    const init = { httpStatus: status, responseCode: code, responseMessage: message };
    if (status >= 500 || status === 429) {
      uncertain = true;
      if (await retryAfter(logged, undefined, answer.headers)) continue;
      throw fail({
        ...init,
        kind: 'unavailable',
        reason: 'http',
        retryable: true,
      });
    }
    if (status === 409) {
      opts.log({ ...logged, outcome: 'replay' });
      return { kind: 'replay', httpStatus: status, body, attempts };
    }
    if (status >= 200 && status < 300) {
      if (body === undefined) {
        opts.log({ ...logged, outcome: 'error', failure: 'malformed' });
        throw fail({
          ...init,
          kind: 'unavailable',
          reason: 'malformed',
          retryable: false,
        });
      }
      opts.log({ ...logged, outcome: 'success' });
      return { kind: 'ok', httpStatus: status, body, attempts };
    }
    opts.log({ ...logged, outcome: 'error' });
    throw fail({
      ...init,
      kind: 'decision',
      reason: 'http',
      retryable: false,
    });
  }
}

/** Validates a Non-SNAP body against the endpoint's response schema. */
export function readNonSnapBody<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  answer: { httpStatus: number; body: unknown; attempts: number },
  requestId: string,
  replayed: boolean,
): NonSnapResult<z.output<S>> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) {
    throw new DokuError({
      kind: 'unavailable',
      reason: 'malformed',
      endpoint,
      httpStatus: answer.httpStatus,
      retryable: false,
      requestId,
      attempts: answer.attempts,
    });
  }
  return {
    source: 'response',
    data: parsed.data,
    httpStatus: answer.httpStatus,
    replayed,
    requestId,
    attempts: answer.attempts,
  };
}

/**
 * The original outcome a Non-SNAP `409` carries: under `REPLAY_ORIGINAL_RESPONSE_FIELD.nonSnap`, or
 * the 409 body itself when it is a complete success body. `undefined` when it carries none.
 */
export function readNonSnapReplay<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  answer: NonSnapAnswer,
  requestId: string,
): NonSnapResult<z.output<S>> | undefined {
  const body = answer.body as Record<string, unknown> | undefined;
  const original = body?.[REPLAY_ORIGINAL_RESPONSE_FIELD.nonSnap] ?? body;
  if (original === undefined || errorCode(original).code !== undefined) return undefined;
  if (!schema.safeParse(original).success) return undefined;
  return readNonSnapBody(endpoint, schema, { ...answer, body: original }, requestId, true);
}
