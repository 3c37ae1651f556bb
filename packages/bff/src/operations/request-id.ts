// Request ids: hono's request-id middleware names every request (an incoming X-Request-Id is kept
// when it is sane, else a UUID is made) and answers with the id; hono's context storage makes the
// request reachable from code that has no Context (the logger), so every log line of a request
// carries its id.
import { REQUEST_ID_HEADER } from '@kki-kit/contract';
import { randomBytes, toBase64 } from '@kki-kit/doku';
import type { MiddlewareHandler } from 'hono';
import { contextStorage, getContext } from 'hono/context-storage';
import { requestId } from 'hono/request-id';

/** The longest incoming id kept; a longer one, or one with other characters than `\w`, `-`, `=`, is replaced. */
export const REQUEST_ID_MAX_LENGTH = 128;

/**
 * A fresh id: 16 random bytes in base64url (22 characters). Not a UUID: the log redaction masks
 * 12+ digit runs (dashes allowed) as card numbers, which a UUID's hex groups sometimes form.
 */
export function newRequestId(): string {
  return toBase64(randomBytes(16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The middleware that names each request and keeps it reachable (mount first, on `*`). Mounted in a
 * server that already runs hono's request-id middleware, the server's id is kept.
 */
export function requestIds(): MiddlewareHandler[] {
  const naming = requestId({
    headerName: REQUEST_ID_HEADER,
    limitLength: REQUEST_ID_MAX_LENGTH,
    generator: newRequestId,
  });
  return [contextStorage(), async (c, next) => (c.get('requestId') === undefined ? naming(c, next) : next())];
}

/** The id of the request being served, or undefined outside a request (start-up, background work). */
export function currentRequestId(): string | undefined {
  try {
    return getContext().get('requestId');
  } catch {
    return undefined;
  }
}
