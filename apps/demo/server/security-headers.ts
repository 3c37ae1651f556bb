// Security headers of the demo's own answers, with hono's secureHeaders: the shop API's JSON (never
// framed, never cached, no content allowed to run) and the built app's pages (a CSP the Vite build
// works with: its scripts and styles are files on this origin; DOKU's card page is framed from
// /api/kki on this origin too).
import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';

/** Headers of every `/api/shop` answer, errors included. */
export function shopApiHeaders(): MiddlewareHandler {
  return every(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
    }),
    async (c, next) => {
      await next();
      // Orders, sessions and staff views are per customer: no shared or browser cache keeps them.
      c.header('Cache-Control', 'no-store');
    },
  );
}

/** Headers of the built shop's pages and assets. */
export function appPageHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameSrc: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
  });
}
