// A merchant site for the browser suites, on a real 127.0.0.1 port: result pages, a page that frames
// `src`, a page that opens `src` in a popup, and a Non-SNAP notification endpoint that checks the
// signature.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { verifyNonSnap } from '@kki-kit/doku';
import { Hono } from 'hono';

export interface Site {
  url: string;
  notifications: Array<{ body: Record<string, unknown>; valid: boolean }>;
  close(): Promise<void>;
}

/** A site on a real 127.0.0.1 port: result pages, a page that frames `src`, a notification endpoint. */
export async function startSite(secretKey: string, clientId: string): Promise<Site> {
  const notifications: Site['notifications'] = [];
  const app = new Hono();
  app.get('/pay/ok', (c) => c.html('<!doctype html><title>Thanks</title><h1>Thank you for your order</h1>'));
  app.get('/pay/failed', (c) => c.html('<!doctype html><title>Failed</title><h1>Payment failed</h1>'));
  app.get('/pay/cancelled', (c) =>
    c.html('<!doctype html><title>Cancelled</title><h1>Payment cancelled</h1>'),
  );
  app.get('/popup', (c) => {
    // The src is JSON-encoded into the script, and `<` escaped so it cannot end the script element.
    const src = JSON.stringify(c.req.query('src') ?? '').replace(/</g, '\\u003c');
    return c.html(
      `<!doctype html><title>Shop</title><button id="pay" type="button">Pay</button><script>document.getElementById('pay').onclick=function(){window.open(${src},'doku','width=420,height=760')}</script>`,
    );
  });
  app.get('/checkout', (c) => {
    const src = (c.req.query('src') ?? '').replace(/"/g, '&quot;');
    return c.html(
      `<!doctype html><title>Checkout</title><h1>Checkout</h1><iframe title="Card payment" src="${src}" width="420" height="760"></iframe>`,
    );
  });
  app.post('/payments/notifications', async (c) => {
    const raw = await c.req.text();
    const valid = await verifyNonSnap({
      clientId: c.req.header('Client-Id') ?? '',
      requestId: c.req.header('Request-Id') ?? '',
      timestamp: c.req.header('Request-Timestamp') ?? '',
      requestTarget: '/payments/notifications',
      body: raw,
      secretKey,
      signature: c.req.header('Signature') ?? '',
    });
    notifications.push({
      body: JSON.parse(raw) as Record<string, unknown>,
      valid: valid && c.req.header('Client-Id') === clientId,
    });
    return c.body(null, 200);
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
