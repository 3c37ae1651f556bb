// Request body size limit, checked on Content-Length and on the bytes actually read (a chunked body
// has no length), before any parsing.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { KkiDomainError } from '../errors.js';

const tooLarge = (): never => {
  throw new KkiDomainError('payload_too_large');
};

/** Refuses bodies above `maxBytes` with 413 `payload_too_large`. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const counted = honoBodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    // A declared length is all hono's middleware checks when there is one, but it first reads
    // `c.req.raw.body`, which makes @hono/node-server build a whole web Request (an AbortSignal, a
    // stream for the body) for every call, GETs included: about 9% of the BFF's busy time in a profile.
    // So: no body, or a declared length, is checked here; only a chunked body is counted by hono's.
    // Node's parser holds a body to its Content-Length, so the header is the size.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxBytes ? tooLarge() : next();
    }
    return counted(c, next);
  };
}
