// The store round trips of one KKI payment creation (POST /kki/payments with a new card), counted by
// an instrumented SqlDatabase: every statement the request sends is one round trip to the database,
// BEGIN and COMMIT included. A deterministic count, so the create path cannot grow more trips unseen
// (issue 18: the BFF's cost over a bare proxy is mostly its store work).
import { AsyncLocalStorage } from 'node:async_hooks';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSqlStore,
  createTokenCipher,
  type SqlDatabase,
  type SqlExecutor,
  type Store,
} from '../src/store/index.js';
import { dropSchema, freshSchema, STORE_BACKENDS, TEST_SECRET } from './helpers.js';
import { newKey, newOtt, startKki } from './kki-setup.js';

/**
 * The round trips of a create: the idempotency claim (which also counts the rate limits), the
 * payment (one call: the customer's order under its row lock, checks, insert, history), DOKU's answer
 * applied (one statement with its history and outbox event), the stored answer. It was 19 before
 * issue 18, 5 while the order was read on its own.
 */
const CREATE_ROUND_TRIPS = 4;

/** Statements sent while `counting` runs (background work of the BFF, e.g. event delivery, is not the request's). */
function countingDatabase(db: SqlDatabase) {
  const scope = new AsyncLocalStorage<string[]>();
  const note = (text: string) => scope.getStore()?.push(text.replace(/\s+/g, ' ').trim().slice(0, 90));
  const executor = (exec: SqlExecutor): SqlExecutor => ({
    query(text, params) {
      note(text);
      return exec.query(text, params);
    },
  });
  const counted: SqlDatabase = {
    kind: db.kind,
    ...executor(db),
    transaction(fn) {
      note('BEGIN');
      return db.transaction((tx) => fn(executor(tx))).finally(() => note('COMMIT'));
    },
    close: () => db.close(),
  };
  return {
    db: counted,
    async counting<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      const statements: string[] = [];
      const result = await scope.run(statements, fn);
      return { result, statements };
    },
  };
}

describe.each(STORE_BACKENDS)('round trips of a KKI payment creation (%s)', (_name, open) => {
  const schema = freshSchema('rt');
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) {
      await dropSchema(s, schema);
      await s.close();
    }
  });

  it(`sends at most ${CREATE_ROUND_TRIPS} statements to the store, the DOKU call aside`, async () => {
    const opened = await open(schema);
    stores.push(opened);
    const counter = countingDatabase(opened.db);
    const store = createSqlStore(counter.db, await createTokenCipher(TEST_SECRET));
    const h = await startKki({ store });
    try {
      const create = async (serial: number) => {
        const order = await h.bff.merchant.createOrder({ customerId: 'cust-rt', amount: 80_000 });
        return counter.counting(async () => {
          const res = await h.call('cust-rt', '/kki/payments', {
            method: 'POST',
            key: newKey(),
            json: {
              orderId: order.id,
              source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt() },
            },
          });
          expect(res.status).toBe(201);
          return (await res.json()) as { status: string };
        });
      };
      await create(1); // the first request of an instance also does one-time work
      const { result, statements } = await create(2);
      expect(result.status).toBe('pending');
      // A slow DOKU call may renew the idempotency lease on a timer; that is not per request.
      const trips = statements.filter((s) => !s.includes('locked_until = now()') || s.includes('INSERT'));
      expect(trips.length, trips.join('\n')).toBeLessThanOrEqual(CREATE_ROUND_TRIPS);
    } finally {
      await h.close();
    }
  });
});
