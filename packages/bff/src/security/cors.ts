// CORS for a BFF on another origin than the shop's pages (e.g. api.shop.example serving
// www.shop.example), through hono's cors middleware bound to `allowedOrigins`. A BFF whose allowed
// origins are all its own origin (mounted same-origin, the default) sends no CORS headers at all.
import {
  IDEMPOTENCY_KEY_HEADER,
  KKI_LOCALE_HEADER,
  KKI_REQUEST_HEADER,
  REQUEST_ID_HEADER,
} from '@kki-kit/contract';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** Paths never given CORS headers: the merchant API is for servers, not browsers. */
export const NO_CORS_PREFIXES = ['/merchant'] as const;

/**
 * The CORS middleware for `allowedOrigins` (with cookies, the kit's request headers, and
 * `X-Request-Id` readable by the page), or null when every allowed origin is `ownOrigin`.
 */
export function kkiCors(allowedOrigins: readonly string[], ownOrigin: string): MiddlewareHandler | null {
  const crossOrigin = allowedOrigins.filter((o) => o !== ownOrigin);
  if (crossOrigin.length === 0) return null;
  const allowed = new Set(allowedOrigins);
  const middleware = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: [
      'Content-Type',
      'Authorization',
      KKI_REQUEST_HEADER,
      IDEMPOTENCY_KEY_HEADER,
      KKI_LOCALE_HEADER,
      REQUEST_ID_HEADER,
    ],
    exposeHeaders: [REQUEST_ID_HEADER, 'Retry-After'],
    maxAge: 600,
  });
  return async (c, next) => {
    // The path inside this app, wherever it is mounted: this middleware is registered on `*`, so its
    // route path is the mount path plus `/*`.
    const mount = c.req.routePath.replace(/\/?\*$/, '');
    const path = c.req.path.slice(mount.length) || '/';
    if (NO_CORS_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return next();
    return middleware(c, next);
  };
}
