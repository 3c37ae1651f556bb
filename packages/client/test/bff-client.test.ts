import { describe, expect, it, vi } from 'vitest';
import { createKkiClient } from '../src/bff-client.js';
import { AttemptKeys, newIdempotencyKey } from '../src/idempotency.js';
import { KkiRequestError } from '../src/request-error.js';
import { payment } from './fixtures.js';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createKkiClient', () => {
  it('builds the request from the route table: method, path, headers, credentials, body', async () => {
    const fetch = vi.fn(async () => json(payment(), 201));
    const client = createKkiClient({ baseUrl: '/api/kki/', fetch });
    await client.request('createKkiPayment', {
      body: { orderId: 'ord_test0001', source: { type: 'saved_card', cardId: 'card_test0001' } },
      idempotencyKey: 'key-12345678',
      locale: 'id',
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/kki/kki/payments');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(init.headers).toMatchObject({
      'X-KKI-Request': '1',
      'Idempotency-Key': 'key-12345678',
      'X-KKI-Locale': 'id',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(init.body as string)).toEqual({
      orderId: 'ord_test0001',
      source: { type: 'saved_card', cardId: 'card_test0001' },
    });
    expect(client.url('getPayment', { paymentId: 'pay_a b' })).toBe('/api/kki/payments/pay_a%20b');
  });

  it('reads error bodies as catalogue errors; says whether the outcome is unknown', async () => {
    const client = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () =>
        json({ error: { code: 'card_declined', message: 'declined', retryable: false } }, 402),
      ),
    });
    const e = await client.request('getPayment', { params: { paymentId: 'pay_test0001' } }).catch((x) => x);
    expect(e).toBeInstanceOf(KkiRequestError);
    expect(e.error).toMatchObject({ code: 'card_declined', httpStatus: 402, retryable: false });
    expect(e.outcomeUnknown).toBe(false);

    const offline = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => Promise.reject(new TypeError('x'))),
    });
    const n = await offline.request('listSavedCards', {}).catch((x) => x);
    expect(n).toMatchObject({ outcomeUnknown: true, noResponse: true });

    const broken = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => new Response('<html>', { status: 502 })),
    });
    const b = await broken.request('listSavedCards', {}).catch((x) => x);
    expect(b).toMatchObject({ outcomeUnknown: true, error: { code: 'internal_error' } });

    // The same request still running at the BFF: no outcome yet, so its key is kept for the retry.
    const running = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () =>
        json({ error: { code: 'payment_in_progress', message: 'wait', retryable: false } }, 409),
      ),
    });
    const r = await running.request('getPayment', { params: { paymentId: 'pay_test0001' } }).catch((x) => x);
    expect(r).toMatchObject({ outcomeUnknown: true, error: { code: 'payment_in_progress' } });

    // The BFF says the request may have acted (DOKU's answer lost): not a refusal.
    const lost = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () =>
        json(
          { error: { code: 'doku_unavailable', message: 'x', retryable: true, outcomeUnknown: true } },
          503,
        ),
      ),
    });
    const l = await lost.request('listSavedCards', {}).catch((x) => x);
    expect(l).toMatchObject({
      outcomeUnknown: true,
      error: { code: 'doku_unavailable', outcomeUnknown: true },
    });
  });

  it('keeps the request id of a refusal, from the body or else the X-Request-Id header', async () => {
    const refusal = { code: 'csrf_rejected', message: 'old page', retryable: true };
    const fromBody = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => {
        const res = json({ error: { ...refusal, requestId: 'req-body' } }, 403);
        res.headers.set('X-Request-Id', 'req-header');
        return res;
      }),
    });
    const a = await fromBody.request('listSavedCards', {}).catch((x) => x);
    expect(a).toMatchObject({ requestId: 'req-body', error: { requestId: 'req-body' } });

    const fromHeader = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(
        async () => new Response('<html>', { status: 502, headers: { 'X-Request-Id': 'req-proxy' } }),
      ),
    });
    const b = await fromHeader.request('listSavedCards', {}).catch((x) => x);
    expect(b).toMatchObject({
      requestId: 'req-proxy',
      error: { code: 'internal_error', requestId: 'req-proxy' },
    });

    const withoutId = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => json({ error: refusal }, 403)),
    });
    const c = await withoutId.request('listSavedCards', {}).catch((x) => x);
    expect(c.requestId).toBeUndefined();
    expect(c.error.requestId).toBeUndefined();
  });

  it('rejects a success body that breaks the contract', async () => {
    const client = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => json({ cards: [{ id: 'x' }] })),
    });
    const e = await client.request('listSavedCards', {}).catch((x) => x);
    expect(e).toBeInstanceOf(KkiRequestError);
    expect(e.error.code).toBe('internal_error');
  });
});

describe('idempotency keys', () => {
  it('are fresh per attempt and kept only to retry an unknown outcome of the same request', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_.:-]{8,255}$/);
    const keys = new AttemptKeys();
    const a = keys.keyFor('body-1');
    expect(keys.keyFor('body-1')).toBe(a); // unknown outcome: same key
    expect(keys.keyFor('body-2')).not.toBe(a); // different request: new key
    const c = keys.keyFor('body-2');
    keys.settle();
    expect(keys.keyFor('body-2')).not.toBe(c); // answered: a new attempt
  });
});
