// The event outbox under concurrent writers: the feed's cursor never skips an event whose
// transaction commits late, and writers holding payment row locks never wait on each other for the
// outbox (a global outbox lock once deadlocked a late charge's transaction and lost it). Needs two
// connections at once, so it runs on PostgreSQL (CI sets TEST_DATABASE_URL); PGlite, one connection,
// runs the single-writer part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../src/store/events.js';
import type { PaymentRecord, SqlExecutor, Store } from '../src/store/index.js';
import { freshSchema, STORE_BACKENDS } from './helpers.js';

/** A promise with its resolver, to hold a transaction open at a chosen point. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, passed };
}

describe.each(STORE_BACKENDS)('event feed on %s', (name, open) => {
  let store: Store;
  const schema = freshSchema('feed');
  beforeAll(async () => {
    store = await open(schema);
  }, 60_000);
  afterAll(async () => {
    if (store.kind === 'postgres') await store.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.close();
  });

  let n = 0;
  const newPayment = async (): Promise<PaymentRecord> => {
    const order = await store.orders.create({
      customerId: `feed-${++n}`,
      amount: 50_000,
      lineItems: [{ name: 'Kopi', price: 50_000, quantity: 1 }],
    });
    return store.payments.create({
      orderId: order.id,
      method: 'kki',
      kkiKind: 'bind_and_pay',
      partnerReferenceNo: `${Date.now()}${n}`,
      externalId: `${Date.now()}${n}9`,
    });
  };
  const lock = (tx: SqlExecutor, p: PaymentRecord) =>
    tx.query('SELECT id FROM payments WHERE id = $1 FOR UPDATE', [p.id]);
  const pending = (tx: SqlExecutor, p: PaymentRecord) =>
    emitEvent(tx, { type: 'payment.pending', subject: 'payment', payment: p });
  /** Every event after `after`, following the cursor page by page. */
  const readAll = async (after: string | null) => {
    const seen: string[] = [];
    let cursor = after;
    for (;;) {
      const page = await store.events.list(cursor, 1);
      const event = page[0];
      if (!event) return { ids: seen, cursor };
      seen.push(event.subject.record.id);
      cursor = event.cursor;
    }
  };

  it('reads events in commit-safe order by cursor and refuses a malformed cursor', async () => {
    const [a, b] = [await newPayment(), await newPayment()];
    const start = (await readAll(null)).cursor;
    await store.db.transaction((tx) => pending(tx, a));
    await store.db.transaction((tx) => pending(tx, b));
    const read = await readAll(start);
    expect(read.ids).toEqual([a.id, b.id]);
    expect((await readAll(read.cursor)).ids).toEqual([]);
    await expect(store.events.list('7; DROP TABLE events', 10)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  // Two connections at once: PostgreSQL only (PGlite's transactions queue on its one connection).
  if (name !== 'postgres') return;

  it('after a move to another cluster, re-bases the events written there before the new ones', async () => {
    const before = await newPayment();
    await store.db.transaction((tx) => pending(tx, before));
    // What a dump restored into a younger cluster looks like: transaction ids it has not reached.
    await store.db.query(`UPDATE events SET tx_id = (tx_id::text::numeric + 5000000)::text::xid8`);
    expect((await readAll(null)).ids).not.toContain(before.id);
    expect(await store.events.rebaseMoved()).toBeGreaterThan(0);
    expect(await store.events.rebaseMoved()).toBe(0);
    const after = await newPayment();
    await store.db.transaction((tx) => pending(tx, after));
    const ids = (await readAll(null)).ids;
    expect(ids.indexOf(before.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(before.id)).toBeLessThan(ids.indexOf(after.id));
  });

  it('holds back an event committed after a newer one, then delivers both; the cursor skips neither', async () => {
    const [early, late] = [await newPayment(), await newPayment()];
    const start = (await readAll(null)).cursor;
    const written = gate();
    const release = gate();
    // The older transaction writes first and stays open; a newer one commits meanwhile.
    const older = store.db.transaction(async (tx) => {
      await pending(tx, early);
      written.open();
      await release.passed;
    });
    await written.passed;
    await store.db.transaction((tx) => pending(tx, late));
    const whileOpen = await readAll(start);
    expect(whileOpen.ids).toEqual([]);
    release.open();
    await older;
    expect((await readAll(whileOpen.cursor)).ids).toEqual([early.id, late.id]);
  });

  it('two writers holding each other’s next row lock both commit (no outbox lock between them)', async () => {
    const [p1, p2] = [await newPayment(), await newPayment()];
    const t2Locked = gate();
    const t1Emitted = gate();
    const second = store.db.transaction(async (tx) => {
      await lock(tx, p2);
      t2Locked.open();
      await t1Emitted.passed;
      await pending(tx, p2);
    });
    await t2Locked.passed;
    const first = store.db.transaction(async (tx) => {
      await lock(tx, p1);
      await pending(tx, p1);
      t1Emitted.open();
      // Waits for the second writer's commit; with a lock taken in emitEvent the second would be
      // waiting for this one: a deadlock PostgreSQL ends by aborting one of them.
      await lock(tx, p2);
    });
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    const ids = (await store.events.list(null, 1000)).map((e) => e.subject.record.id);
    expect(ids).toEqual(expect.arrayContaining([p1.id, p2.id]));
  });
});
