// createKkiBff: the Hono app a merchant mounts, the merchant API next to it, and the store behind
// both. Security middleware wraps every route; each route module mounts its DOKU-facing routes only
// when the matching service exists.
import { customerIdSchema, kkiMerchantRoutes } from '@kki-kit/contract';
import * as z from 'zod';
import { Hono } from 'hono';
import {
  type AuthenticateHook,
  isProductionProcess,
  KkiBffConfigError,
  type KkiBffOptions,
  type ResolvedConfig,
  resolveConfig,
  sandboxCredentialsNeed,
} from './config.js';
import {
  createDokuConnection,
  type DokuConnection,
  loggablePath,
  OFFLINE_SANDBOX_PATH,
  paymentIdsForControl,
  sandboxCredentials,
} from './doku/index.js';
import { type CustomerSession, createCustomerSession } from './customer-session.js';
import { KkiDomainError } from './errors.js';
import { bffPath, bffUrl } from './http/urls.js';
import { createIdempotency } from './idempotency.js';
import { createLog, type Log } from './log.js';
import { createMerchantApi, type KkiMerchantApi } from './merchant.js';
import { createMerchantHttpApi } from './merchant-api/http-api.js';
import { createOpenApiDocument } from './openapi.js';
import { accessLog } from './operations/access-log.js';
import { registerHealthRoutes } from './operations/health.js';
import { currentRequestId, requestIds } from './operations/request-id.js';
import { registerBindingRoutes } from './bindings/routes.js';
import { registerCardPaymentRoutes } from './card-payments/routes.js';
import { registerCheckoutRoutes } from './checkout/routes.js';
import type { RouteDeps } from './http/define.js';
import { registerKkiPaymentRoutes } from './kki-payments/routes.js';
import { inProcessDeliveryEnv, registerNotificationRoutes } from './notifications/routes.js';
import { registerOrderRoutes } from './orders/routes.js';
import { registerRefundRoutes } from './refunds/routes.js';
import { registerSavedCardRoutes } from './saved-cards/routes.js';
import { bodyLimit } from './security/body-limit.js';
import { createErrorHandler } from './security/error-handler.js';
import { kkiCors } from './security/cors.js';
import { securityHeaders } from './security/headers.js';
import { createRateLimiter } from './security/rate-limit.js';
import { createDefaultServices } from './services/index.js';
import { createPaymentRefresh } from './services/payment-refresh.js';
import type { KkiServices, ServiceDeps } from './services/types.js';
import { checkEventSettings, type KkiEvents, startEvents } from './events/setup.js';
import { openStore, type Store } from './store/index.js';

/** What `createKkiBff` returns. */
export interface KkiBff {
  /** Mount it under any path: `app.route('/api/kki', bff.app)`, or serve `bff.app.fetch`. */
  app: Hono;
  /**
   * Serves a request whose URL is under `publicUrl`, mount path included (`/api/kki/orders/…`): the
   * whole handler of a Next.js route handler (`app/api/kki/[...path]/route.ts`), Bun or Deno.
   */
  fetch(request: Request): Promise<Response>;
  /** Server-side API for your code; not reachable from the browser. */
  merchant: KkiMerchantApi;
  store: Store;
  config: ResolvedConfig;
  log: Log;
  /** The DOKU client and, offline, the in-process sandbox (`doku.sandbox`). */
  doku: DokuConnection;
  /** The service layer the routes call (also for merchant code, e.g. a status refresh). */
  services: KkiServices;
  /** Ids of the mounted routes. */
  routes: ReadonlySet<string>;
  /** Events for merchant code: the feed by cursor, webhook and `onEvent` deliveries. */
  events: KkiEvents;
  /** The customer cookie of `customerSession` (sign in with `setCookie`), or null without that option. */
  customerSession: CustomerSession | null;
  /**
   * Stops background work (reconciliation: a pass under way is finished first; event deliveries;
   * `/readyz` answers 503 from here on) and closes the store (when the BFF opened it).
   */
  close(): Promise<void>;
}

