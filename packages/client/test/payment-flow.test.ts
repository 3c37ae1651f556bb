// A whole KKI payment through @kki-kit/client alone (no React, no DOM): the real BFF (createKkiBff
// with its default services) on its in-process DOKU sandbox, reached through the client's fetch.
import { createKkiBff, type KkiBff } from '@kki-kit/bff';
import type { PaymentView } from '@kki-kit/contract';
import { kkiTestCpan, type Sandbox } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKkiClient, type KkiClient } from '../src/bff-client.js';
import { createPaymentFlow, type KkiPaymentFlow } from '../src/payment-flow.js';
import type { PendingPaymentStore } from '../src/pending-payment.js';
import { until } from './fixtures.js';

const ORIGIN = 'https://shop.test';
const MOUNT = '/api/kki';
const POLLING = { initialIntervalMs: 20, maxIntervalMs: 60 };

let bff: KkiBff;
let sandbox: Sandbox;
let serial = 500;
let ottCounter = 0;
const flows: KkiPaymentFlow[] = [];

beforeAll(async () => {
  bff = await createKkiBff({
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    logger: () => {},
    reconciliation: { enabled: false },
    rateLimits: { payment: { max: 1000, windowMs: 60_000 }, otp: { max: 1000, windowMs: 60_000 } },
    offlineSandbox: { control: true },
  });
  if (!bff.doku.sandbox) throw new Error('expected the offline sandbox');
  sandbox = bff.doku.sandbox;
}, 60_000);
afterAll(async () => {
  for (const flow of flows) flow.dispose();
  await bff?.close();
});

const newCpan = () => kkiTestCpan('bri', undefined, ++serial);
const newOtt = () => `OTT${Date.now().toString(36)}${++ottCounter}`;

/** The browser's view of the BFF: requests on the shop's origin reach the mounted app. */
function bffFetch(customer: string, seen: Request[] = []): typeof fetch {
  return async (input, init) => {
    const target = new URL(String(input));
    const headers = new Headers(init?.headers);
    headers.set('origin', ORIGIN);
    headers.set('x-test-customer', customer);
    const { signal: _signal, ...rest } = init ?? {};
    const request = new Request(`${ORIGIN}${target.pathname.slice(MOUNT.length)}${target.search}`, {
      ...rest,
      headers,
    });
    seen.push(request.clone());
    return bff.app.fetch(request);
  };
}

const clientFor = (customer: string, fetch = bffFetch(customer)): KkiClient =>
  createKkiClient({ baseUrl: `${ORIGIN}${MOUNT}`, fetch });

/** A store standing in for the tab's sessionStorage across a redirect. */
function memoryStore(): PendingPaymentStore {
  const map = new Map<string, string>();
  return {
    read: (orderId) => map.get(orderId) ?? null,
    write: (orderId, paymentId) => void map.set(orderId, paymentId),
    clear: (orderId) => void map.delete(orderId),
  };
}

