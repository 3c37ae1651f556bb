// The flow recovers the payment it follows instead of dropping it: a first read after a reload that
// fails is tried again (and the payment can be resumed again); past the deadline a failing read
// backs off instead of looping; a resume id of another order falls back to this order's remembered
// payment and keeps it. A start whose answer is lost is `unconfirmed` (never "failed") and `retry`
// sends it again with its idempotency key.
import { createKkiError, type PaymentView } from '@kki-kit/contract';
import { describe, expect, it, vi } from 'vitest';
import type { KkiClient } from '../src/bff-client.js';
import { createPaymentFlow } from '../src/payment-flow.js';
import type { PendingPaymentStore } from '../src/pending-payment.js';
import { KkiRequestError } from '../src/request-error.js';
import { payment, until } from './fixtures.js';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const networkError = () => new KkiRequestError(createKkiError('internal_error'), true, true);

/** An open KKI payment waiting in the issuer app until `expiresAt`. */
const openPayment = (expiresAt: string, more: Partial<PaymentView> = {}): PaymentView =>
  payment({
    status: 'created',
    nextAction: { type: 'issuer_app', url: 'https://app.bri.test/k', issuer: 'bri', expiresAt },
    ...more,
  });

/** A pending-payment store over `remembered` (order id → payment id), to see what it keeps. */
const storeIn = (remembered: Map<string, string>): PendingPaymentStore => ({
  read: (o) => remembered.get(o) ?? null,
  write: (o, p) => void remembered.set(o, p),
  clear: (o) => void remembered.delete(o),
});

/** A BFF client answering only `getPayment`, with `read` (which may throw); counts the reads. */
function readingClient(read: (paymentId: string, n: number) => PaymentView): KkiClient & { reads: number } {
  const client = {
    reads: 0,
    baseUrl: '/api/kki',
    url: () => '/api/kki',
    request: (async (id: string, input: { params: { paymentId: string } }) => {
      if (id !== 'getPayment') throw new Error(`unexpected ${id}`);
      return read(input.params.paymentId, ++client.reads);
    }) as unknown as KkiClient['request'],
  };
  return client;
}

describe('the payment flow recovers the payment it follows', () => {
  it('reads again a payment picked up after a reload whose first read failed, and lets it be resumed again', async () => {
    const open = openPayment(inMinutes(5));
    const client = readingClient((_id, n) => {
      // The first read after the reload: the network blips.
      if (n === 1) throw networkError();
      return open;
    });
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      storage: { read: () => open.id, write: () => {}, clear: () => {} },
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    await sleep(300);
    // The server's openPaymentId (KkiPayButton's second chance) is taken too.
    flow.resume(open.id);
    await sleep(100);
    const state = flow.getState();
    flow.dispose();
    expect(client.reads).toBeGreaterThan(1);
    expect(state.phase).toBe('requires_action');
  });

  it('past the deadline, backs off a failing read instead of reading again at once, without end', async () => {
    const open = openPayment(new Date(Date.now() + 150).toISOString());
    let down = false;
    const client = readingClient(() => {
      if (down) throw networkError();
      return open;
    });
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      resumePaymentId: open.id,
      storage: null,
      polling: { initialIntervalMs: 1000, maxIntervalMs: 1000 },
      refreshOnFocus: false,
    });
    await until(flow, (s) => s.phase === 'requires_action');
    down = true; // the connection drops before the deadline
    await sleep(1000);
    flow.dispose();
    expect(client.reads).toBeLessThan(10);
  });

  it('given another order’s payment to resume, follows (and keeps) the one this order remembers', async () => {
    const mine = openPayment(inMinutes(5), { id: 'pay_mine00000001' });
    const other = payment({ id: 'pay_other0000001', orderId: 'ord_other0001', status: 'succeeded' });
    const client = readingClient((id) => (id === other.id ? other : mine));
    const remembered = new Map([[mine.orderId, mine.id]]);
    const flow = createPaymentFlow({
      client,
      orderId: mine.orderId,
      resumePaymentId: other.id,
      storage: storeIn(remembered),
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    await sleep(200);
    const state = flow.getState();
    flow.dispose();
    expect(remembered.get(mine.orderId)).toBe(mine.id);
    expect(state.phase).toBe('requires_action');
  });
});

/** A BFF client whose `createKkiPayment` answers with `answer` (which may throw); keeps each call's key. */
function payingClient(answer: (n: number) => PaymentView): KkiClient & { keys: string[] } {
  const client = {
    keys: [] as string[],
    baseUrl: '/api/kki',
    url: () => '/api/kki',
    request: (async (id: string, input: { idempotencyKey?: string; params?: { paymentId: string } }) => {
      if (id === 'getPayment') return answer(0);
      if (id !== 'createKkiPayment') throw new Error(`unexpected ${id}`);
      client.keys.push(input.idempotencyKey ?? '');
      return answer(client.keys.length);
    }) as unknown as KkiClient['request'],
  };
  return client;
}

const card = { type: 'card', cpan: '5264220100000005', ott: '123456', saveCard: false } as const;