/** Builds the service layer from the BFF's dependencies and its DOKU connection. */
export type ServiceFactory = (
  deps: ServiceDeps & { doku: DokuConnection },
) => KkiServices | Promise<KkiServices>;

function isStore(value: unknown): value is Store {
  return typeof value === 'object' && value !== null && 'payments' in value && 'idempotency' in value;
}

/**
 * Creates the BFF: validates `options` (throws `KkiBffConfigError` listing every problem), opens and
 * migrates the store, connects to DOKU (offline: an in-process sandbox whose hosted pages are served
 * under `/__doku`), builds the services with `services` (default: every flow,
 * `createDefaultServices`), mounts the routes, and starts reconciliation (once at start-up, then
 * every `reconciliation.intervalMs`).
 */
export async function createKkiBff(options: KkiBffOptions, services?: ServiceFactory): Promise<KkiBff> {
  const sandboxDefaults =
    sandboxCredentialsNeed(options) === 'required'
      ? await sandboxCredentials('the offline DOKU sandbox')
      : null;
  const config = resolveConfig(options, sandboxDefaults);
  // Before anything is opened: a refused start leaves no store or sandbox behind.
  checkEventSettings(options);
  const customerSession = options.customerSession ? createCustomerSession(options.customerSession) : null;
  const authenticateHook = options.authenticate ?? customerSession?.authenticate;
  if (!authenticateHook) throw new KkiBffConfigError(['authenticate is required (or customerSession)']);
  const log = createLog(
    options.logger,
    { component: 'kki-bff' },
    {
      level: config.logLevel,
      context: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? undefined : { requestId };
      },
    },
  );
  // A customer id the store keeps as it is (the contract's: 1 to 64 characters, no control character
  // or unpaired surrogate); any other id the hook answers is nobody (401), and the log says why.
  const authenticate: AuthenticateHook = async (c) => {
    const id = await authenticateHook(c);
    if (typeof id !== 'string' || id === '' || z.safeParse(customerIdSchema, id).success) return id;
    log.warn('authenticate answered a customer id the kit cannot keep: treated as signed out', {
      length: id.length,
    });
    return null;
  };
  if (config.doku.environment === 'offline' && isProductionProcess()) {
    log.warn('offline DOKU sandbox in production: payments are simulated, nothing is charged', {
      environment: 'offline',
    });
  }
  const ownStore = !isStore(options.store);
  const store = isStore(options.store)
    ? options.store
    : await openStore({ ...options.store, encryptionSecret: config.doku.secretKey });

  const publicPath = bffPath(config, '');
  let app: Hono | null = null;
  const doku = await createDokuConnection(config, {
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.offlineSandbox && { sandbox: options.offlineSandbox }),
    // In-process delivery of the sandbox's notifications: the URL's mount path is dropped, as a
    // server mounting this app under `publicUrl` would.
    deliverToBff: async (request) => {
      if (!app) return new Response(null, { status: 503 });
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(publicPath.length) || '/';
      // Explicit fields rather than `new Request(url, request)`: some Request implementations
      // (jsdom's, in merchants' component tests) drop method, headers and body when copying one.
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
      const delivered = new Request(url, { method: request.method, headers: request.headers, body });
      return await app.fetch(delivered, inProcessDeliveryEnv());
    },
    logger: (event) => log.debug('doku call', { ...event }),
  });
  const factory: ServiceFactory = services ?? createDefaultServices;
  const built = await factory({ config, store, log, doku });
  const deps: RouteDeps = {
    config,
    store,
    log,
    services: built,
    idempotency: createIdempotency({ store, secret: config.doku.secretKey }),
    authenticate,
    authorizeRefund: options.authorizeRefund,
    rateLimiters: {
      payment: createRateLimiter(store.rateLimits, 'payment', config.rateLimits.payment),
      otp: createRateLimiter(store.rateLimits, 'otp', config.rateLimits.otp),
    },
    refreshPayment: createPaymentRefresh(built, store),
    mounted: new Set(),
  };

  app = new Hono();
  let closing = false;
  // First, so every answer (the sandbox's pages, refusals, 404s) carries its X-Request-Id.
  app.use('*', ...requestIds(), accessLog(log, loggablePath));
  const cors = kkiCors(config.allowedOrigins, config.publicUrl.origin);
  if (cors) app.use('*', cors);
  const sandbox = doku.sandbox;
  // Offline, the sandbox's hosted pages (OTP, issuer app, card page) are served from the BFF's
  // origin. Registered before the security middleware: they are DOKU's pages, with DOKU's headers.
  if (sandbox?.config.control) {
    app.use(`${OFFLINE_SANDBOX_PATH}/__sandbox/*`, paymentIdsForControl(sandbox.app, store.payments));
  }
  if (sandbox) app.route(OFFLINE_SANDBOX_PATH, sandbox.app);
  app.use('*', securityHeaders());
  app.use('*', bodyLimit(config.bodyLimitBytes));
  app.onError(
    createErrorHandler({
      log,
      locale: config.locale,
      ...(options.copyOverrides && { overrides: options.copyOverrides }),
      explainRefusals: !isProductionProcess(),
    }),
  );
  app.notFound(() => {
    throw new KkiDomainError('not_found');
  });

  registerHealthRoutes(app, { store, log, closing: () => closing });
  deps.mounted.add('getHealth').add('getReadiness');
  registerOrderRoutes(app, deps);
  registerKkiPaymentRoutes(app, deps);
  registerBindingRoutes(app, deps);
  registerSavedCardRoutes(app, deps);
  registerCardPaymentRoutes(app, deps);
  registerCheckoutRoutes(app, deps);
  registerRefundRoutes(app, deps);
  registerNotificationRoutes(app, deps);

  const events = await startEvents(store, log, options);
  const merchant = createMerchantApi(store, {
    services: built,
    idempotency: deps.idempotency,
    integration: config.kki.integration,
  });
  if (config.merchantApiKeys.length > 0) {
    // Server to server: its own key check, and none of the browser routes' CSRF (that is per route)
    // or CORS (kkiCors skips /merchant).
    app.route(
      '/',
      createMerchantHttpApi(
        { merchant, events, idempotency: deps.idempotency, config },
        { keys: config.merchantApiKeys },
      ),
    );
    for (const id of Object.keys(kkiMerchantRoutes)) deps.mounted.add(id);
  }

  const document = createOpenApiDocument(bffUrl(config, ''), deps.mounted);
  app.get('/openapi.json', (c) => c.json(document));
  deps.mounted.add('getOpenApiDocument');

  let timer: ReturnType<typeof setInterval> | null = null;
  // The pass under way, awaited on close so the store is not closed beneath it.
  let running: Promise<void> | null = null;
  const reconciliation = built.reconciliation;
  if (reconciliation && config.reconciliation.enabled) {
    const run = () => {
      if (running || closing) return running ?? Promise.resolve();
      running = reconciliation
        .run()
        .then(
          () => {},
          (error: unknown) => log.error('reconciliation failed', { error }),
        )
        .finally(() => {
          running = null;
        });
      return running;
    };
    // At start-up, so payments left pending by a crash settle without waiting for a poll.
    await run();
    timer = setInterval(run, config.reconciliation.intervalMs);
    timer.unref?.();
  }

  // The app under publicUrl's path, for hosts that hand over the whole URL. Its notFound is the
  // app's own (a JSON 404), which a parent app does not inherit.
  const inner = app;
  const underPublicPath =
    publicPath === ''
      ? app
      : new Hono()
          .basePath(publicPath)
          .route('/', app)
          .notFound((c) => inner.fetch(c.req.raw));

  return {
    app,
    fetch: async (request) => underPublicPath.fetch(request),
    merchant,
    store,
    config,
    log,
    doku,
    services: built,
    routes: deps.mounted,
    events,
    customerSession,
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      await running;
      await events.close();
      await doku.close();
      if (ownStore) await store.close();
    },
  };
}
