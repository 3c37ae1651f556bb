// CSRF defence for state-changing browser routes: the request must come from an allowed origin
// (Origin, or Referer when a browser sends no Origin) and carry `X-KKI-Request: 1`, a header a
// cross-site form cannot set and a cross-site fetch cannot send without a preflight the BFF refuses.
import { KKI_REQUEST_HEADER } from '@kki-kit/contract';
import type { MiddlewareHandler } from 'hono';
import { KkiDomainError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser request claims, from `Origin` or else `Referer`; null when neither is usable. */
export function requestOrigin(headers: Headers): string | null {
  const origin = headers.get('origin');
  if (origin && origin !== 'null') return origin;
  const referer = headers.get('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/**
 * Refuses (403 `csrf_rejected`) a state-changing request without the header or from an origin not
 * in `allowedOrigins`. A request with neither Origin nor Referer is refused too: every browser that
 * runs the kit sends Origin on a cross-origin or non-GET fetch.
 */
export function csrfGuard(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      if (c.req.header(KKI_REQUEST_HEADER) !== '1') {
        throw new KkiDomainError('csrf_rejected', {
          internal: `the ${KKI_REQUEST_HEADER}: 1 header is missing (every state-changing call sends it)`,
        });
      }
      const origin = requestOrigin(c.req.raw.headers);
      if (origin === null) {
        throw new KkiDomainError('csrf_rejected', {
          internal: 'neither an Origin nor a Referer header names the calling page',
        });
      }
      if (!allowed.has(origin)) {
        throw new KkiDomainError('csrf_rejected', {
          internal: `origin ${origin} is not in allowedOrigins (${[...allowed].join(', ')})`,
        });
      }
    }
    await next();
  };
}
