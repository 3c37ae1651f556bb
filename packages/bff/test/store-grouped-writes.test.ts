// Grouped completions: the writes that arrive while one statement runs go together in the next, a
// lone write runs at once, a failed statement rejects its own group only. On both stores, answers
// completed together keep each their own status and body (JSON with quotes, backslashes, non-ASCII).
import { afterAll, describe, expect, it } from 'vitest';
import { groupedWrites } from '../src/store/grouped-writes.js';
import type { Store } from '../src/store/index.js';
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
