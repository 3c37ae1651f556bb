// Grouped claims and completions: the calls that arrive while one statement runs go together in the
// next, a lone call runs at once, a failed statement rejects its own group only. On both stores,
// answers completed together keep each their own status and body (JSON with quotes, backslashes,
// non-ASCII), and claims made together count their rate limits as if made one after another.
import { afterAll, describe, expect, it } from 'vitest';
import { groupedCalls, groupedWrites } from '../src/store/grouped-writes.js';
import { type ClaimInput, createIdempotencyRepository } from '../src/store/idempotency.js';
import type { SqlDatabase, Store } from '../src/store/index.js';
import { dropSchema, freshSchema, STORE_BACKENDS } from './helpers.js';

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

describe.each(STORE_BACKENDS)('grouped idempotency claims (%s)', (_name, open) => {
  const schema = freshSchema('grc');
  let store: Store | undefined;
  afterAll(async () => {
    if (!store) return;
    await dropSchema(store, schema);
    await store.close();
  });
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
    store = await open(schema);
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

  it("keeps each counter's own window in a group: an ended window starts again with the group's attempts", async () => {
    const s = store as Store;
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
  const schema = freshSchema('grp');
  let store: Store | undefined;
  afterAll(async () => {
    if (!store) return;
    await dropSchema(store, schema);
    await store.close();
  });

  it('completes many keys at once, each with its own answer, and only its owner’s claim', async () => {
    store = await open(schema);
    const s = store;
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
