// The bare pass-through proxy the BFF is compared with: a Hono app on @hono/node-server that forwards
// every request to the sandbox as it came (method, path, query, headers, body bytes) and answers what
// the sandbox answered. No validation, signing, encryption or store: only the cost of a Hono hop.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** A listening proxy. */
export interface PassThroughProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port in front of `upstream` (an origin, no trailing slash). */
export async function startPassThroughProxy(upstream: string): Promise<PassThroughProxy> {
  const app = new Hono();
  app.all('*', async (c) => {
    const incoming = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.delete('host');
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const answer = await fetch(`${upstream}${incoming.pathname}${incoming.search}`, {
      method: c.req.method,
      headers,
      ...(hasBody ? { body: await c.req.arrayBuffer() } : {}),
    });
    const out = new Headers(answer.headers);
    // fetch already decoded the body; its length and encoding headers no longer describe it.
    out.delete('content-encoding');
    out.delete('content-length');
    out.delete('transfer-encoding');
    return new Response(answer.body, { status: answer.status, headers: out });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
