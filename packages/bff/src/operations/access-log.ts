// Debug-level access log: a line when a request arrives and one when it is answered, both with the
// request's id (from the logger's context). Off at the default `info` level; with `debug` an
// operator sees what was in flight when something went wrong.
import type { MiddlewareHandler } from 'hono';
import type { Log } from '../log.js';

/**
 * Logs `request received` and `request answered` (status, duration) at debug level. `pathOf` gives
 * the path as logged (a path that carries a credential is written without it).
 */
export function accessLog(log: Log, pathOf: (path: string) => string = (path) => path): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const path = pathOf(c.req.path);
    log.debug('request received', { method: c.req.method, path });
    try {
      await next();
    } finally {
      log.debug('request answered', {
        method: c.req.method,
        path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      });
    }
  };
}
