// Secure response headers for every answer: no sniffing, no framing of JSON, no caching of payment
// data, no referrer leaks. The card return page sets its own frame policy (it runs inside the iframe).
import type { MiddlewareHandler } from 'hono';

/** Adds the security headers after the handler ran (so a handler's own values win). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const set = (name: string, value: string) => {
      if (!h.has(name)) h.set(name, value);
    };
    set('X-Content-Type-Options', 'nosniff');
    set('Referrer-Policy', 'no-referrer');
    set('Cache-Control', 'no-store');
    set('Cross-Origin-Resource-Policy', 'same-origin');
    // A handler that sets its own CSP (the card return page, framed by the shop) owns framing too.
    if (!h.has('Content-Security-Policy')) {
      h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      set('X-Frame-Options', 'DENY');
    }
  };
}
