// Parameterised statements are prepared once per connection on PostgreSQL and in PGlite's one
// session (issue 18: parsing and planning were about 60% of PostgreSQL's CPU per KKI payment
// creation, and about half of PGlite's time per statement). The naming rule is checked directly; the
// session's own pg_prepared_statements shows the store's statements prepared and reused rather than
// prepared again.
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres, preparedStatements } from '../src/store/sql.js';
import { freshSchema } from './helpers.js';

const pgUrl = process.env.TEST_DATABASE_URL;

describe('prepared statement names', () => {
  it('names a parameterised text by its content, the same name each time', () => {
    const statement = preparedStatements();
    const a = statement('SELECT $1::int AS n', [1]);
    const again = statement('SELECT $1::int AS n', [2]);
    const other = statement('SELECT $1::text AS n', ['x']);
    expect(a.name).toMatch(/^kki_[\w-]{32}$/);
    expect(again).toEqual({ name: a.name, text: 'SELECT $1::int AS n', values: [2] });
    expect(other.name).not.toBe(a.name);
  });

  it('leaves a statement without parameters unnamed (migrations, scripts of several statements)', () => {
    const statement = preparedStatements();
    expect(statement('CREATE TABLE t (a int); CREATE INDEX ON t (a)', [])).toEqual({
      text: 'CREATE TABLE t (a int); CREATE INDEX ON t (a)',
    });
  });

  it('stops naming new texts past its cap, so generated texts cannot grow it without bound', () => {
    const statement = preparedStatements();
    for (let i = 0; i < 512; i++) expect(statement(`SELECT $1::int + ${i}`, [1]).name).toBeDefined();
    expect(statement('SELECT $1::int + 512', [1])).toEqual({ text: 'SELECT $1::int + 512', values: [1] });
    expect(statement('SELECT $1::int + 0', [1]).name).toBeDefined();
  });
});

describe('prepared statements on PGlite', () => {
  it('prepares a parameterised statement once in its session, in a transaction too, and not with { prepare: false }', async () => {
    const db = await openPglite();
    try {
      const text = 'SELECT $1::int * 2 AS doubled';
      expect(await db.query(text, [21])).toEqual([{ doubled: 42 }]);
      expect(await db.transaction((tx) => tx.query(text, [4]))).toEqual([{ doubled: 8 }]);
      const count = (statement: string) =>
        db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [statement]);
      expect(await count(text)).toEqual([{ n: 1 }]);
      const grouped = 'SELECT sum(x)::int AS total FROM unnest($1::int[]) AS x';
      expect(await db.query(grouped, [[1, 2, 3]], { prepare: false })).toEqual([{ total: 6 }]);
      expect(await count(grouped)).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('runs other statements after a transaction that holds the one connection, and after one that failed', async () => {
    const db = await openPglite();
    try {
      await db.query('CREATE TABLE t (a int PRIMARY KEY)');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let released = false;
      const tx = db.transaction(async (t) => {
        await t.query('INSERT INTO t VALUES ($1)', [1]);
        await held;
      });
      // Sent while the transaction is open: it waits for it, then sees its row.
      const read = db
        .query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE a > $1', [0])
        .then((rows) => {
          expect(released).toBe(true);
          return rows;
        });
      await new Promise((resolve) => setTimeout(resolve, 20));
      released = true;
      release();
      await tx;
      expect(await read).toEqual([{ n: 1 }]);
      // A failed statement rolls its transaction back, and the connection goes on.
      await expect(
        db.transaction(async (t) => {
          await t.query('INSERT INTO t VALUES ($1)', [2]);
          await t.query('INSERT INTO t VALUES ($1)', [1]);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await db.query('SELECT a FROM t WHERE a > $1 ORDER BY a', [0])).toEqual([{ a: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!pgUrl)('prepared statements on PostgreSQL', () => {
  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const schema = freshSchema('prep');
    const db = await openPostgres(pgUrl as string, { schema, maxConnections: 1 });
    try {
      const text = 'SELECT $1::int * 2 AS doubled';
      expect(await db.query(text, [21])).toEqual([{ doubled: 42 }]);
      expect(await db.query(text, [5])).toEqual([{ doubled: 10 }]);
      const prepared = await db.query<{ name: string; statement: string }>(
        'SELECT name, statement FROM pg_prepared_statements WHERE statement = $1',
        [text],
      );
      expect(prepared).toHaveLength(1);
      expect(prepared[0]?.name).toMatch(/^kki_/);
      // In a transaction (the same pool's connection), the statement is the prepared one too.
      const inTx = await db.transaction((tx) => tx.query<{ doubled: number }>(text, [4]));
      expect(inTx).toEqual([{ doubled: 8 }]);
      expect(
        await db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text]),
      ).toEqual([{ n: 1 }]);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  it('plans a statement run with { prepare: false } for its values each time, in a transaction too', async () => {
    const schema = freshSchema('prepoff');
    const db = await openPostgres(pgUrl as string, { schema, maxConnections: 1 });
    try {
      const grouped = 'SELECT sum(x)::int AS total FROM unnest($1::int[]) AS x';
      expect(await db.query(grouped, [[1, 2, 3]], { prepare: false })).toEqual([{ total: 6 }]);
      expect(await db.transaction((tx) => tx.query(grouped, [[4, 5]], { prepare: false }))).toEqual([
        { total: 9 },
      ]);
      const count = (text: string) =>
        db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [text]);
      expect(await count(grouped)).toEqual([{ n: 0 }]);
      // The same text without the option is prepared as any other.
      await db.query(grouped, [[7]]);
      expect(await count(grouped)).toEqual([{ n: 1 }]);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  it('sends every statement unprepared with preparedStatements: false (a pooler that cannot keep them)', async () => {
    const schema = freshSchema('unprep');
    const db = await openPostgres(pgUrl as string, { schema, maxConnections: 1, preparedStatements: false });
    try {
      const text = 'SELECT $1::int * 3 AS tripled';
      expect(await db.query(text, [3])).toEqual([{ tripled: 9 }]);
      expect(
        await db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE $1 = 1', [1]),
      ).toEqual([{ n: 0 }]);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });
});
