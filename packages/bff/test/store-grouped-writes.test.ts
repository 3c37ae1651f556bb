// Grouped claims, payment creations and completions: the calls that arrive while one statement runs
// go together in the next, a lone call runs at once, a failed statement rejects its own group only.
// On both stores, answers completed together keep each their own status and body (JSON with quotes,
// backslashes, non-ASCII), claims made together count their rate limits as if made one after
// another, and payments created together keep the one-open-attempt rule of each order.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { groupedCalls, groupedWrites } from '../src/store/grouped-writes.js';
import { type ClaimInput, createIdempotencyRepository } from '../src/store/idempotency.js';
import { openStore, type SqlDatabase, type Store } from '../src/store/index.js';
import { groupedStatusChanges, type StatusChange } from '../src/store/payment-rows.js';
import { createPaymentRepository } from '../src/store/payments.js';
import type { PaymentRecord } from '../src/store/records.js';
import { jsonValue } from '../src/store/rows.js';
import { dropSchema, freshSchema, STORE_BACKENDS, TEST_SECRET } from './helpers.js';

/** A promise and its resolve/reject, to hold a flush open. */
function gate() {
  let open!: () => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('groupedWrites', () => {
  it('writes a lone item at once, and groups what arrives while a statement runs', async () => {
    const flushed: number[][] = [];
    const gates: ReturnType<typeof gate>[] = [];
    const write = groupedWrites<number>(async (items) => {
      flushed.push([...items]);
      const g = gate();
      gates.push(g);
      await g.promise;
    });
    const first = write(1);
    expect(flushed).toEqual([[1]]);
    const later = [write(2), write(3), write(4)];
    expect(flushed).toEqual([[1]]);
    gates[0]?.open();
    await first;
    await Promise.resolve();
    expect(flushed).toEqual([[1], [2, 3, 4]]);
    gates[1]?.open();
    await Promise.all(later);
    // Idle again: the next write runs at once.
    const next = write(5);
    expect(flushed).toEqual([[1], [2, 3, 4], [5]]);
    gates[2]?.open();
    await next;
  });

  it('rejects every caller of a failed statement, and only those', async () => {
    const gates: ReturnType<typeof gate>[] = [];
    const write = groupedWrites<string>(async () => {
      const g = gate();
      gates.push(g);
      await g.promise;
    });
    const a = write('a');
    const b = write('b');
    const c = write('c');
    gates[0]?.fail(new Error('connection lost'));
    await expect(a).rejects.toThrow('connection lost');
    await Promise.resolve();
    gates[1]?.open();
    await expect(Promise.all([b, c])).resolves.toEqual([undefined, undefined]);
  });
});

describe('groupedCalls', () => {
  it("answers each caller its own item's result, in a group's order", async () => {
    const groups: string[][] = [];
    const upper = groupedCalls<string, string>(async (items) => {
      groups.push([...items]);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i.toUpperCase());
    });
    const results = await Promise.all(['a', 'b', 'c', 'd'].map(upper));
    expect(results).toEqual(['A', 'B', 'C', 'D']);
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('rejects a group whose statement answered another number of results than calls', async () => {
    const short = groupedCalls<number, number>(async (items) => items.slice(1));
    await expect(Promise.all([short(1), short(2)])).rejects.toThrow('answered 0 results for 1 calls');
  });
});

/** `db` with the statements it ran counted. */
function counting(db: SqlDatabase) {
  const seen = { statements: 0 };
  const counted: SqlDatabase = {
    kind: db.kind,
    query: (text, params) => {
      seen.statements++;
      return db.query(text, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { counted, seen };
}

/** A store on a fresh schema for one describe block, opened on first use, dropped and closed after it. */
function storeFor(prefix: string, open: (schema?: string) => Promise<Store>): () => Promise<Store> {
  const schema = freshSchema(prefix);
  let store: Promise<Store> | undefined;
  afterAll(async () => {
    if (!store) return;
    const s = await store;
    await dropSchema(s, schema);
    await s.close();
  });
  return () => {
    store ??= open(schema);
    return store;
  };
}

describe.each(STORE_BACKENDS)('grouped idempotency claims (%s)', (_name, open) => {
  const storeOf = storeFor('grc', open);
  const claim = (key: string, customer: string, extra: Partial<ClaimInput> = {}): ClaimInput => ({
    scope: `pay:${customer}`,
    key,
    requestHash: `h-${key}`,
    externalId: `1${key.replace(/\D/g, '').padStart(26, '0')}`,
    owner: 'me',
    leaseMs: 60_000,
    counters: {
      keys: [
        ['payment', customer],
        ['payment:address', '203.0.113.7'],
      ],
      windowMs: 60_000,
    },
    ...extra,
  });

  it('claims a burst in few statements, each key once, counting as if one after another', async () => {
    const store = await storeOf();
    const { counted, seen } = counting(store.db);
    const repo = createIdempotencyRepository(counted);
    // Claimed earlier: a claim of it now is no claim, and counts nothing.
    expect(await repo.claim(claim('k-100', 'ani'))).not.toBeNull();
    seen.statements = 0;
    const burst = [
      ...Array.from({ length: 12 }, (_, i) => claim(`k-${i}`, i % 2 === 0 ? 'ani' : 'budi')),
      claim('k-100', 'ani'),
      // The same key twice in one burst: one claimer, the other waits for it like any other caller.
      claim('k-3', 'budi', { owner: 'other-instance' }),
    ];
    const results = await Promise.all(burst.map((c) => repo.claim(c)));
    // The first claim ran alone; the rest queued behind it and went in one statement.
    expect(seen.statements).toBe(2);
    expect(results.slice(0, 12).every((r) => r !== null && r.owner === 'me')).toBe(true);
    expect(results[12]).toBeNull();
    expect(results[13]).toBeNull();
    const counts = (i: number) => results[i]?.counts ?? [];
    // Address: the earlier claim was 1; the burst's twelve are 2..13, each once.
    expect(
      results
        .slice(0, 12)
        .map((_, i) => counts(i)[1])
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    // Per customer: ani had 1 before (k-100), so 2..7; budi 1..6.
    const of = (customer: string) =>
      burst
        .slice(0, 12)
        .map((c, i) => (c.scope === `pay:${customer}` ? counts(i)[0] : undefined))
        .filter((n) => n !== undefined)
        .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(of('ani')).toEqual([2, 3, 4, 5, 6, 7]);
    expect(of('budi')).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = await store.db.query<{ subject: string; count: number }>(
      'SELECT subject, count FROM rate_limits ORDER BY subject',
    );
    expect(rows.map((r) => [r.subject, Number(r.count)])).toEqual([
      ['203.0.113.7', 13],
      ['ani', 7],
      ['budi', 6],
    ]);
  });

  it('a lone claim counts each counter once in its window; a key already taken counts nothing', async () => {
    const s = await storeOf();
    const { counted, seen } = counting(s.db);
    const repo = createIdempotencyRepository(counted);
    const lone = (key: string, extra: Partial<ClaimInput> = {}) =>
      claim(key, 'carla', {
        counters: {
          keys: [
            ['payment', 'carla'],
            ['payment:address', '198.51.100.9'],
          ],
          windowMs: 60_000,
        },
        ...extra,
      });
    const first = await repo.claim(lone('l-1'));
    expect(first).toMatchObject({ scope: 'pay:carla', key: 'l-1', owner: 'me', state: 'in_progress' });
    expect(first?.counts).toEqual([1, 1]);
    expect((await repo.claim(lone('l-2')))?.counts).toEqual([2, 2]);
    expect(await repo.claim(lone('l-1', { owner: 'other-instance' }))).toBeNull();
    const rows = () =>
      s.db.query<{ subject: string; count: number }>(
        `SELECT subject, count FROM rate_limits WHERE subject IN ('carla', '198.51.100.9') ORDER BY subject`,
      );
    expect((await rows()).map((r) => Number(r.count))).toEqual([2, 2]);
    // The customer's window ended: it starts again with this attempt; the address's runs on.
    await s.db.query(
      `UPDATE rate_limits SET window_start = now() - interval '2 minutes' WHERE subject = 'carla'`,
    );
    expect((await repo.claim(lone('l-3')))?.counts).toEqual([1, 3]);
    const plain = await repo.claim(lone('l-4', { counters: undefined }));
    expect(plain?.key).toBe('l-4');
    expect(plain?.counts).toBeUndefined();
    // Each claim one statement.
    expect(seen.statements).toBe(5);
  });

  it("keeps each counter's own window in a group: an ended window starts again with the group's attempts", async () => {
    const s = await storeOf();
    const repo = createIdempotencyRepository(s.db);
    // The address window ended long ago; the customers' windows run on.
    await s.db.query(
      `UPDATE rate_limits SET window_start = now() - interval '2 minutes' WHERE subject = '203.0.113.7'`,
    );
    const otp = (key: string): ClaimInput =>
      claim(key, 'ani', { scope: 'otp:ani', counters: { keys: [['otp', 'ani']], windowMs: 3_600_000 } });
    // The OTP claim runs alone; the three payment claims queue behind it and go as one group.
    const results = await Promise.all([
      repo.claim(otp('w-4')),
      repo.claim(claim('w-1', 'ani')),
      repo.claim(claim('w-2', 'ani')),
      repo.claim(claim('w-3', 'budi')),
    ]);
    expect(results.map((r) => r?.counts)).toEqual([[1], [8, 1], [9, 2], [7, 3]]);
  });
});

describe.each(STORE_BACKENDS)('grouped idempotency completions (%s)', (_name, open) => {
  const storeOf = storeFor('grp', open);

  it('completes many keys at once, each with its own answer, and only its owner’s claim', async () => {
    const s = await storeOf();
    const keys = Array.from({ length: 12 }, (_, i) => `k-${i}`);
    for (const key of keys) {
      const claimed = await s.idempotency.claim({
        scope: 'grouped',
        key,
        requestHash: `h-${key}`,
        externalId: `1${String(keys.indexOf(key)).padStart(26, '0')}`,
        owner: key === 'k-11' ? 'someone-else' : 'me',
        leaseMs: 60_000,
      });
      expect(claimed).not.toBeNull();
    }
    const body = (i: number) => ({
      id: `pay_${i}`,
      note: `"quoted" \\ back\\slash, ünï ${i}`,
      list: [i, null],
    });
    await Promise.all(keys.map((key, i) => s.idempotency.complete('grouped', key, 'me', 200 + i, body(i))));
    for (const [i, key] of keys.entries()) {
      const record = await s.idempotency.get('grouped', key);
      if (key === 'k-11') {
        // Not this owner's claim: left as it was.
        expect(record?.state).toBe('in_progress');
        continue;
      }
      expect(record?.state).toBe('completed');
      expect(record?.responseStatus).toBe(200 + i);
      expect(record?.responseBody).toEqual(body(i));
    }
  });
});

describe.each(STORE_BACKENDS)('grouped payment creations (%s)', (_name, open) => {
  const storeOf = storeFor('grp_pay', open);

  it("creates a burst's payments in few statements, each order's rule kept within a group", async () => {
    const s = await storeOf();
    const orders = await Promise.all(
      ['ani', 'budi', 'citra', 'dewi'].map((customerId) => s.orders.create({ customerId, amount: 50_000 })),
    );
    const [first, second, third, fourth] = orders.map((o) => o.id) as [string, string, string, string];
    const { counted, seen } = counting(s.db);
    const payments = createPaymentRepository(counted);
    const attempt = (orderId: string, ref: string, customerId?: string) =>
      payments
        .createOrReuse({
          orderId,
          method: 'kki',
          kkiKind: 'single',
          partnerReferenceNo: ref,
          externalId: ref,
          ...(customerId && { customerId }),
        })
        .then(
          (r) => ({ created: r.payment.orderId, reused: r.reused }),
          (e: unknown) => ({ refused: (e as { code?: string }).code }),
        );
    const results = await Promise.all([
      attempt(first, '1001'),
      attempt(second, '1002'),
      // A second attempt on an order in the same group: the first is open.
      attempt(second, '1003'),
      // Another customer's order is not found; the same reference again is the same payment.
      attempt(third, '1004', 'someone-else'),
      attempt(fourth, '1005'),
      attempt(fourth, '1005'),
    ]);
    // The first ran alone; the rest queued behind it and went in one statement.
    expect(seen.statements).toBe(2);
    expect(results).toEqual([
      { created: first, reused: false },
      { created: second, reused: false },
      { refused: 'order_payment_open' },
      { refused: 'not_found' },
      { created: fourth, reused: false },
      { created: fourth, reused: true },
    ]);
    for (const id of [first, second, fourth]) {
      const open = await s.payments.list({ orderId: id });
      expect(open.map((p) => [p.status, p.amount])).toEqual([['created', 50_000]]);
    }
    expect(await s.payments.list({ orderId: third })).toEqual([]);
  });
});

describe.each(STORE_BACKENDS)('grouped status changes (%s)', (_name, open) => {
  const storeOf = storeFor('grp_chg', open);

  it('changes a burst of payments in few statements, each with its history, event and snapshot', async () => {
    const s = await storeOf();
    await s.events.registerConsumer('webhooks');
    const made = [];
    for (const [i, customerId] of ['ani', 'budi', 'citra', 'dewi'].entries()) {
      const order = await s.orders.create({ customerId, amount: 70_000 + i });
      made.push(
        await s.payments.create({
          orderId: order.id,
          method: 'kki',
          partnerReferenceNo: `20${i}`,
          externalId: `20${i}`,
        }),
      );
    }
    const [a, b, c, d] = made as [PaymentRecord, PaymentRecord, PaymentRecord, PaymentRecord];
    const { counted, seen } = counting(s.db);
    const change = groupedStatusChanges(counted);
    const pending = (p: PaymentRecord, ref: string): StatusChange => ({
      id: p.id,
      from: 'created',
      to: 'pending',
      source: 'doku_response',
      detail: { responseCode: '2025400' },
      patch: { dokuReferenceNo: ref, nextAction: { type: 'none' } },
    });
    const results = await Promise.all([
      change(pending(a, 'R-A')),
      change(pending(b, 'R-B')),
      // The same payment twice in one group: changed once; the other answers null (decide again).
      change({ ...pending(b, 'R-B2'), to: 'failed' }),
      // No longer in `from`: unchanged.
      change({ ...pending(c, 'R-C'), from: 'pending' }),
      change(pending(d, 'R-D')),
    ]);
    expect(seen.statements).toBe(2);
    expect(results.map((r) => (r === null ? null : [r.id, r.status, r.dokuReferenceNo, r.version]))).toEqual([
      [a.id, 'pending', 'R-A', a.version + 1],
      [b.id, 'pending', 'R-B', b.version + 1],
      null,
      null,
      [d.id, 'pending', 'R-D', d.version + 1],
    ]);
    for (const p of [a, b, d]) {
      const history = await s.payments.events(p.id);
      expect(history.map((e) => [e.fromStatus, e.toStatus, e.source])).toEqual([
        [null, 'created', 'api'],
        ['created', 'pending', 'doku_response'],
      ]);
    }
    expect((await s.payments.get(c.id))?.status).toBe('created');
    // Each changed payment's event carries its own row, and nothing else.
    const events = await s.db.query<{ stream: string; type: string; snapshot: unknown }>(
      `SELECT stream, type, snapshot FROM events WHERE type = 'payment.pending' ORDER BY seq`,
    );
    expect(events.map((e) => e.stream).sort()).toEqual([a.id, b.id, d.id].sort());
    const [row] = await s.db.query(`SELECT to_jsonb(p) - 'doku' AS snapshot FROM payments p WHERE id = $1`, [
      a.id,
    ]);
    const snapshotOfA = events.find((e) => e.stream === a.id)?.snapshot;
    expect(Object.keys(jsonValue(snapshotOfA) as object).sort()).toEqual(
      Object.keys(jsonValue(row?.snapshot) as object).sort(),
    );
    // One delivery per event and consumer.
    const [deliveries] = await s.db.query<{ n: unknown; consumers: unknown }>(
      `SELECT (SELECT count(*) FROM event_deliveries d JOIN events e ON e.seq = d.event_seq
                WHERE e.type = 'payment.pending') AS n,
              (SELECT count(*) FROM event_consumers) AS consumers`,
    );
    expect(Number(deliveries?.consumers)).toBeGreaterThanOrEqual(1);
    expect(Number(deliveries?.n)).toBe(3 * Number(deliveries?.consumers));
  });
});

// Two instances on one PostgreSQL: their groups of status changes hold rows in one order, so a group
// waiting on a row another transaction holds never closes a circle with the other instance's group.
describe.runIf(process.env.TEST_DATABASE_URL)('grouped status changes on two instances (postgres)', () => {
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = freshSchema('gsc');
  let a: Store | undefined;
  let b: Store | undefined;
  let holder: pg.Client | undefined;
  afterAll(async () => {
    await holder?.end();
    if (a) await dropSchema(a, schema);
    await a?.close();
    await b?.close();
  });

  it('groups with the same payments in another order both complete, none fails on a deadlock', async () => {
    a = await openStore({ databaseUrl: url, schema, encryptionSecret: TEST_SECRET });
    b = await openStore({ databaseUrl: url, schema, encryptionSecret: TEST_SECRET });
    const made: PaymentRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await a.orders.create({ customerId: `gsc-${i}`, amount: 10_000 + i });
      made.push(
        await a.payments.create({
          orderId: order.id,
          method: 'kki',
          partnerReferenceNo: `7${i}${Date.now()}`,
          externalId: `7${i}${Date.now()}`,
        }),
      );
    }
    const [loneA, loneB, p1, p2, p3] = made as [
      PaymentRecord,
      PaymentRecord,
      PaymentRecord,
      PaymentRecord,
      PaymentRecord,
    ];
    const toPending = (s: Store, p: PaymentRecord) =>
      s.payments
        .transition(p.id, 'pending', { source: 'doku_response', expected: 'created', detail: {} })
        .then((r) => r.record.status as string)
        .catch((e: { code?: string }) => `error ${e.code}`);
    // Another transaction holds p3, as a locked transition or a refund does.
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query(`SET search_path TO ${schema}`);
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM payments WHERE id = $1 FOR UPDATE', [p3.id]);
    // Instance A: a lone change runs at once, the next three go together and wait on p3.
    const groupA = [toPending(a, loneA), toPending(a, p1), toPending(a, p3), toPending(a, p2)];
    await new Promise((r) => setTimeout(r, 300));
    // Instance B: the same payments p2 and p1, arriving in the other order.
    const groupB = [toPending(b, loneB), toPending(b, p2), toPending(b, p1)];
    await new Promise((r) => setTimeout(r, 300));
    await holder.query('COMMIT');
    const results = await Promise.all([...groupA, ...groupB]);
    // Each payment moved once; B's changes of p1 and p2 find them pending already: no error at all.
    expect(results.filter((r) => r.startsWith('error'))).toEqual([]);
    for (const p of made) expect((await a.payments.get(p.id))?.status).toBe('pending');
  }, 30_000);
});