describe('a start whose answer is lost', () => {
  it('is unconfirmed, never failed; retry sends it again with its key and shows what the BFF did', async () => {
    const open = openPayment(inMinutes(5));
    const client = payingClient((n) => {
      if (n === 1) throw networkError(); // the BFF may have acted: its answer never arrived
      return open;
    });
    const flow = createPaymentFlow({ client, orderId: open.orderId, storage: null, refreshOnFocus: false });
    const first = await flow.pay(card);
    expect(first.status).toBe('failed');
    expect(flow.getState().phase).toBe('unconfirmed');

    const again = await flow.retry();
    flow.dispose();
    expect(client.keys).toHaveLength(2);
    expect(client.keys[1]).toBe(client.keys[0]);
    expect(again?.status).toBe('requires_action');
    expect(flow.getState().phase).toBe('requires_action');
  });

  it('a definite refusal is failed, and retry sends nothing', async () => {
    const open = openPayment(inMinutes(5));
    const client = payingClient(() => {
      throw new KkiRequestError(createKkiError('card_declined'), false);
    });
    const flow = createPaymentFlow({ client, orderId: open.orderId, storage: null, refreshOnFocus: false });
    await flow.pay(card);
    expect(flow.getState().phase).toBe('failed');
    const again = await flow.retry();
    flow.dispose();
    expect(client.keys).toHaveLength(1);
    expect(again?.status === 'failed' && again.error.code).toBe('card_declined');
  });

  it('after reset, nothing is left to send again', async () => {
    const open = openPayment(inMinutes(5));
    const client = payingClient(() => {
      throw networkError();
    });
    const flow = createPaymentFlow({ client, orderId: open.orderId, storage: null, refreshOnFocus: false });
    await flow.pay(card);
    expect(flow.getState().phase).toBe('unconfirmed');
    flow.reset();
    expect(flow.getState().phase).toBe('idle');
    await flow.retry();
    flow.dispose();
    expect(client.keys).toHaveLength(1);
  });
});

describe('a payment picked up', () => {
  it('is pending until read, and a refusal before any read leaves nothing to follow', async () => {
    const remembered = new Map([['ord_test0001', 'pay_gone00000001']]);
    const client = readingClient(() => {
      throw new KkiRequestError(createKkiError('not_found'), false);
    });
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      storage: storeIn(remembered),
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    expect(flow.getState().phase).toBe('pending');
    await until(flow, (s) => s.phase === 'idle');
    await sleep(100);
    flow.dispose();
    expect(client.reads).toBe(1);
    expect(remembered.has('ord_test0001')).toBe(false);
  });

  it('a first read refused for now (DOKU or the BFF down) is tried again, not dropped', async () => {
    const open = openPayment(inMinutes(5));
    const remembered = new Map([[open.orderId, open.id]]);
    const client = readingClient((_id, n) => {
      if (n === 1) throw new KkiRequestError(createKkiError('doku_unavailable'), false);
      return open;
    });
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      storage: storeIn(remembered),
      polling: { initialIntervalMs: 10, maxIntervalMs: 20 },
      refreshOnFocus: false,
    });
    await until(flow, (s) => s.phase === 'requires_action');
    flow.dispose();
    expect(remembered.get(open.orderId)).toBe(open.id);
  });

  it('a payment of a method the flow does not show is left alone, and stays remembered', async () => {
    const card = payment({
      status: 'created',
      method: 'card',
      kkiKind: null,
      cardPaymentType: 'SALE',
      card: null,
    });
    const remembered = new Map([[card.orderId, card.id]]);
    const client = readingClient(() => card);
    const flow = createPaymentFlow({
      client,
      orderId: card.orderId,
      methods: ['kki', 'checkout'],
      storage: storeIn(remembered),
      refreshOnFocus: false,
    });
    await until(flow, (s) => s.phase === 'idle');
    flow.dispose();
    expect(flow.getState().payment).toBeNull();
    expect(remembered.get(card.orderId)).toBe(card.id);
  });

  it('the server\u2019s open attempt of a method the flow does not show is not even read', async () => {
    const client = readingClient(() => openPayment(inMinutes(5)));
    const flow = createPaymentFlow({
      client,
      orderId: 'ord_test0001',
      methods: ['card'],
      storage: null,
      refreshOnFocus: false,
    });
    flow.resume('pay_test0001', 'kki');
    await sleep(50);
    const state = flow.getState();
    flow.dispose();
    expect(client.reads).toBe(0);
    expect(state.phase).toBe('idle');
  });

  it('following the payment the BFF names replaces a lost answer', async () => {
    const open = openPayment(inMinutes(5));
    const client = {
      ...readingClient(() => open),
      request: (async (id: string) => {
        if (id === 'createKkiPayment') throw networkError();
        return open;
      }) as unknown as KkiClient['request'],
    };
    const onError = vi.fn();
    const flow = createPaymentFlow({
      client,
      orderId: open.orderId,
      storage: null,
      refreshOnFocus: false,
      onError,
    });
    await flow.pay(card);
    expect(flow.getState().phase).toBe('unconfirmed');
    // The order's open attempt (OrderView.openPaymentId) is the answer that was lost.
    flow.resume(open.id);
    await until(flow, (s) => s.phase === 'requires_action');
    flow.dispose();
    expect(onError).not.toHaveBeenCalled();
  });
});