async function approve(paymentId: string) {
  const row = await bff.store.payments.get(paymentId);
  if (!row) throw new Error(`payment ${paymentId} not stored`);
  const res = await sandbox.app.request(`/__sandbox/kki/payments/${row.partnerReferenceNo}/approve`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  await sandbox.app.request('/__sandbox/idle', { method: 'POST' });
}

describe('a KKI payment through @kki-kit/client alone', () => {
  it('pays with a new card: one request for two clicks, issuer-app step, approved, succeeded', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'dewi', amount: 125_000 });
    const seen: Request[] = [];
    const onRequiresAction = vi.fn();
    const onSuccess = vi.fn<(p: PaymentView) => void>();
    const store = memoryStore();
    const flow = createPaymentFlow({
      client: clientFor('dewi', bffFetch('dewi', seen)),
      orderId: order.id,
      polling: POLLING,
      storage: store,
      onRequiresAction,
      onSuccess,
    });
    flows.push(flow);
    expect(flow.getState().phase).toBe('idle');

    const source = { type: 'card', cpan: newCpan(), ott: newOtt(), saveCard: false } as const;
    const first = flow.pay(source);
    const second = flow.pay(source); // a double click while the first is in flight
    expect(second).toBe(first);
    expect(flow.getState().phase).toBe('submitting');
    const answer = await first;
    expect(answer.status).toBe('requires_action');
    expect(seen.filter((r) => r.method === 'POST' && r.url.endsWith('/kki/payments'))).toHaveLength(1);

    const waiting = flow.getState();
    expect(waiting.phase).toBe('requires_action');
    const payment = waiting.payment;
    if (payment === null) throw new Error('no payment');
    expect(store.read(order.id)).toBe(payment.id); // remembered across a redirect to the bank
    expect(onRequiresAction).toHaveBeenCalledTimes(1);

    await approve(payment.id);
    const done = await until(flow, (s) => s.phase === 'succeeded');
    expect(done.payment).toMatchObject({ id: payment.id, status: 'succeeded', amount: 125_000 });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(store.read(order.id)).toBeNull(); // ended: nothing left to resume
    expect((await bff.store.orders.get(order.id))?.status).toBe('paid');

    // Seen again (more polls, a refresh): the callbacks fired once for this outcome.
    await flow.refresh();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onRequiresAction).toHaveBeenCalledTimes(1);
  });

  it('resumes the open payment after a redirect, and follows it to the end', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'budi', amount: 60_000 });
    const store = memoryStore();
    const before = createPaymentFlow({
      client: clientFor('budi'),
      orderId: order.id,
      polling: POLLING,
      storage: store,
    });
    const answer = await before.pay({ type: 'card', cpan: newCpan(), ott: newOtt(), saveCard: false });
    if (answer.status !== 'requires_action')
      throw new Error(`expected requires_action, got ${answer.status}`);
    before.dispose(); // the page unloads on the way to the bank's app

    const onSuccess = vi.fn();
    const after = createPaymentFlow({
      client: clientFor('budi'),
      orderId: order.id,
      polling: POLLING,
      storage: store,
      onSuccess,
    });
    flows.push(after);
    const resumed = await until(after, (s) => s.payment !== null);
    expect(resumed.payment?.id).toBe(answer.value.id);
    await approve(answer.value.id);
    await until(after, (s) => s.phase === 'succeeded');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('another tab with nothing remembered resumes the open payment the order view names', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'rina', amount: 75_000 });
    const first = createPaymentFlow({
      client: clientFor('rina'),
      orderId: order.id,
      polling: POLLING,
      storage: null,
    });
    flows.push(first);
    const answer = await first.pay({ type: 'card', cpan: newCpan(), ott: newOtt(), saveCard: false });
    if (answer.status !== 'requires_action')
      throw new Error(`expected requires_action, got ${answer.status}`);

    // A second tab (or device): its own storage is empty, the order view names the open attempt.
    const client = clientFor('rina');
    const view = await client.request('getOrder', { params: { orderId: order.id } });
    expect(view.openPaymentId).toBe(answer.value.id);
    const second = createPaymentFlow({ client, orderId: order.id, polling: POLLING, storage: null });
    flows.push(second);
    expect(second.getState().phase).toBe('idle');
    second.resume(view.openPaymentId ?? '');
    const resumed = await until(second, (s) => s.phase === 'requires_action');
    expect(resumed.payment?.id).toBe(answer.value.id);
    // Following one already, a second resume changes nothing.
    second.resume('pay_000000000000other');
    expect(second.getState().payment?.id).toBe(answer.value.id);

    await approve(answer.value.id);
    await until(second, (s) => s.phase === 'succeeded');
    const after = await client.request('getOrder', { params: { orderId: order.id } });
    expect(after).toMatchObject({ status: 'paid', openPaymentId: null, paidPaymentId: answer.value.id });
  });

  it('retries a payment whose answer was lost with the same key: one payment, not two', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'sinta', amount: 90_000 });
    const keys: string[] = [];
    const real = bffFetch('sinta');
    let dropNext = true;
    const lossy: typeof fetch = async (input, init) => {
      const res = await real(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/kki/payments')) {
        keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
        // The BFF acted, but the answer never arrives (connection reset).
        if (dropNext) {
          dropNext = false;
          throw new TypeError('network error');
        }
      }
      return res;
    };
    const onError = vi.fn();
    const flow = createPaymentFlow({
      client: clientFor('sinta', lossy),
      orderId: order.id,
      polling: POLLING,
      storage: null,
      onError,
    });
    flows.push(flow);
    const source = { type: 'card', cpan: newCpan(), ott: newOtt(), saveCard: false } as const;
    const lost = await flow.pay(source);
    expect(lost.status).toBe('failed');
    // The BFF made the payment: the flow must not call it failed.
    expect(flow.getState().phase).toBe('unconfirmed');
    // Not a failure to act on: no callback fires until the retry's answer.
    expect(onError).not.toHaveBeenCalled();

    const retried = await flow.retry();
    expect(retried?.status).toBe('requires_action');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await bff.store.payments.list({ orderId: order.id })).toHaveLength(1);

    // Cancelled by the customer: a known outcome, so the next attempt would get a new key.
    const cancelled = await flow.cancel();
    expect(cancelled?.status).toBe('failed');
    expect(flow.getState().phase).toBe('cancelled');
  });
});
