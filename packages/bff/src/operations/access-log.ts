// Debug-level access log: a line when a request arrives and one when it is answered, both with the
// request's id (from the logger's context). Off at the default `info` level; with `debug` an
// operator sees what was in flight when something went wrong.
import type { MiddlewareHandler } from 'hono';
import type { Log } from '../log.js';

/** Logs `request received` and `request answered` (status, duration) at debug level. */
export function accessLog(log: Log): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    log.debug('request received', { method: c.req.method, path: c.req.path });
    try {
      await next();
    } finally {
      log.debug('request answered', {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      });
    }
  };
}
