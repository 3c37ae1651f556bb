// The demo's server, one Node process: the BFF embedded under /api/kki with the shop's own session
// and staff check as its hooks (and, in its offline mode, the DOKU sandbox with its hosted pages),
// the shop's API under /api/shop, and the built React app.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createKkiBff, type KkiBff, type KkiLogger } from '@kki-kit/bff';
import type { Sandbox } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { createLoginThrottle, type LoginThrottleLimits, STAFF_LOGIN_LIMITS } from './login-throttle.js';
import { openOrderIndex } from './orders.js';
import { readSession } from './session.js';
import { createShopRoutes } from './shop-routes.js';
import { createStaffSessions } from './staff-sessions.js';
import { serveBuiltApp } from './static-files.js';
import { createWebhookReceiver } from './webhook-receiver.js';

/** Where the shop receives the BFF's signed webhooks. */
export const WEBHOOK_PATH = '/api/webhooks/kki';

/** The staff password when `DEMO_STAFF_PASSWORD` is not set (documented in the README). */
export const DEFAULT_STAFF_PASSWORD = 'staf-demo';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Port of the shop (0 picks a free one). */
  port: number;
  host?: string;
  /** Where PGlite, the order list and the session secret live; `null` keeps everything in memory. */
  dataDir: string | null;
  /** The built app to serve; `null` serves the API only (Vite serves the pages in dev). */
  staticDir: string | null;
  /** The origin the browser uses, when not this server's own (Vite's dev server). */
  publicOrigin?: string;
  staffPassword?: string;
  /** Limits on wrong staff passwords (default {@link STAFF_LOGIN_LIMITS}). */
  staffLoginLimits?: LoginThrottleLimits;
  logger?: KkiLogger;
  /** Where the shop's own error lines go (default: stderr). */
  log?: (line: string) => void;
  /**
   * How the BFF takes KKI: `'checkout'` (DOKU Checkout's page, what most merchants must use) or
   * `'h2h'` (card field in the shop: PCI DSS merchants only). Default: the `KKI_INTEGRATION`
   * environment variable, else `'checkout'`.
   */
  integration?: 'checkout' | 'h2h';
  /**
   * Mounts the sandbox's control API (`/api/kki/__doku/__sandbox/*`: every customer's ledger, clock,
   * approve/decline) for browser tests. Default: `DEMO_SANDBOX_CONTROL=1`. Never on a reachable demo.
   */
  sandboxControl?: boolean;
}

/** The demo's KKI integration: the option, else `KKI_INTEGRATION`, else DOKU Checkout (the default path). */
function demoIntegration(options: DemoServerOptions): 'checkout' | 'h2h' {
  return options.integration ?? (process.env.KKI_INTEGRATION === 'h2h' ? 'h2h' : 'checkout');
}

/** A running demo. */
export interface DemoServer {
  /** The URL to open, no trailing slash. */
  url: string;
  bff: KkiBff;
  /** The BFF's in-process DOKU sandbox. */
  sandbox: Sandbox;
  close(): Promise<void>;
}

function sessionSecret(dataDir: string | null): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  // Kept next to the data, so sessions survive a restart as the orders do.
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * What the shop answers before its routes are all in place: 503 with `Retry-After`. Hono builds its
 * router on the first request and refuses routes after that, so the app must not see a request
 * until it is complete (a browser polling during `npm start` would otherwise stop the start).
 */
function starting(request: Request): Response {
  const headers = { 'Retry-After': '1', 'Cache-Control': 'no-store' };
  const message = 'The demo shop is starting. Try again in a moment.';
  return new URL(request.url).pathname.startsWith('/api/')
    ? Response.json({ error: { code: 'starting', message } }, { status: 503, headers })
    : new Response(message, {
        status: 503,
        headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
      });
}

/** Binds the port now and serves `starting` until `open(app)` hands over the finished app. */
async function listen(port: number, hostname: string) {
  // The node server's bindings (the socket, which getConnInfo reads) go through with the request.
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = starting;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: (request, env) => handler(request, env), port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  return {
    server,
    open(app: Hono) {
      handler = (request, env) => app.fetch(request, env);
    },
  };
}

/** Starts the sandbox, the BFF and the shop; resolves once the shop listens. */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const secret = sessionSecret(options.dataDir);
  const staffPassword = options.staffPassword ?? DEFAULT_STAFF_PASSWORD;

  // The shop's port decides its URL, which the BFF and the sandbox need first: bind it now.
  const app = new Hono();
  const { server, open } = await listen(options.port, host);
  const port = (server.address() as AddressInfo).port;
  const ownOrigin = `http://${host}:${port}`;
  const origin = options.publicOrigin ?? ownOrigin;
  const secureCookies = origin.startsWith('https:');
  const staff = createStaffSessions({ secret, secureCookies });

  // The BFF signs a webhook per event to the shop's own endpoint (a fresh secret per start: each
  // POST is signed when it is sent); the staff page lists the deliveries.
  const webhookSecret = randomBytes(32).toString('base64url');
  const receiver = createWebhookReceiver(webhookSecret, options.log ?? ((line) => console.error(line)));
  app.route(WEBHOOK_PATH, receiver.app);

  let bff: KkiBff;
  try {
    // Offline mode: the BFF runs the DOKU sandbox in-process, serves its hosted pages (OTP, issuer
    // app, card page) under /api/kki/__doku on this origin, and receives its notifications directly.
    // Its control API (ledgers of every customer, approve/decline) stays off unless a browser test
    // asks for it: the demo is public.
    const control = options.sandboxControl ?? process.env.DEMO_SANDBOX_CONTROL === '1';
    bff = await createKkiBff({
      environment: 'offline',
      offlineSandbox: { merchantName: 'Toko Nusantara (demo)', ...(control && { control: true }) },
      publicUrl: `${origin}/api/kki`,
      // H2H only as a merchant that states PCI DSS certification; Checkout needs no statement.
      kki:
        demoIntegration(options) === 'h2h'
          ? { integration: 'h2h', pciDss: true }
          : { integration: 'checkout' },
      allowedOrigins: [...new Set([origin, ownOrigin])],
      returnUrls: { success: `${origin}/orders`, failure: `${origin}/orders` },
      store: options.dataDir ? { dataDir: join(options.dataDir, 'pglite') } : {},
      authenticate: async (c) => (await readSession(c, secret))?.customerId ?? null,
      // The shop's staff check: a live staff session (signed in with the staff password).
      authorizeRefund: (c) => staff.isStaff(c),
      webhooks: { url: `${ownOrigin}${WEBHOOK_PATH}`, secret: webhookSecret, schedule: [5, 30, 120, 600] },
      ...(options.logger && { logger: options.logger }),
    });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const sandbox = bff.doku.sandbox;
  if (!sandbox) throw new Error('the BFF runs no in-process sandbox in offline mode');

  app.route('/api/kki', bff.app);
  app.route(
    '/api/shop',
    createShopRoutes({
      bff,
      orders: openOrderIndex(options.dataDir ? join(options.dataDir, 'orders.json') : null),
      sessionSecret: secret,
      staffPassword,
      staff,
      loginThrottle: createLoginThrottle(options.staffLoginLimits ?? STAFF_LOGIN_LIMITS),
      allowedOrigins: [...new Set([origin, ownOrigin])],
      secureCookies,
      ...(options.log && { log: options.log }),
    }),
  );
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found' } }, 404));
  if (options.staticDir) app.route('/', serveBuiltApp(options.staticDir));
  open(app);

  return {
    url: ownOrigin,
    bff,
    sandbox,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await bff.close();
    },
  };
}
