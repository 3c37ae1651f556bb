// One bench server in a process of its own: `sandbox`, `proxy <upstream>` or `bff <sandbox> <store>`
// (store: JSON `{ "dataDir": … }` or `{ "databaseUrl": …, "schema": … }`). It tells the parent its
// URL; the BFF child also makes orders through the merchant API (outside the timed loop, as a shop
// does before checkout) and reports its memory, on request.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createKkiBff } from '@kki-kit/bff';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  startSandboxServer,
} from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { failStart, serveParent } from './child.js';
import { AMOUNT, BENCH_CUSTOMER_HEADER, BFF_MOUNT, CUSTOMERS } from './constants.js';
import { startPassThroughProxy } from './proxy.js';

/** What `memory` answers: `process.memoryUsage()` after a full GC, in bytes. */
export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  external: number;
}

function memory(): MemoryFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
}

async function startBff(
  sandboxUrl: string,
  store: { dataDir: string } | { databaseUrl: string; schema: string },
) {
  const host = new Hono();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req) => host.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bff = await createKkiBff({
    publicUrl: `${origin}${BFF_MOUNT}`,
    // The load is KKI payments with a new card: the host-to-host path.
    kki: { integration: 'h2h', pciDss: true },
    environment: sandboxUrl,
    clientId: DEFAULT_CLIENT_ID,
    secretKey: DEFAULT_SECRET_KEY,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
    store,
    authenticate: (c) => c.req.header(BENCH_CUSTOMER_HEADER) ?? null,
    // The per-customer payment limit guards real customers; a load test is many payments by design.
    rateLimits: { payment: { max: 1_000_000, windowMs: 60_000 } },
    reconciliation: { enabled: false },
  });
  host.route(BFF_MOUNT, bff.app);
  serveParent(
    { url: origin },
    async (request) => {
      if (request.type === 'orders') {
        const ids: string[] = [];
        for (let i = 0; i < Number(request.count); i++) {
          const order = await bff.merchant.createOrder({
            customerId: `bench-${i % CUSTOMERS}`,
            amount: AMOUNT,
          });
          ids.push(order.id);
        }
        return ids;
      }
      if (request.type === 'memory') return memory();
      if (request.type === 'dropSchema' && 'schema' in store) {
        await bff.store.db.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
        return true;
      }
      throw new Error(`unknown request ${request.type}`);
    },
    async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bff.close();
    },
  );
}

async function main(): Promise<void> {
  const [role, a, b] = process.argv.slice(2);
  if (role === 'sandbox') {
    const sandbox = await startSandboxServer({ port: 0 });
    serveParent(
      { url: sandbox.url },
      async () => memory(),
      () => sandbox.close(),
    );
  } else if (role === 'proxy' && a) {
    const proxy = await startPassThroughProxy(a);
    serveParent(
      { url: proxy.url },
      async () => memory(),
      () => proxy.close(),
    );
  } else if (role === 'bff' && a && b) {
    await startBff(a, JSON.parse(b));
  } else {
    throw new Error(`usage: server-child sandbox | proxy <upstream> | bff <sandbox url> <store json>`);
  }
}

main().catch(failStart);
