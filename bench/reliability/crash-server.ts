// The BFF as its own process for the crash test: a PGlite data directory, DOKU at SANDBOX_URL, a
// free port. Prints `ready <url>` once listening. With RECONCILE=1 it first reconciles (what a
// restarted server does at start-up). `POST /test/orders` stands in for the merchant's own backend.
import type { AddressInfo } from 'node:net';
import { createKkiBff, NOTIFICATION_PATHS, serve } from './kit.js';

const sandboxUrl = process.env.SANDBOX_URL;
const dataDir = process.env.DATA_DIR;
if (!sandboxUrl || !dataDir) throw new Error('SANDBOX_URL and DATA_DIR are required');

let handler: ((r: Request) => Response | Promise<Response>) | null = null;
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve(
    {
      fetch: (r) => (handler ? handler(r) : new Response(null, { status: 503 })),
      port: 0,
      hostname: '127.0.0.1',
    },
    () => resolve(s),
  );
});
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const bff = await createKkiBff({
  environment: sandboxUrl,
  publicUrl: `${url}/`,
  kki: { integration: 'h2h', pciDss: true },
  allowedOrigins: ['https://shop.test'],
  store: { dataDir },
  authenticate: (c) => c.req.header('x-test-customer') ?? null,
  logger: () => {},
  reconciliation: { enabled: false, pendingAfterMs: 1 },
  rateLimits: { payment: { max: 100_000, windowMs: 60_000 }, otp: { max: 100_000, windowMs: 60_000 } },
});
if (process.env.RECONCILE === '1') await bff.services.reconciliation?.run();
handler = async (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/test/orders' && request.method === 'POST') {
    const { customerId, amount } = (await request.json()) as { customerId: string; amount: number };
    return Response.json(await bff.merchant.createOrder({ customerId, amount }));
  }
  return bff.app.fetch(request);
};
console.log(`ready ${url} ${NOTIFICATION_PATHS.snap}`);
process.on('SIGTERM', () => {
  server.close();
  void bff.close().then(() => process.exit(0));
});
