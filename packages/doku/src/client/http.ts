import type { DokuErrorInit } from './errors.js';
import type { DokuLogEvent, ResolvedDokuOptions } from './options.js';

/** An HTTP answer, body read as text (the exact bytes matter for Non-SNAP response signatures). */
export interface HttpAnswer {
  ok: true;
  status: number;
  headers: Headers;
  text: string;
  durationMs: number;
}

/** No HTTP answer: the attempt timed out or the connection failed. */
export interface HttpFailure {
  ok: false;
  failure: 'timeout' | 'network';
  error: unknown;
  durationMs: number;
}

/** One HTTP request as the client sends it. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Sends once with a per-attempt timeout combined with the caller's signal. A caller abort is
 * rethrown as is (the caller asked to stop; nothing to classify); a timeout or network error is
 * returned, so the caller can decide whether to retry.
 */
export async function sendOnce(
  opts: ResolvedDokuOptions,
  req: HttpRequest,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<HttpAnswer | HttpFailure> {
  callerSignal?.throwIfAborted();
  // A timer cleared when the attempt ends, not AbortSignal.timeout: that one keeps the request, its
  // caller's context and signal reachable until the full timeout has passed, long after the answer
  // (about 6 kB per payment on the BFF's heap, issue 18).
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException('The DOKU call timed out', 'TimeoutError')),
    timeoutMs,
  );
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await raceAbort(
      opts.send(opts.baseUrl + req.path, {
        method: req.method,
        headers: req.headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal,
      }),
      signal,
    );
    return { ok: true, status: res.status, headers: res.headers, text: res.text, durationMs: elapsed() };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const failure = timeout.signal.aborted ? 'timeout' : 'network';
    return { ok: false, failure, error, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects as soon as `signal` aborts, even if the transport (an injected fetch) ignores its signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Full-jitter exponential backoff: uniform in [0, min(5 s, base·2^retry)]. */
export function backoffMs(baseMs: number, retry: number): number {
  return Math.random() * Math.min(5_000, baseMs * 2 ** retry);
}

/** The longest `Retry-After` a call waits out; DOKU asking for longer ends the call (unknown outcome). */
export const MAX_RETRY_AFTER_MS = 10_000;

/** An answer's `Retry-After` in ms (delay-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, nowMs: number): number | null {
  const value = headers?.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * The retry budget of one call. The returned function logs an attempt that may be retried (no
 * answer, 5xx, 429) as `retry` or `error` and, while the budget lasts, waits the backoff, or the
 * answer's `Retry-After` when longer (past {@link MAX_RETRY_AFTER_MS} it does not retry); it resolves
 * to true when the caller should send again.
 */
export function retryBudget(
  opts: ResolvedDokuOptions,
  signal: AbortSignal | undefined,
): (
  event: Omit<DokuLogEvent, 'outcome' | 'failure'>,
  failure?: DokuLogEvent['failure'],
  headers?: Headers,
) => Promise<boolean> {
  let retry = 0;
  return async (event, failure, headers) => {
    const asked = retryAfterMs(headers, opts.now());
    const canRetry = retry < opts.retries && (asked === null || asked <= MAX_RETRY_AFTER_MS);
    // `failure` after `outcome`: the order log lines have always had.
    opts.log({
      ...event,
      outcome: canRetry ? 'retry' : 'error',
      ...(failure === undefined ? {} : { failure }),
    });
    if (canRetry) await sleep(Math.max(backoffMs(opts.retryDelayMs, retry++), asked ?? 0), signal);
    return canRetry;
  };
}

/** How a `DokuError` reads an attempt that got no HTTP answer: retryable, DOKU may or may not have acted. */
export function noAnswerError(
  answer: HttpFailure,
): Pick<DokuErrorInit, 'kind' | 'reason' | 'retryable' | 'cause'> {
  return {
    kind: 'unavailable',
    reason: answer.failure,
    retryable: true,
    cause: answer.error,
  };
}

/** Waits `ms`, or rejects with the caller's abort reason. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses a JSON body; `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
