// Request body size limit, checked on Content-Length and on the bytes actually read (a chunked body
// has no length), before any parsing.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { KkiDomainError } from '../errors.js';

/** Refuses bodies above `maxBytes` with 413 `payload_too_large`. */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new KkiDomainError('payload_too_large');
    },
  });
}
