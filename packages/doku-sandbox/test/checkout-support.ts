// Shared set-up for the DOKU Checkout tests: the whole sandbox (Checkout spans the KKI and Cards
// modules) with a fake merchant receiving notifications, the DOKU client pointed at it, a raw signer
// for requests the client would refuse to send, and helpers for the hosted pages' forms.
import {
  CHECKOUT_METHOD_TYPES,
  type CheckoutPaymentRequest,
  createDokuClient,
  nonSnapTimestamp,
  signNonSnap,
  verifyNonSnap,
} from '@kki-kit/doku';
import { createSandbox, type SandboxOptions } from '../src/app.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { KKI_TEST_CARDS } from '../src/test-values/kki.js';
import { type Json, MERCHANT_NOTIFY_URL, newInvoice } from './cards-support.js';
import { createMerchant } from './notify-support.js';

export const BASE = 'http://sandbox.test';
/** An always-succeeding KKI test card (BRI). */
export const KKI_CPAN = KKI_TEST_CARDS[0]?.cards[0] as string;

let ott = 700000;
/** A fresh, valid OTT (each is accepted once). */
export function freshOtt(): string {
  ott += 1;
  return String(ott);
}

/** A valid Checkout request offering KKI and cards; `patch` replaces top-level blocks. */
export function checkoutRequest(patch: Partial<CheckoutPaymentRequest> = {}): CheckoutPaymentRequest {
  return {
    order: {
      amount: 150_000,
      invoice_number: newInvoice('CO'),
      callback_url: 'https://merchant.test/return',
      callback_url_cancel: 'https://merchant.test/cancelled',
      auto_redirect: true,
      line_items: [
        { name: 'Batik shirt', price: 100_000, quantity: 1 },
        { name: 'Sarong', price: 25_000, quantity: 2 },
      ],
    },
    payment: {
      payment_due_date: 30,
      payment_method_types: [CHECKOUT_METHOD_TYPES.kki, CHECKOUT_METHOD_TYPES.card],
    },
    customer: { id: 'cust-7f3a', name: 'Budi Santoso', email: 'budi@example.com' },
    ...patch,
  };
}

/** The whole sandbox with the control API, a fake merchant, and the DOKU client. */
export function setupCheckout(options: SandboxOptions = {}) {
  const merchant = createMerchant();
  const sandbox = createSandbox({
    control: true,
    nonSnapNotificationUrl: MERCHANT_NOTIFY_URL,
    fetch: merchant.fetch,
    ...options,
  });
  const { config, clock } = sandbox;
  const fetchIn = ((input: RequestInfo | URL, init?: RequestInit) =>
    sandbox.app.fetch(new Request(input, init))) as typeof fetch;
  const client = createDokuClient({
    baseUrl: BASE,
    clientId: config.clientId,
    secretKey: config.secretKey,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    fetch: fetchIn,
    now: () => clock.nowMs(),
    retries: 0,
  });

  /** A POST signed like the client would, unless `tweak` says otherwise. */
  async function signed(path: string, body: unknown, tweak: { secretKey?: string; sentBody?: string } = {}) {
    const text = JSON.stringify(body);
    const requestId = crypto.randomUUID();
    const timestamp = nonSnapTimestamp(clock.now());
    const signature = await signNonSnap({
      clientId: config.clientId,
      requestId,
      timestamp,
      requestTarget: path,
      body: text,
      secretKey: tweak.secretKey ?? config.secretKey,
    });
    return fetchIn(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        'Client-Id': config.clientId,
        'Request-Id': requestId,
        'Request-Timestamp': timestamp,
        Signature: signature,
        'Content-Type': 'application/json',
      },
      body: tweak.sentBody ?? text,
    });
  }

  /** Creates a Checkout through the DOKU client. */
  async function create(req: CheckoutPaymentRequest = checkoutRequest(), requestId?: string) {
    const res = await client.createCheckoutPayment(req, requestId ? { requestId } : undefined);
    return { req, res, url: res.data.response.payment.url, requestId: res.requestId };
  }

  /** GET a hosted page (absolute URL or path); redirects are not followed. */
  async function get(url: string) {
    const res = await fetchIn(url.startsWith('http') ? url : `${BASE}${url}`, { redirect: 'manual' });
    return { res, status: res.status, html: await res.text(), location: res.headers.get('Location') };
  }

  /** POST a hosted page's form; redirects are not followed. */
  async function post(url: string, fields: Record<string, string> = {}) {
    const res = await fetchIn(url.startsWith('http') ? url : `${BASE}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return { res, status: res.status, html: await res.text(), location: res.headers.get('Location') };
  }

  /** A control route (JSON). */
  async function control(path: string, body?: unknown) {
    const res = await fetchIn(`${BASE}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** The merchant's notifications so far, parsed, after the notifier went idle. */
  async function notifications() {
    await sandbox.notifier.idle();
    return merchant.notifications.map((n) => ({ ...n, json: JSON.parse(n.body) as Json }));
  }

  /** Whether a notification carries a valid Non-SNAP signature for the merchant's path. */
  function notificationSigned(n: { path: string; headers: Record<string, string>; body: string }) {
    return verifyNonSnap({
      clientId: n.headers['client-id'] ?? '',
      requestId: n.headers['request-id'] ?? '',
      timestamp: n.headers['request-timestamp'] ?? '',
      requestTarget: n.path,
      body: n.body,
      secretKey: config.secretKey,
      signature: n.headers.signature ?? '',
    });
  }

  return { sandbox, merchant, client, signed, create, get, post, control, notifications, notificationSigned };
}
