// One PGlite per data directory per process: stores opened on the same `dataDir` share the instance
// (PGlite starts once), and it stays open until the last of them closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPglite } from '../src/store/pglite-instances.js';
import { openPglite, openStore } from '../src/store/index.js';
import { TEST_SECRET } from './helpers.js';

describe('PGlite shared per data directory', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kki-shared-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('starts PGlite once for every opener of a directory and closes it with the last', async () => {
    const dir = await tempDir();
    let starts = 0;
    const start = () => {
      starts++;
      return openPglite(dir);
    };
    const [a, b] = await Promise.all([sharedPglite(dir, start), sharedPglite(`${dir}/.`, start)]);
    expect(starts).toBe(1);
    await a.query('CREATE TABLE t (n int)');
    await b.query('INSERT INTO t VALUES (1)');
    await a.close();
    await a.close(); // a second close of one opener does not close the others' instance
    expect(await b.query<{ n: number }>('SELECT n FROM t')).toEqual([{ n: 1 }]);
    await b.close();
    const c = await sharedPglite(dir, start);
    expect(starts).toBe(2);
    expect(await c.query<{ n: number }>('SELECT n FROM t')).toEqual([{ n: 1 }]);
    await c.close();
  });

  it('gives two BFF stores on one data directory the same data', async () => {
    const dir = await tempDir();
    const first = await openStore({ dataDir: dir, encryptionSecret: TEST_SECRET });
    const second = await openStore({ dataDir: dir, encryptionSecret: TEST_SECRET });
    const order = await first.orders.create({ customerId: 'cust-shared', amount: 50_000 });
    expect((await second.orders.get(order.id))?.amount).toBe(50_000);
    await first.close();
    expect((await second.orders.get(order.id))?.id).toBe(order.id);
    await second.close();
  });
});
