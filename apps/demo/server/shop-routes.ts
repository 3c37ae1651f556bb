// The demo shop's own API (/api/shop): catalogue, orders priced on the server, the session's
// customer switch, the staff sign-in and staff views, and the sandbox's test values for the panel.
import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isKkiHttpError, type KkiBff } from '@kki-kit/bff';
import {
  createKkiError,
  type KkiErrorCode,
  type KkiLocale,
  KKI_LOCALE_HEADER,
  orderIdSchema,
  paymentIdSchema,
  toApiErrorBody,
} from '@kki-kit/contract';
import { CARD_TEST_VALUES, KKI_TEST_VALUES } from '@kki-kit/doku-sandbox';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { PRODUCTS } from './catalogue.js';
import { logSafe } from './log-safe.js';
import type { LoginThrottle } from './login-throttle.js';
import { cartSchema, type OrderIndex, priceCart } from './orders.js';
import { shopApiHeaders } from './security-headers.js';
import {
  DEMO_CUSTOMERS,
  type DemoSession,
  needsRenewal,
  newBrowserId,
  readSession,
  writeSession,
} from './session.js';
import type { StaffSessions } from './staff-sessions.js';

/** The largest body the shop API reads (a cart of every product is far below it). */
export const SHOP_BODY_LIMIT_BYTES = 16 * 1024;

/** What the shop routes need from the server. */
export interface ShopDeps {
  bff: KkiBff;
  orders: OrderIndex;
  sessionSecret: string;
  staffPassword: string;
  staff: StaffSessions;
  loginThrottle: LoginThrottle;
  /** Origins whose pages may call the state-changing routes. */
  allowedOrigins: readonly string[];
  secureCookies: boolean;
  /** Where the shop's own error lines go (default: stderr). */
  log?: (line: string) => void;
}

function localeOf(c: Context): KkiLocale {
  return c.req.header(KKI_LOCALE_HEADER) === 'en' ? 'en' : 'id';
}

function fail(c: Context, code: KkiErrorCode, field?: string): Response {
  const error = createKkiError(code, { locale: localeOf(c), ...(field !== undefined && { field }) });
  return c.json(toApiErrorBody(error), error.httpStatus as ContentfulStatusCode);
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** The caller's address as the socket sees it (the demo runs behind no proxy). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // An in-process request (app.request in a test) has no socket.
    return 'in-process';
  }
}

function equalSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const slotSchema = z.object({ slot: z.enum(['a', 'b']) });
const loginSchema = z.object({ password: z.string().min(1).max(200) });

