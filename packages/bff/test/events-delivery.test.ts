// Delivery of events: signed webhooks to a real HTTP receiver (down first, then back), a throwing
// onEvent retried, delivery across a BFF restart, and two instances on one database that never hand
// out the same delivery twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KkiEvent } from '@kki-kit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../src/config-env.js';
import { checkEventSettings } from '../src/events/setup.js';
import { LAPSED_ATTEMPT_ERROR, type Store } from '../src/store/index.js';
import { KkiWebhookVerificationError, verifyKkiWebhook } from '../src/webhook-signature.js';
import { freshSchema } from './helpers.js';
import { startKki, startTwoBffs } from './kki-setup.js';

const SECRET = 'whsec-test-0123456789abcdefghij';

interface Receiver {
  url: string;
  /** 200 when up; 503 when down. */
  up: boolean;
  received: { body: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state: Omit<Receiver, 'url' | 'close'> = { up: false, received: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!state.up) {
        res.writeHead(503).end('down');
        return;
      }
      state.received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/hooks/kki`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A payment that goes pending then succeeded, written through the store as the flows write it. */
async function paymentEvents(store: Store, customerId: string) {
  const order = await store.orders.create({ customerId, amount: 25_000 });
  const ref = `ev-${Math.random().toString(36).slice(2, 12)}`;
  const payment = await store.payments.create({
    orderId: order.id,
    method: 'kki',
    kkiKind: 'single',
    partnerReferenceNo: ref,
    externalId: ref,
  });
  await store.payments.transition(payment.id, 'pending', { source: 'doku_response' });
  await store.payments.transition(payment.id, 'succeeded', { source: 'notification' });
  return payment.id;
}

/** Makes every pending delivery due now (the test's stand-in for waiting out the schedule). */
const dueNow = (store: Store) => store.db.query(`UPDATE event_deliveries SET next_attempt_at = now()`);

describe('signed webhooks', () => {
  let receiver: Receiver;
  let h: Awaited<ReturnType<typeof startKki>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    h = await startKki({
      webhooks: { url: receiver.url, secret: SECRET, schedule: [3600, 3600] },
      events: { pollIntervalMs: 0 },
    });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('a receiver that is down at first gets each event once it is back, signed; every attempt is recorded', async () => {
    const paymentId = await paymentEvents(h.bff.store, 'wh-alice');
    expect(await h.bff.events.dispatch()).toBe(1);
    // Only the first event of the payment was tried: the second waits behind it (order per payment).
    const down = await h.bff.events.deliveries();
    expect(down.map((d) => [d.type, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['payment.succeeded', 'pending', 0, null],
      ['payment.pending', 'pending', 1, 503],
    ]);
    expect(Date.parse(down[1]?.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() + 30 * 60_000);
    // Not due yet: nothing is sent.
    expect(await h.bff.events.dispatch()).toBe(0);

    receiver.up = true;
    await dueNow(h.bff.store);
    expect(await h.bff.events.dispatch()).toBe(2);
    const events = receiver.received.map((r) => JSON.parse(r.body) as KkiEvent);
    expect(events.map((e) => [e.type, e.data.id])).toEqual([
      ['payment.pending', paymentId],
      ['payment.succeeded', paymentId],
    ]);
    for (const { body, headers } of receiver.received) {
      expect(headers['content-type']).toBe('application/json');
      const event = await verifyKkiWebhook<KkiEvent>(body, String(headers['x-kki-signature']), SECRET);
      expect(headers['x-kki-event-id']).toBe(event.id);
      expect(headers['x-kki-event-type']).toBe(event.type);
    }
    const delivered = await h.bff.events.deliveries();
    expect(delivered.map((d) => [d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['delivered', 1, 204],
      ['delivered', 2, 204],
    ]);
    const attempts = await h.bff.store.events.attempts('webhook', events[0]?.id ?? '');
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 503, 'HTTP 503'],
      [2, 204, null],
    ]);
    expect(attempts[0]?.nextAttemptAt).toBeInstanceOf(Date);
    expect(attempts[1]?.nextAttemptAt).toBeNull();
  });

  it('the signature fails when the body is tampered with, the secret differs, or it is too old', async () => {
    const sent = receiver.received[0];
    if (!sent) throw new Error('nothing received');
    const header = String(sent.headers['x-kki-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'verified',
        (e: unknown) => (e instanceof KkiWebhookVerificationError ? e.reason : 'other'),
      );
    expect(await reason(verifyKkiWebhook(sent.body.replace('25000', '25001'), header, SECRET))).toBe(
      'bad_signature',
    );
    expect(await reason(verifyKkiWebhook(sent.body, header, `${SECRET}x`))).toBe('bad_signature');
    expect(await reason(verifyKkiWebhook(sent.body, 'v1=abc', SECRET))).toBe('malformed_header');
    expect(await reason(verifyKkiWebhook(sent.body, null, SECRET))).toBe('malformed_header');
    const signedAt = Number(/t=(\d+)/.exec(header)?.[1]);
    const later = new Date((signedAt + 301) * 1000);
    expect(await reason(verifyKkiWebhook(sent.body, header, SECRET, { now: later }))).toBe(
      'timestamp_out_of_tolerance',
    );
    expect(
      await reason(verifyKkiWebhook(sent.body, header, SECRET, { now: later, toleranceSeconds: 600 })),
    ).toBe('verified');
  });

  it('refuses bad webhook options at start-up, naming them without the secret', async () => {
    await expect(startKki({ webhooks: { url: 'ftp://x', secret: 'short' } })).rejects.toMatchObject({
      problems: [
        'webhooks.url (KKI_WEBHOOK_URL) must be an absolute http(s) URL',
        'webhooks.secret (KKI_WEBHOOK_SECRET) must be at least 24 characters',
      ],
    });
    await expect(
      startKki({ webhooks: { url: receiver.url, secret: SECRET, schedule: [86_401] } }),
    ).rejects.toMatchObject({
      problems: ['webhooks.schedule must be a list of at most 50 delays in seconds, each 0 to 86400'],
    });
    // fetch refuses a URL with credentials: every delivery would have failed.
    const withUser = new URL(receiver.url);
    withUser.username = 'hook';
    withUser.password = 's3cret';
    expect(() => checkEventSettings({ webhooks: { url: withUser.href, secret: SECRET } })).toThrow(
      /must not carry a user or password/,
    );
    // Node runs a longer interval after 1 ms: a busy poll of the database.
    expect(() => checkEventSettings({ events: { pollIntervalMs: 2_592_000_000 } })).toThrow(
      /pollIntervalMs must be a whole number of ms up to 2147483647/,
    );
    expect(() => checkEventSettings({ events: { handlerTimeoutMs: 0 } })).toThrow(/handlerTimeoutMs/);
  });
});

describe('webhooks from the environment (kki-bff)', () => {
  it('KKI_WEBHOOK_URL and KKI_WEBHOOK_SECRET set webhooks; one without the other is refused', () => {
    const hooks = { authenticate: () => null };
    const both = optionsFromEnv(
      { KKI_WEBHOOK_URL: 'https://shop.test/hooks', KKI_WEBHOOK_SECRET: SECRET },
      hooks,
    );
    expect(both.webhooks).toEqual({ url: 'https://shop.test/hooks', secret: SECRET });
    expect(() => checkEventSettings(both)).not.toThrow();
    expect(optionsFromEnv({}, hooks).webhooks).toBeUndefined();
    const urlOnly = optionsFromEnv({ KKI_WEBHOOK_URL: 'https://shop.test/hooks' }, hooks);
    expect(() => checkEventSettings(urlOnly)).toThrow(/KKI_WEBHOOK_SECRET/);
  });
});

describe('onEvent', () => {
  it('a throwing handler is retried, not lost, and the payment order holds', async () => {
    const calls: string[] = [];
    const failed = new Set<string>();
    const h = await startKki({
      onEvent: (event) => {
        calls.push(event.type);
        // Each event fails its first hand-over.
        if (!failed.has(event.id)) {
          failed.add(event.id);
          throw new Error('merchant handler down');
        }
      },
      events: { retrySchedule: [0, 0], pollIntervalMs: 0 },
    });
    try {
      await paymentEvents(h.bff.store, 'on-bob');
      await h.bff.events.dispatch();
      expect(calls).toEqual(['payment.pending', 'payment.pending', 'payment.succeeded', 'payment.succeeded']);
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.map((d) => [d.status, d.attempts, d.lastError])).toEqual([
        ['delivered', 2, null],
        ['delivered', 2, null],
      ]);
      expect(h.lines.some((l) => l.msg === 'event delivery failed, will retry')).toBe(true);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('onEvent that does not settle', () => {
  it('is aborted at its time limit and retried, while other payments and the webhooks go on', async () => {
    const receiver = await startReceiver();
    receiver.up = true;
    const handled: string[] = [];
    const aborted: string[] = [];
    let hung: string | null = null;
    // What had gone out when the hung call was aborted.
    let atAbort: { handled: string[]; webhooks: number } | null = null;
    const calls: string[] = [];
    const h = await startKki({
      onEvent: (event, { signal }) => {
        calls.push(event.id);
        // The first call ignores its signal (an HTTP call without a timeout, say) and ends well past
        // its time limit.
        if (hung === null) {
          hung = event.id;
          signal.addEventListener('abort', () => {
            aborted.push(event.id);
            atAbort = { handled: [...handled], webhooks: receiver.received.length };
          });
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              handled.push(event.data.id);
              resolve();
            }, 4_500),
          );
        }
        handled.push(event.data.id);
      },
      webhooks: { url: receiver.url, secret: SECRET },
      events: { pollIntervalMs: 0, handlerTimeoutMs: 3_000, retrySchedule: [0] },
    });
    try {
      const round = h.bff.events.dispatch();
      const first = await paymentEvents(h.bff.store, 'slow-a');
      const second = await paymentEvents(h.bff.store, 'slow-b');
      await h.bff.events.dispatch();
      await round;
      // The hung call was aborted, recorded as failed and retried; while it hung, the other payment's
      // events reached onEvent, and every event reached the webhook. The retry waited on the call
      // still running instead of calling onEvent beside it, and its late end delivered the event.
      expect(aborted).toHaveLength(1);
      expect(calls.filter((id) => id === hung)).toHaveLength(1);
      expect(atAbort).toEqual({ handled: [second, second], webhooks: 4 });
      expect(handled.filter((id) => id === second)).toHaveLength(2);
      expect(handled.filter((id) => id === first)).toHaveLength(2);
      const delivered = receiver.received.map((r) => (JSON.parse(r.body) as KkiEvent).data.id);
      expect(delivered.filter((id) => id === first || id === second)).toHaveLength(4);
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.filter((d) => d.attempts === 2)).toEqual([
        expect.objectContaining({ status: 'delivered', lastError: null }),
      ]);
      expect(h.lines.some((l) => l.msg === 'event delivery failed, will retry')).toBe(true);
    } finally {
      await h.close();
      await receiver.close();
    }
  }, 60_000);

  it('a call that never ends is never run twice at once: each retry waits on it and fails', async () => {
    const calls: string[] = [];
    let hung: string | null = null;
    const h = await startKki({
      onEvent: (event) => {
        calls.push(event.id);
        if (hung === null || hung === event.id) {
          hung = event.id;
          return new Promise<void>(() => {});
        }
      },
      events: { pollIntervalMs: 0, handlerTimeoutMs: 200, retrySchedule: [0, 0] },
    });
    try {
      await paymentEvents(h.bff.store, 'never-a');
      await h.bff.events.dispatch();
      expect(calls.filter((id) => id === hung)).toHaveLength(1);
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.find((d) => d.eventId === hung)).toMatchObject({
        status: 'failed',
        attempts: 3,
        lastError: 'onEvent did not finish within 200 ms',
      });
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a handler error with a NUL character is recorded, and the payment’s later events go on', async () => {
    const h = await startKki({
      onEvent: (event) => {
        if (event.type === 'payment.pending') throw new Error('bad\u0000byte');
      },
      events: { pollIntervalMs: 0, retrySchedule: [] },
    });
    try {
      await paymentEvents(h.bff.store, 'nul-a');
      await h.bff.events.dispatch();
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.map((d) => [d.type, d.status, d.attempts, d.lastError])).toEqual([
        ['payment.succeeded', 'delivered', 1, null],
        ['payment.pending', 'failed', 1, 'bad\uFFFDbyte'],
      ]);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a handler error is kept redacted: the deliveries list shows no card number or secret it quoted', async () => {
    const h = await startKki({
      onEvent: (event) => {
        if (event.type === 'payment.pending') {
          throw new Error('declined 4111 1111 1111 1111 with secretKey=SK-abcdefgh12345678');
        }
      },
      events: { pollIntervalMs: 0, retrySchedule: [] },
    });
    try {
      await paymentEvents(h.bff.store, 'redact-a');
      await h.bff.events.dispatch();
      const failed = (await h.bff.events.deliveries({ consumer: 'handler' })).find(
        (d) => d.status === 'failed',
      );
      expect(failed?.lastError).toContain('declined [CARD]');
      expect(failed?.lastError).not.toMatch(/4111|SK-abc/);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a delivery failed past its schedule is given one more attempt on redeliver, once the consumer is back', async () => {
    let down = true;
    const seen: string[] = [];
    const h = await startKki({
      onEvent: (event) => {
        if (down) throw new Error('consumer down');
        seen.push(event.type);
      },
      events: { pollIntervalMs: 0, retrySchedule: [] },
    });
    try {
      await paymentEvents(h.bff.store, 'redeliver-a');
      await h.bff.events.dispatch();
      const failed = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(failed.map((d) => d.status)).toEqual(['failed', 'failed']);
      down = false;
      // Nothing is due until asked: failed deliveries stay failed.
      expect(await h.bff.events.dispatch()).toBe(0);
      const [newest] = failed;
      expect(await h.bff.events.redeliver({ consumer: 'handler', eventId: newest?.eventId })).toBe(1);
      await h.bff.events.dispatch();
      expect(seen).toEqual(['payment.succeeded']);
      expect(await h.bff.events.redeliver({ consumer: 'handler' })).toBe(1);
      await h.bff.events.dispatch();
      expect(seen).toEqual(['payment.succeeded', 'payment.pending']);
      const after = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(after.map((d) => d.status)).toEqual(['delivered', 'delivered']);
      expect(await h.bff.events.redeliver({ consumer: 'handler' })).toBe(0);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('deliveries over the merchant HTTP API', () => {
  const API_KEY = 'mk_test_events_http_0123456789abcdef';
  const auth = { authorization: `Bearer ${API_KEY}` };

  it('lists failed deliveries and redelivers them once per Idempotency-Key', async () => {
    let down = true;
    const seen: string[] = [];
    const h = await startKki({
      onEvent: (event) => {
        if (down) throw new Error('consumer down');
        seen.push(event.type);
      },
      events: { pollIntervalMs: 0, retrySchedule: [] },
      merchantApi: { keys: [API_KEY] },
    });
    const get = (query: string, headers: Record<string, string> = auth) =>
      h.host.request(`/api/kki/merchant/events/deliveries${query}`, { headers });
    const redeliver = (body: unknown, key?: string, headers: Record<string, string> = auth) =>
      h.host.request('/api/kki/merchant/events/redeliveries', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
        body: JSON.stringify(body),
      });
    try {
      await paymentEvents(h.bff.store, 'http-redeliver');
      await h.bff.events.dispatch();
      const listed = await get('?consumer=handler&limit=10');
      expect(listed.status).toBe(200);
      const { deliveries } = (await listed.json()) as {
        deliveries: { eventId: string; status: string; type: string }[];
      };
      expect(deliveries.map((d) => [d.type, d.status])).toEqual([
        ['payment.succeeded', 'failed'],
        ['payment.pending', 'failed'],
      ]);
      // The webhook consumer (the default) has none: no webhook is configured.
      expect((await (await get('')).json()).deliveries).toEqual([]);

      down = false;
      const newest = deliveries[0]?.eventId;
      const one = await redeliver({ consumer: 'handler', eventId: newest }, 'redeliver-one-0001');
      expect(one.status).toBe(200);
      expect(await one.json()).toEqual({ redelivered: 1 });
      await h.bff.events.dispatch();
      expect(seen).toEqual(['payment.succeeded']);

      const all = await redeliver({ consumer: 'handler' }, 'redeliver-all-0001');
      expect(await all.json()).toEqual({ redelivered: 1 });
      await h.bff.events.dispatch();
      expect(seen).toEqual(['payment.succeeded', 'payment.pending']);
      // A retry of the same call answers its first count and marks nothing again.
      expect(await (await redeliver({ consumer: 'handler' }, 'redeliver-all-0001')).json()).toEqual({
        redelivered: 1,
      });
      expect(await (await redeliver({ consumer: 'handler' }, 'redeliver-all-0002')).json()).toEqual({
        redelivered: 0,
      });
      const after = (await (await get('?consumer=handler')).json()) as { deliveries: { status: string }[] };
      expect(after.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('refuses bad input, a missing key and a missing Idempotency-Key, and changes nothing', async () => {
    const h = await startKki({
      onEvent: () => {
        throw new Error('consumer down');
      },
      events: { pollIntervalMs: 0, retrySchedule: [] },
      merchantApi: { keys: [API_KEY] },
    });
    const post = (body: unknown, headers: Record<string, string>) =>
      h.host.request('/api/kki/merchant/events/redeliveries', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    try {
      await paymentEvents(h.bff.store, 'http-refused');
      await h.bff.events.dispatch();
      const key = { ...auth, 'idempotency-key': 'redeliver-bad-0001' };
      const cases: [Response, number, string, string | undefined][] = [
        [await post({ consumer: 'mailer' }, key), 400, 'validation_failed', 'consumer'],
        [await post({ eventId: 'not-an-event' }, key), 400, 'validation_failed', 'eventId'],
        [await post({}, auth), 400, 'validation_failed', 'Idempotency-Key'],
        [
          await post({}, { 'idempotency-key': 'redeliver-bad-0002' }),
          401,
          'merchant_unauthenticated',
          undefined,
        ],
        [
          await h.host.request('/api/kki/merchant/events/deliveries?limit=0', { headers: auth }),
          400,
          'validation_failed',
          'limit',
        ],
      ];
      for (const [res, status, code, field] of cases) {
        expect(res.status).toBe(status);
        const { error } = (await res.json()) as { error: { code: string; field?: string } };
        expect(error.code).toBe(code);
        if (field) expect(error.field).toBe(field);
      }
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.map((d) => d.status)).toEqual(['failed', 'failed']);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('delivery across a BFF restart', () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'kki-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('events left undelivered by a stopped BFF are delivered by the next one on the same store', async () => {
    const receiver = await startReceiver();
    const store = pgUrl ? { databaseUrl: pgUrl, schema: freshSchema('ev_restart') } : { dataDir: dir };
    const webhooks = { url: receiver.url, secret: SECRET, schedule: [3600] };
    try {
      const first = await startKki({ store, webhooks, events: { pollIntervalMs: 0 } });
      const paymentId = await paymentEvents(first.bff.store, 'rs-carol');
      await first.bff.events.dispatch();
      expect(receiver.received).toHaveLength(0);
      await first.close();

      receiver.up = true;
      const second = await startKki({ store, webhooks, events: { pollIntervalMs: 0 } });
      try {
        await dueNow(second.bff.store);
        await second.bff.events.dispatch();
        const events = receiver.received.map((r) => JSON.parse(r.body) as KkiEvent);
        expect(events.map((e) => [e.type, e.data.id])).toEqual([
          ['payment.pending', paymentId],
          ['payment.succeeded', paymentId],
        ]);
        if (pgUrl) await second.bff.store.db.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
      } finally {
        await second.close();
      }
    } finally {
      await receiver.close();
    }
  }, 120_000);
});

describe('two instances on one database', () => {
  it('deliver every event once, in order per payment, when both run rounds at the same time', async () => {
    const seen: KkiEvent[] = [];
    const two = await startTwoBffs('ev_two', {
      onEvent: (event) => void seen.push(event),
      events: { pollIntervalMs: 0 },
    });
    try {
      const store = two.stores[0] as Store;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await paymentEvents(store, `two-${i}`));
      for (let round = 0; round < 3; round++) {
        await Promise.all(two.bffs.map((bff) => bff.events.dispatch()));
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen.map((e) => e.id)).size).toBe(12);
      for (const id of ids) {
        expect(seen.filter((e) => e.data.id === id).map((e) => e.type)).toEqual([
          'payment.pending',
          'payment.succeeded',
        ]);
      }
    } finally {
      await two.close();
    }
  }, 120_000);
});

describe('the events API in merchant code', () => {
  it('refuses a page size that is not a whole number of at least 1, before the store sees it', async () => {
    const h = await startKki({ onEvent: () => {}, events: { pollIntervalMs: 0 } });
    try {
      await paymentEvents(h.bff.store, 'page-size');
      for (const limit of [0, -1, 2.5, Number.NaN]) {
        await expect(h.bff.events.deliveries({ consumer: 'handler', limit })).rejects.toMatchObject({
          code: 'validation_failed',
          field: 'limit',
        });
        await expect(h.bff.events.list({ limit })).rejects.toMatchObject({ code: 'validation_failed' });
      }
      // More than a page holds reads as the largest page.
      expect((await h.bff.events.list({ limit: 5_000 })).events.length).toBeGreaterThan(0);
      expect(await h.bff.events.deliveries({ consumer: 'handler', limit: 5_000 })).not.toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('close() ends a delivery round while events keep coming (as another instance writes them)', async () => {
    let handled = 0;
    const h = await startKki({
      onEvent: async () => {
        handled++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
      events: { pollIntervalMs: 0 },
    });
    // Writes events until told to stop, or for 20 s at most (so a failing close() cannot hang the run).
    let writing = true;
    let stillWriting = true;
    const writer = (async () => {
      const until = Date.now() + 20_000;
      for (let i = 0; writing && Date.now() < until; i++) {
        await paymentEvents(h.bff.store, `busy-${i}`);
        // PGlite answers in-process: yield, so the delivery round's timers run too.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      stillWriting = false;
    })();
    try {
      await paymentEvents(h.bff.store, 'busy-first');
      const round = h.bff.events.dispatch();
      while (handled < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      // Without a stop, the round claims what the writer keeps adding: close() returns only once the
      // writer gave up.
      await h.bff.events.close();
      expect(stillWriting).toBe(true);
      writing = false;
      await writer;
      expect(await round).toBeGreaterThanOrEqual(3);
    } finally {
      writing = false;
      await writer;
      await h.close();
    }
  }, 60_000);

  it('an event whose delivery kills the process ends failed once its tries are used, and the payment’s later events go on', async () => {
    const seen: string[] = [];
    const h = await startKki({
      onEvent: (event) => {
        seen.push(event.type);
      },
      events: { pollIntervalMs: 0, retrySchedule: [0] },
    });
    try {
      await paymentEvents(h.bff.store, 'poison');
      // Two instances in turn claim the first event and die in it: their claims lapse unrecorded.
      for (let i = 0; i < 2; i++) {
        const [claim] = await h.bff.store.events.claim('handler', 1, 60);
        expect(claim?.event.type).toBe('payment.pending');
        expect(claim?.attempts).toBe(i);
        await h.bff.store.db.query(
          `UPDATE event_deliveries SET claimed_until = now() - interval '1 second' WHERE claim_token = $1`,
          [claim!.token],
        );
      }
      // Both tries the schedule allows are used: failed without a third call, and the next event goes.
      await h.bff.events.dispatch();
      expect(seen).toEqual(['payment.succeeded']);
      const deliveries = await h.bff.events.deliveries({ consumer: 'handler' });
      expect(deliveries.find((d) => d.type === 'payment.pending')).toMatchObject({
        status: 'failed',
        lastError: LAPSED_ATTEMPT_ERROR,
      });
    } finally {
      await h.close();
    }
  });
});
