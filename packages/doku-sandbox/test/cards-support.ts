// Shared set-up for the Cards tests: the Cards module on its own sandbox context (clock, random,
// faults, notifier), a fake merchant receiving notifications, the DOKU client pointed at it, and a
// raw signer for requests the client would never send.
import { formatSnapResponseCode } from '@kki-kit/contract';
import {
  createDokuClient,
  nonSnapTimestamp,
  type PaymentPageRequest,
  signNonSnap,
  verifyNonSnap,
} from '@kki-kit/doku';
import { Hono } from 'hono';
import { expect } from 'vitest';
import { createCardsModule } from '../src/cards/index.js';
import { createClock } from '../src/clock.js';
import { resolveSandboxConfig } from '../src/config.js';
import type { FaultRule, SandboxConfig, SandboxContext } from '../src/context.js';
import { createFaultInjector } from '../src/faults.js';
import { createNotifier } from '../src/notify/index.js';
import { createRandom } from '../src/random.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { createMerchant } from './notify-support.js';

/** Parsed JSON of a response in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk parsed JSON freely; expect() checks the shape.
export type Json = any;

/** Where the in-process sandbox pretends to live. */
export const SANDBOX_BASE = 'http://sandbox.test';
export const MERCHANT_NOTIFY_URL = 'https://merchant.test/payments/notifications';

let invoiceCounter = 0;
/** A fresh invoice number (≤ 27 characters, valid for every acquirer). */
export function newInvoice(prefix = 'INV'): string {
  invoiceCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${invoiceCounter}`;
}

/** A valid payment-page request; `patch` replaces top-level blocks. */
export function pageRequest(patch: Partial<PaymentPageRequest> = {}): PaymentPageRequest {
  return {
    order: {
      invoice_number: newInvoice(),
      amount: 90000,
      line_items: [
        { name: 'T-Shirt Red', price: 30000, quantity: 2 },
        { name: 'Polo Navy', price: 30000, quantity: 1 },
      ],
      callback_url: 'https://merchant.test/success',
      failed_url: 'https://merchant.test/failed',
      auto_redirect: false,
    },
    customer: { id: 'CUST-0001', name: 'Jotaro Kujo', email: 'jotaro@example.com', phone: '6285694566147' },
    payment: { type: 'SALE' },
    ...patch,
  };
}

/** Future expiry for test cards. */
export const EXPIRY = '12/39';

/** The Cards module on a fresh context. */
export function setupCards(overrides: Partial<SandboxConfig> = {}, faults: FaultRule[] = []) {
  const config = resolveSandboxConfig({ nonSnapNotificationUrl: MERCHANT_NOTIFY_URL, ...overrides });
  const clock = createClock({ onError: (err) => console.error(err) });
  const random = createRandom(config.seed);
  const faultInjector = createFaultInjector({
    random: random.fork('faults'),
    rules: faults,
    maxHangMs: 500,
    snapServiceCodes: {},
    formatSnapCode: formatSnapResponseCode,
    nowIso: () => clock.now().toISOString(),
  });
  const merchant = createMerchant();
  const notifier = createNotifier({ config, clock, faults: faultInjector, fetch: merchant.fetch });
  const ctx: SandboxContext = {
    config,
    clock,
    random,
    faults: faultInjector,
    notifier,
    fetch: merchant.fetch,
  };
  const cards = createCardsModule(ctx);
  const app = new Hono();
  app.route('/__sandbox/cards', cards.control);
  app.route('/', cards.routes);
  const sandboxFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    app.fetch(new Request(input, init))) as typeof fetch;
  const client = createDokuClient({
    baseUrl: SANDBOX_BASE,
    clientId: config.clientId,
    secretKey: config.secretKey,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    fetch: sandboxFetch,
    now: () => clock.nowMs(),
    retries: 0,
  });

  /** Sends a Non-SNAP request signed like the client would, after `tweak` changes what it likes. */
  async function signed(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    tweak: {
      clientId?: string;
      requestId?: string;
      timestamp?: string;
      secretKey?: string;
      /** Body actually sent (defaults to the signed one). */
      sentBody?: string;
      /** Signs a GET as if it had a body (Digest line). */
      digestOnGet?: boolean;
      headers?: Record<string, string | null>;
    } = {},
  ): Promise<Response> {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const clientId = tweak.clientId ?? config.clientId;
    const requestId = tweak.requestId ?? crypto.randomUUID();
    const timestamp = tweak.timestamp ?? nonSnapTimestamp(clock.now());
    const signature = await signNonSnap({
      clientId,
      requestId,
      timestamp,
      requestTarget: path,
      body: method === 'GET' && !tweak.digestOnGet ? null : (text ?? ''),
      secretKey: tweak.secretKey ?? config.secretKey,
    });
    const headers: Record<string, string> = {
      'Client-Id': clientId,
      'Request-Id': requestId,
      'Request-Timestamp': timestamp,
      Signature: signature,
      ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
    };
    for (const [k, v] of Object.entries(tweak.headers ?? {})) {
      if (v === null) delete headers[k];
      else headers[k] = v;
    }
    return sandboxFetch(`${SANDBOX_BASE}${path}`, {
      method,
      headers,
      ...(method === 'POST' ? { body: tweak.sentBody ?? text ?? '' } : {}),
    });
  }

  /** Creates a payment page through the DOKU client; returns the URL's requestId too. */
  async function createPage(req: PaymentPageRequest = pageRequest(), requestId?: string) {
    const res = await client.createPaymentPage(req, requestId ? { requestId } : undefined);
    const url = new URL(res.data.credit_card_payment_page.url);
    return { req, res, url, ref: url.searchParams.get('requestId') as string, requestId: res.requestId };
  }

  /** Pays a page through the control API (as a customer filling the form). */
  async function pay(ref: string, card: Record<string, unknown>) {
    const res = await sandboxFetch(`${SANDBOX_BASE}/__sandbox/cards/pages/${ref}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ expiry: EXPIRY, cvv: '123', name: 'Jotaro Kujo', ...card }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** Order status through the DOKU client. */
  async function status(invoice: string) {
    return (await client.orderStatus(invoice)).data as Json;
  }

  return {
    config,
    clock,
    ctx,
    cards,
    app,
    merchant,
    notifier,
    client,
    sandboxFetch,
    signed,
    createPage,
    pay,
    status,
  };
}

/** Asserts DOKU's Non-SNAP error envelope and returns the parsed body. */
export async function expectError(res: Response, httpStatus: number, code: string) {
  const body = (await res.json()) as { errors: { code: string; message: string; type: string } };
  expect({ status: res.status, code: body.errors?.code }).toEqual({ status: httpStatus, code });
  expect(typeof body.errors.message).toBe('string');
  expect(typeof body.errors.type).toBe('string');
  return body;
}

/** Verifies a Non-SNAP response's signature headers over the body text. */
export async function responseSignatureValid(
  res: Response,
  text: string,
  path: string,
  config: { clientId: string; secretKey: string },
): Promise<boolean> {
  const h = res.headers;
  const signature = h.get('Signature');
  const timestamp = h.get('Response-Timestamp');
  const requestId = h.get('Request-Id');
  if (!signature || !timestamp || !requestId || h.get('Client-Id') !== config.clientId) return false;
  return verifyNonSnap({
    clientId: config.clientId,
    requestId,
    timestamp,
    timestampHeader: 'Response-Timestamp',
    requestTarget: path,
    body: text,
    secretKey: config.secretKey,
    signature,
  });
}
