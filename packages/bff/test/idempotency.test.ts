import { sha256Hex } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KkiHttpError } from '../src/errors.js';
import { canonicalJson, createIdempotency } from '../src/idempotency.js';
import { openStore, type Store } from '../src/store/index.js';
import { freshSchema, STORE_BACKENDS, TEST_SECRET } from './helpers.js';

const pgUrl = process.env.TEST_DATABASE_URL;

describe('canonicalJson', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }], c: undefined })).toBe(
      canonicalJson({ a: [{ x: 1, y: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe.each(STORE_BACKENDS)('idempotency on %s', (_name, open) => {
  let store: Store;
  const schema = freshSchema('idem');
  beforeAll(async () => {
    store = await open(schema);
  }, 60_000);
  afterAll(async () => {
    if (store.kind === 'postgres') await store.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  });
  let n = 0;
  const key = () => `key-${Date.now()}-${++n}`;

  it('answers a repeat with the same body from the first result, without running again', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    let runs = 0;
    const k = key();
    const op = async () => ({ status: 201, body: { run: ++runs } });
    const first = await idem.run({ scope: 's:a', key: k, request: { orderId: 'ord_1' } }, op);
    const second = await idem.run({ scope: 's:a', key: k, request: { orderId: 'ord_1' } }, op);
    expect(first).toEqual({ status: 201, body: { run: 1 }, replayed: false });
    expect(second).toEqual({ status: 201, body: { run: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  it('stores a keyed hash of the request, never one anyone could recompute from the body', async () => {
    const request = { body: { cpan: '5163950000000001', ott: '123456' } };
    const k = key();
    await createIdempotency({ store, secret: TEST_SECRET }).run(
      { scope: 's:card', key: k, request },
      async () => ({
        status: 201,
        body: {},
      }),
    );
    const stored = (await store.idempotency.get('s:card', k))?.requestHash ?? '';
    expect(stored).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(stored).not.toContain(await sha256Hex(canonicalJson(request)));
    // Another secret gives another hash: without the merchant's secret, candidates cannot be tried.
    const other = createIdempotency({ store, secret: `${TEST_SECRET}-other` });
    const k2 = key();
    await other.run({ scope: 's:card', key: k2, request }, async () => ({ status: 201, body: {} }));
    expect((await store.idempotency.get('s:card', k2))?.requestHash).not.toBe(stored);
  });

  it('answers a key whose unkeyed hash migration 13 erased from its stored result', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    const op = async () => ({ status: 201, body: { first: true } });
    await idem.run({ scope: 's:old', key: k, request: { orderId: 'ord_1' } }, op);
    await store.db.query(`UPDATE idempotency_records SET request_hash = 'erased' WHERE key = $1`, [k]);
    const again = await idem.run({ scope: 's:old', key: k, request: { orderId: 'ord_1' } }, async () => ({
      status: 500,
      body: { ranAgain: true },
    }));
    expect(again).toEqual({ status: 201, body: { first: true }, replayed: true });
  });

  it('refuses the same key with another body (422 idempotency_key_reused)', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    await idem.run({ scope: 's:a', key: k, request: { orderId: 'ord_1' } }, async () => ({
      status: 200,
      body: {},
    }));
    const err = await idem
      .run({ scope: 's:a', key: k, request: { orderId: 'ord_2' } }, async () => ({ status: 200, body: {} }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KkiHttpError);
    expect((err as KkiHttpError).toKkiError().httpStatus).toBe(422);
    expect((err as KkiHttpError).code).toBe('idempotency_key_reused');
  });

  it('keeps scopes apart: the same key in another scope runs on its own', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    let runs = 0;
    const op = async () => ({ status: 200, body: { run: ++runs } });
    await idem.run({ scope: 's:customer-a', key: k, request: {} }, op);
    await idem.run({ scope: 's:customer-b', key: k, request: {} }, op);
    expect(runs).toBe(2);
    expect(await idem.externalIdFor('s:customer-a', k)).not.toBe(await idem.externalIdFor('s:customer-b', k));
  });

  it('runs 50 concurrent calls with one key exactly once', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        idem.run({ scope: 's:c', key: k, request: { x: 1 } }, async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 30));
          return { status: 201, body: { id: 'pay_1' } };
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.body)))).toEqual(new Set(['{"id":"pay_1"}']));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('maps a key to a stable 27-digit DOKU id, the same on every instance with the same secret', async () => {
    const a = createIdempotency({ store, secret: TEST_SECRET });
    const b = createIdempotency({ store, secret: TEST_SECRET });
    const other = createIdempotency({ store, secret: 'another-secret' });
    const id = await a.externalIdFor('scope', 'k1');
    expect(id).toMatch(/^[1-9]\d{26}$/);
    expect(await b.externalIdFor('scope', 'k1')).toBe(id);
    expect(await other.externalIdFor('scope', 'k1')).not.toBe(id);
    expect(await a.externalIdFor('scope', 'k1', 'status')).not.toBe(id);
    let seen = '';
    const k = key();
    await a.run({ scope: 'scope', key: k, request: {} }, async (ctx) => {
      seen = ctx.externalId;
      return { status: 200, body: {} };
    });
    expect(seen).toBe(await a.externalIdFor('scope', k));
    expect((await store.idempotency.get('scope', k))?.externalId).toBe(seen);
  });

  it('stores a definite refusal as the result, so a replay gets the same error body', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    let runs = 0;
    const op = async () => {
      runs++;
      throw new KkiHttpError('do_not_honor', { dokuResponseCode: '4035405' });
    };
    await expect(idem.run({ scope: 's:d', key: k, request: {} }, op)).rejects.toBeInstanceOf(KkiHttpError);
    const replay = await idem.run({ scope: 's:d', key: k, request: {} }, op);
    expect(runs).toBe(1);
    expect(replay.status).toBe(402);
    expect(replay.body).toMatchObject({ error: { code: 'do_not_honor', dokuResponseCode: '4035405' } });
  });

  it('releases the key when the outcome is unknown, so a retry asks again with the same DOKU id', async () => {
    const idem = createIdempotency({ store, secret: TEST_SECRET });
    const k = key();
    const ids: string[] = [];
    await expect(
      idem.run({ scope: 's:e', key: k, request: {} }, async (ctx) => {
        ids.push(ctx.externalId);
        throw new KkiHttpError('doku_timeout', { outcomeUnknown: true });
      }),
    ).rejects.toBeInstanceOf(KkiHttpError);
    const second = await idem.run({ scope: 's:e', key: k, request: {} }, async (ctx) => {
      ids.push(ctx.externalId);
      return { status: 200, body: { ok: true } };
    });
    expect(second.replayed).toBe(false);
    expect(ids[0]).toBe(ids[1]);
  });

  it('takes over a claim whose owner died once its lease ran out', async () => {
    // A dead process sends no heartbeats: its renewals never reach the store.
    const silent: Store = { ...store, idempotency: { ...store.idempotency, renew: async () => false } };
    const dead = createIdempotency({ store: silent, secret: TEST_SECRET, leaseMs: 50 });
    const k = key();
    // Simulate a crash: the claim is made, the operation never finishes.
    void dead.run({ scope: 's:f', key: k, request: {} }, () => new Promise(() => {}));
    await new Promise((r) => setTimeout(r, 30));
    const alive = createIdempotency({ store, secret: TEST_SECRET, leaseMs: 50, pollMs: 10 });
    const result = await alive.run({ scope: 's:f', key: k, request: {} }, async () => ({
      status: 200,
      body: { by: 'alive' },
    }));
    expect(result.body).toEqual({ by: 'alive' });
  });

  it("keeps a live owner's claim past its lease with heartbeats: a slow call is never run twice", async () => {
    // Leases long enough that a busy CI machine's event loop still beats in time.
    const a = createIdempotency({ store, secret: TEST_SECRET, leaseMs: 300 });
    const b = createIdempotency({ store, secret: TEST_SECRET, leaseMs: 300, waitMs: 5_000, pollMs: 20 });
    const k = key();
    const ran: string[] = [];
    const first = a.run({ scope: 's:h', key: k, request: {} }, async () => {
      ran.push('a');
      // Five leases long: without heartbeats b would take the key over meanwhile.
      await new Promise((r) => setTimeout(r, 1_500));
      return { status: 200, body: { by: 'a' } };
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = await b.run({ scope: 's:h', key: k, request: {} }, async () => {
      ran.push('b');
      return { status: 200, body: { by: 'b' } };
    });
    expect(second).toMatchObject({ replayed: true, body: { by: 'a' } });
    expect((await first).body).toEqual({ by: 'a' });
    expect(ran).toEqual(['a']);
  });

  it('answers payment_in_progress when the first call outlasts the wait', async () => {
    const a = createIdempotency({ store, secret: TEST_SECRET });
    const b = createIdempotency({ store, secret: TEST_SECRET, waitMs: 100, pollMs: 10 });
    const k = key();
    let release = () => {};
    let started = () => {};
    // Wait for the first call to hold the key (its operation is running), not for a fixed time:
    // under load the claim itself can take longer than any sleep.
    const claimed = new Promise<void>((r) => {
      started = r;
    });
    const first = a.run(
      { scope: 's:g', key: k, request: {} },
      () =>
        new Promise((r) => {
          release = () => r({ status: 200, body: {} });
          started();
        }),
    );
    await claimed;
    await expect(
      b.run({ scope: 's:g', key: k, request: {} }, async () => ({ status: 200, body: {} })),
    ).rejects.toMatchObject({ code: 'payment_in_progress' });
    release();
    await first;
  });
});

describe.skipIf(!pgUrl)('idempotency across two instances on one PostgreSQL', () => {
  const schema = freshSchema('idem2');
  let one: Store;
  let two: Store;
  beforeAll(async () => {
    one = await openStore({ databaseUrl: pgUrl, schema, encryptionSecret: TEST_SECRET });
    two = await openStore({ databaseUrl: pgUrl, schema, encryptionSecret: TEST_SECRET });
  }, 60_000);
  afterAll(async () => {
    await one.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await one.close();
    await two.close();
  });

  it('runs racing calls with one key once in total', async () => {
    const a = createIdempotency({ store: one, secret: TEST_SECRET, pollMs: 5 });
    const b = createIdempotency({ store: two, secret: TEST_SECRET, pollMs: 5 });
    let runs = 0;
    const op = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { status: 201, body: { id: 'pay_x' } };
    };
    const k = `race-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).run({ scope: 'pay:cust', key: k, request: { o: 1 } }, op),
      ),
    );
    expect(runs).toBe(1);
    expect(results.every((r) => (r.body as { id: string }).id === 'pay_x')).toBe(true);
  });
});
