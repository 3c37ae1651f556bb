// Serves the built shop (dist/) with an index.html fallback for the client-side routes.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** A handler serving files under `root`; unknown paths get index.html (the router takes over). */
export function serveBuiltApp(root: string) {
  const base = normalize(root) + sep;
  return async (c: Context): Promise<Response> => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const candidate = normalize(join(base, path));
    // Never outside dist/, whatever the path says.
    const inside = candidate.startsWith(base) && (await isFile(candidate));
    const file = inside ? candidate : join(base, 'index.html');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = await readFile(file);
    const immutable = inside && path.startsWith('/assets/');
    return new Response(body, {
      headers: {
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    });
  };
}
