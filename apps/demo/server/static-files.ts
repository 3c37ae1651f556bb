// Serves the built shop (dist/) with @hono/node-server's serveStatic, an index.html fallback for the
// client-side routes, and the page headers (CSP, no framing, nosniff). serveStatic refuses paths
// that leave dist/ and malformed percent-encodings; those get the app's page, whose router shows
// its not-found view.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { appPageHeaders } from './security-headers.js';

/** Routes serving files under `root`; unknown paths get index.html (the router takes over). */
export function serveBuiltApp(root: string): Hono {
  const app = new Hono();
  app.use('*', appPageHeaders());
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        // Vite's hashed assets never change; everything else is checked on each visit.
        c.header(
          'Cache-Control',
          c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.get(
    '*',
    serveStatic({
      root,
      path: 'index.html',
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  return app;
}
