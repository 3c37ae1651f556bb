// A BFF on a DOKU sandbox that runs on its own port and cannot reach the shop: DOKU's notifications
// never arrive, so the BFF knows only what it asks DOKU (reconciliation, a refresh) or finds stored.
import { type SandboxServer, startSandboxServer } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { createKkiBff, type KkiBff } from '../src/app.js';
import type { KkiBffOptions } from '../src/index.js';
import { MOUNT, newKey, ORIGIN } from './kki-setup.js';

export interface SandboxServerHarness {
  server: SandboxServer;
  bff: KkiBff;
  /** A browser call as `customer`: GET without a body, POST (with a new idempotency key) with one. */
  call(customer: string, path: string, body?: unknown): Promise<Response>;
  /** The sandbox's control API: POST with a body, DELETE without (e.g. clearing `/faults`). */
  control(path: string, body?: unknown): Promise<Response>;
  /** One reconciliation pass, a few milliseconds after the last write (its `before` is exclusive). */
  run(): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the sandbox server and a BFF on it with `reconciliation` (runs only when the test calls). */
export async function startOnSandboxServer(
  reconciliation: NonNullable<KkiBffOptions['reconciliation']>,
): Promise<SandboxServerHarness> {
  const server = await startSandboxServer({ control: true });
  const bff = await createKkiBff({
    environment: server.url,
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    logger: () => {},
    reconciliation: { intervalMs: 3_600_000, ...reconciliation },
  });
  const host = new Hono();
  host.route(MOUNT, bff.app);
  return {
    server,
    bff,
    call: async (customer, path, body) =>
      host.request(`${ORIGIN}${MOUNT}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && { body: JSON.stringify(body) }),
        headers: {
          'x-test-customer': customer,
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          ...(body !== undefined && { 'idempotency-key': newKey() }),
        },
      }),
    control: (path, body) =>
      fetch(`${server.url}/__sandbox${path}`, {
        method: body === undefined ? 'DELETE' : 'POST',
        ...(body !== undefined && {
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
      }),
    async run() {
      await new Promise((r) => setTimeout(r, 5));
      return bff.services.reconciliation?.run();
    },
    async close() {
      await bff.close();
      await server.close();
    },
  };
}
