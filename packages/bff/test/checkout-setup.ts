// Shared set-up of the Checkout tests: a real BFF (default options: DOKU Checkout) whose DOKU is a
// small scripted stand-in for the three endpoints a checkout payment uses (create, order status,
// card refund), answering in the wire shapes of `@kki-kit/doku`, so a test decides what DOKU says
// and sees every call the BFF made. Notifications are signed like DOKU's and posted over HTTP.
import {
  type CheckoutPaymentRequest,
  formatCheckoutExpiredDate,
  nonSnapTimestamp,
  signNonSnap,
} from '@kki-kit/doku';
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { createKkiBff, type KkiBff } from '../src/app.js';
import type { KkiBffOptions } from '../src/config.js';
import type { KkiLogLine } from '../src/log.js';

export const ORIGIN = 'https://shop.test';
export const MOUNT = '/api/kki';
const DOKU = 'http://doku.checkout.test';

/** What DOKU's order status says about one invoice. */
export interface FakeOrderState {
  status: 'PENDING' | 'SUCCESS' | 'FAILED' | 'EXPIRED';
  channel?: 'KARTU_KREDIT_INDONESIA' | 'CREDIT_CARD';
  masked?: string;
  amount: number;
}

/** One checkout DOKU was asked to open. */
export interface FakeCheckoutCall {
  body: CheckoutPaymentRequest;
  requestId: string;
  url: string;
}

export interface CheckoutHarness {
  bff: KkiBff;
  host: Hono;
  lines: KkiLogLine[];
  /** Every `POST /checkout/v1/payment` DOKU received. */
  created: FakeCheckoutCall[];
  /** Every card refund DOKU received. */
  refunds: { invoice: string; originalRequestId: string | undefined; amount: number }[];
  /** How many order-status calls DOKU answered. */
  statusCalls: { count: number };
  /** What DOKU's order status says per invoice (absent: DOKU answers 404, unknown order). */
  orders: Map<string, FakeOrderState>;
  /** While true, DOKU does not answer (503). */
  down: { value: boolean };
  /** The DOKU stand-in, for a second BFF instance. */
  dokuFetch(request: Request): Promise<Response>;
  /** A browser call as `customer`. */
  call(
    customer: string,
    path: string,
    init?: RequestInit & { key?: string; json?: unknown },
  ): Promise<Response>;
  /** Posts a Checkout notification signed as DOKU signs it; `requestId` is its dedup key. */
  notify(body: unknown, requestId: string): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;
/** A fresh idempotency key. */
export const newKey = () => `ck-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** A Checkout status answer / notification body in DOKU's envelope. */
export function checkoutBody(invoice: string, state: FakeOrderState): Record<string, unknown> {
  return {
    order: { invoice_number: invoice, amount: state.amount },
    transaction: { status: state.status, date: new Date().toISOString() },
    ...(state.channel && { channel: { id: state.channel }, service: { id: state.channel } }),
    ...(state.masked && { card_payment: { masked_card_number: state.masked } }),
    additional_info: { origin: { product: 'CHECKOUT' } },
  };
}

export async function startCheckout(extra: Partial<KkiBffOptions> = {}): Promise<CheckoutHarness> {
  const created: FakeCheckoutCall[] = [];
  const refunds: CheckoutHarness['refunds'] = [];
  const orders = new Map<string, FakeOrderState>();
  const statusCalls = { count: 0 };
  const down = { value: false };

  const doku = new Hono();
  doku.post('/checkout/v1/payment', async (c) => {
    const body = (await c.req.json()) as CheckoutPaymentRequest;
    const url = `${DOKU}/checkout/pages/${created.length + 1}`;
    created.push({ body, requestId: c.req.header('Request-Id') ?? '', url });
    const expires = new Date(Date.now() + body.payment.payment_due_date * 60_000);
    return c.json({
      message: ['SUCCESS'],
      response: {
        order: { invoice_number: body.order.invoice_number, amount: String(body.order.amount) },
        payment: {
          url,
          token_id: `tok${created.length}`,
          expired_date: formatCheckoutExpiredDate(expires),
          payment_due_date: body.payment.payment_due_date,
          payment_method_types: body.payment.payment_method_types,
        },
      },
    });
  });
  doku.get('/orders/v1/status/:invoice', (c) => {
    statusCalls.count++;
    const state = orders.get(c.req.param('invoice'));
    if (!state) return c.json({ errors: { code: 'invalid_parameter', message: 'order not found' } }, 404);
    return c.json(checkoutBody(c.req.param('invoice'), state));
  });
  doku.post('/cancellation/credit-card/refund', async (c) => {
    const body = (await c.req.json()) as {
      order: { invoice_number: string };
      payment?: { original_request_id?: string };
      refund: { amount: number };
    };
    refunds.push({
      invoice: body.order.invoice_number,
      originalRequestId: body.payment?.original_request_id,
      amount: body.refund.amount,
    });
    return c.json({
      order: { invoice_number: body.order.invoice_number },
      refund: { amount: body.refund.amount, type: 'FULL_REFUND', status: 'SUCCESS' },
    });
  });

  const dokuFetch = async (request: Request) =>
    down.value ? new Response('unavailable', { status: 503 }) : doku.fetch(request);

  const lines: KkiLogLine[] = [];
  const bff = await createKkiBff({
    environment: DOKU,
    publicUrl: `${ORIGIN}${MOUNT}`,
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    authorizeRefund: (c) => c.req.header('x-test-staff') === 'yes',
    logger: (line) => lines.push(line),
    logLevel: 'debug',
    reconciliation: { enabled: false },
    rateLimits: { payment: { max: 1000, windowMs: 60_000 } },
    fetch: (input, init) => dokuFetch(new Request(input, init)),
    ...extra,
  });
  const host = new Hono();
  host.route(MOUNT, bff.app);

  return {
    bff,
    host,
    lines,
    created,
    refunds,
    statusCalls,
    orders,
    down,
    dokuFetch,
    async call(customer, path, init = {}) {
      const { key, json, ...rest } = init;
      return host.request(`${MOUNT}${path}`, {
        ...rest,
        ...(json !== undefined && { method: rest.method ?? 'POST', body: JSON.stringify(json) }),
        headers: {
          'x-test-customer': customer,
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          ...(key && { 'idempotency-key': key }),
          ...(rest.headers as Record<string, string> | undefined),
        },
      });
    },
    async notify(body, requestId) {
      const text = JSON.stringify(body);
      const timestamp = nonSnapTimestamp(new Date());
      const signature = await signNonSnap({
        clientId: DEFAULT_CLIENT_ID,
        requestId,
        timestamp,
        requestTarget: `${MOUNT}/notifications/cards`,
        body: text,
        secretKey: DEFAULT_SECRET_KEY,
      });
      return host.request(`${MOUNT}/notifications/cards`, {
        method: 'POST',
        body: text,
        headers: {
          'content-type': 'application/json',
          'Client-Id': DEFAULT_CLIENT_ID,
          'Request-Id': requestId,
          'Request-Timestamp': timestamp,
          Signature: signature,
        },
      });
    },
    async close() {
      await bff.close();
    },
  };
}