/** Builds the /api/shop routes. */
export function createShopRoutes(deps: ShopDeps): Hono<{ Variables: { session: DemoSession } }> {
  const { bff, staff } = deps;
  const log = deps.log ?? ((line: string) => console.error(line));
  const app = new Hono<{ Variables: { session: DemoSession } }>();

  app.use('*', shopApiHeaders());
  app.use('*', bodyLimit({ maxSize: SHOP_BODY_LIMIT_BYTES, onError: (c) => fail(c, 'payload_too_large') }));

  // Same-origin pages only for anything that changes state (the cookie is SameSite=Lax, and a JSON
  // body from another origin would need a preflight; the origin check closes what is left).
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (!origin || !deps.allowedOrigins.includes(origin)) return fail(c, 'forbidden');
    }
    // The first visit (the page asks for its session on load) creates the customer's session.
    // A visit in the second half of the session's life renews it; an expired one starts a new one.
    const found = await readSession(c, deps.sessionSecret);
    const session =
      found && !needsRenewal(found)
        ? found
        : await writeSession(
            c,
            deps.sessionSecret,
            found?.browserId ?? newBrowserId(),
            found?.slot ?? 'a',
            deps.secureCookies,
          );
    c.set('session', session);
    await next();
  });

  // Errors the BFF's merchant API raises keep their catalogue code; anything else is an internal
  // error whose details stay in the server's log.
  app.onError((error, c) => {
    if (isKkiHttpError(error)) return fail(c, error.code, error.field);
    // The path is the caller's: escaped, so a %0A in it cannot start a forged log line.
    log(`demo shop: ${c.req.method} ${logSafe(c.req.path)} failed: ${logSafe(error.name)}`);
    return fail(c, 'internal_error');
  });

  const requireStaff = (c: Context) => staff.isStaff(c);

  app.get('/session', async (c) => {
    const s = c.get('session');
    return c.json({ slot: s.slot, customerId: s.customerId, staff: await requireStaff(c) });
  });

  app.post('/session/customer', async (c) => {
    const parsed = slotSchema.safeParse(await jsonBody(c));
    if (!parsed.success) return fail(c, 'validation_failed', 'slot');
    const s = await writeSession(
      c,
      deps.sessionSecret,
      c.get('session').browserId,
      parsed.data.slot,
      deps.secureCookies,
    );
    return c.json({ slot: s.slot, customerId: s.customerId, staff: await requireStaff(c) });
  });

  app.get('/products', (c) => c.json({ products: PRODUCTS }));

  app.post('/orders', async (c) => {
    // Only product ids and quantities are read; an amount or price in the body is ignored.
    const parsed = cartSchema.safeParse(await jsonBody(c));
    if (!parsed.success) return fail(c, 'validation_failed', 'items');
    const priced = priceCart(parsed.data);
    if (!priced.ok) return fail(c, 'validation_failed', 'productId');
    const { customerId, slot } = c.get('session');
    const profile = DEMO_CUSTOMERS[slot];
    const order = await bff.merchant.createOrder({
      customerId,
      amount: priced.amount,
      description: priced.description,
      lineItems: priced.lineItems,
      cardOptions: { paymentTypes: ['SALE', 'INSTALLMENT', 'AUTHORIZE'] },
      // The BFF reads the card page's customer block from these metadata keys.
      metadata: {
        shop: 'kki-kit-demo',
        customerName: profile.name,
        email: profile.email,
        phone: profile.phone,
      },
    });
    deps.orders.add({ orderId: order.id, customerId, createdAt: order.createdAt });
    return c.json({ order }, 201);
  });

  app.get('/orders', async (c) => {
    const { customerId } = c.get('session');
    const entries = deps.orders.forCustomer(customerId);
    const orders = await Promise.all(entries.map((e) => bff.merchant.getOrder(e.orderId)));
    return c.json({ orders: orders.filter((o) => o !== null) });
  });

  app.get('/orders/:orderId', async (c) => {
    const orderId = c.req.param('orderId');
    // Another customer's order, or a malformed id, answers exactly as a missing one does.
    if (!orderIdSchema.safeParse(orderId).success) return fail(c, 'not_found');
    if (deps.orders.owner(orderId) !== c.get('session').customerId) return fail(c, 'not_found');
    const order = await bff.merchant.getOrder(orderId);
    if (!order) return fail(c, 'not_found');
    const payments = await bff.merchant.listPayments({ orderId });
    return c.json({ order, payments });
  });

  app.get('/test-values', async (c) => {
    // Both tables come from the sandbox package, the same values its pages and API answer with.
    return c.json({ kki: KKI_TEST_VALUES, cards: CARD_TEST_VALUES });
  });

  app.post('/staff/login', async (c) => {
    const address = clientAddress(c);
    // Checked before the password: past the limit even the right one is refused.
    if (!deps.loginThrottle.allowed(address)) return fail(c, 'rate_limited');
    const parsed = loginSchema.safeParse(await jsonBody(c));
    if (!parsed.success) return fail(c, 'validation_failed', 'password');
    if (!equalSecret(parsed.data.password, deps.staffPassword)) {
      deps.loginThrottle.failed(address);
      return fail(c, 'forbidden');
    }
    deps.loginThrottle.succeeded(address);
    await staff.signIn(c);
    return c.json({ staff: true });
  });

  app.post('/staff/logout', async (c) => {
    await staff.signOut(c);
    return c.json({ staff: false });
  });

  app.get('/staff/orders', async (c) => {
    if (!(await requireStaff(c))) return fail(c, 'forbidden');
    const rows = await Promise.all(
      deps.orders.all().map(async (e) => ({
        customerId: e.customerId,
        order: await bff.merchant.getOrder(e.orderId),
        payments: await bff.merchant.listPayments({ orderId: e.orderId }),
      })),
    );
    return c.json({ orders: rows.filter((r) => r.order !== null) });
  });

  // The webhook deliveries of the latest events (type, status, attempts), for staff only.
  app.get('/staff/deliveries', async (c) => {
    if (!(await requireStaff(c))) return fail(c, 'forbidden');
    return c.json({ deliveries: await bff.events.deliveries({ limit: 20 }) });
  });

  app.post('/staff/payments/:paymentId/capture', async (c) => {
    if (!(await requireStaff(c))) return fail(c, 'forbidden');
    const paymentId = c.req.param('paymentId');
    // A malformed id (control characters included) never reaches the BFF or its store.
    if (!paymentIdSchema.safeParse(paymentId).success) return fail(c, 'not_found');
    // Only payments of the shop's own orders, and each captured in full once: the key is the payment's.
    const payment = await bff.merchant.getPayment(paymentId);
    if (!payment || deps.orders.owner(payment.orderId) === null) return fail(c, 'not_found');
    const captured = await bff.merchant.capture(paymentId, { idempotencyKey: `capture-${paymentId}` });
    return c.json({ payment: captured });
  });

  return app;
}
