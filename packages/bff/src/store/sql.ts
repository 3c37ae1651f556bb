// The small SQL surface the store needs, on PostgreSQL and on PGlite, both through node-postgres, so
// every query and migration is written once and runs on both. int8 values come as strings, so row
// mappers read them with `Number()`; JSON goes in as text with a `::jsonb` cast.
// PGlite is imported where it is opened, not here: a BFF on PostgreSQL never loads it.
import { createHash } from 'node:crypto';
import pg from 'pg';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** How one statement runs. */
export interface QueryOptions {
  /**
   * `false`: planned for its values on every run instead of prepared once per connection. For the
   * grouped statements over arrays: a plan cached while a table was new (a scan of every row, cheap
   * then) would be kept as the table grows until the next ANALYZE, while planning each run costs
   * little beside a group of writes. Default `true`.
   */
  prepare?: boolean;
}

/** Runs parameterised SQL (`$1`, `$2`, …). */
export interface SqlExecutor {
  query<T extends Row = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
}

/** A database: queries, transactions, and shutdown. */
export interface SqlDatabase extends SqlExecutor {
  /** Which engine this is. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Embedded PGlite. `dataDir` persists to a directory; without it the database lives in memory
 * (tests). It is driven through node-postgres and PGlite's own protocol adapter
 * (`@electric-sql/pglite/node-postgres`), the same way as PostgreSQL: each statement is prepared once
 * and then only bound and run, where PGlite's `query` parses and plans every statement each time
 * (about twice the time of the store's statements), and rows are read by the same driver on both.
 * PGlite is one connection, a pool of one: a transaction holds it and other statements queue, which
 * gives the same exclusion `SELECT … FOR UPDATE` gives on PostgreSQL.
 */
export async function openPglite(dataDir?: string): Promise<SqlDatabase> {
  const [{ PGlite }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const db = await PGlite.create(dataDir ?? 'memory://');
  // One client for the database's life: prepared statements live in PGlite's one session.
  const pool = new pg.Pool({ ...createPgConfig(db), max: 1, idleTimeoutMillis: 0 });
  return poolDatabase('pglite', pool, true, async () => {
    await pool.end();
    await db.close();
  });
}

/**
 * PostgreSQL through a `pg` pool. `schema` sets the `search_path` of every connection (one schema per
 * test file keeps tests isolated on one server); it is created when missing.
 */
export async function openPostgres(
  connectionString: string,
  options: { schema?: string; maxConnections?: number; preparedStatements?: boolean } = {},
): Promise<SqlDatabase> {
  const { schema, maxConnections = 10, preparedStatements: prepare = true } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError('schema must be a lower-case SQL identifier');
  }
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  return poolDatabase('postgres', pool, prepare, () => pool.end());
}

/** A database on a node-postgres pool; `prepare`: statements prepared once per connection. */
function poolDatabase(
  kind: SqlDatabase['kind'],
  pool: pg.Pool,
  prepare: boolean,
  close: () => Promise<void>,
): SqlDatabase {
  // An idle client's error (a server restart, PGlite failing) must not crash the merchant's process:
  // the next statement fails instead, with the cause.
  pool.on('error', () => {});
  const prepared = prepare ? preparedStatements() : unprepared;
  const statement = (text: string, params: readonly unknown[], options?: QueryOptions) =>
    (options?.prepare === false ? unprepared : prepared)(text, params);
  const query = async <T extends Row>(
    text: string,
    params: readonly unknown[] = [],
    options?: QueryOptions,
  ) => (await pool.query<T>(statement(text, params, options))).rows;
  return {
    kind,
    query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T extends Row>(
            text: string,
            params: readonly unknown[] = [],
            options?: QueryOptions,
          ) => (await client.query<T>(statement(text, params, options))).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close,
  };
}

/**
 * A statement as node-postgres takes it (its `QueryConfig`), written out here so the package's
 * declarations never name `pg`'s types: a merchant without `@types/pg` type-checks too.
 */
export interface Statement {
  name?: string;
  text: string;
  values?: unknown[];
}

/** Every statement unprepared (the `preparedStatements: false` option). */
const unprepared = (text: string, params: readonly unknown[]): Statement =>
  params.length === 0 ? { text } : { text, values: params as unknown[] };

/** How many distinct statement texts get a name; beyond it (never with the store's fixed texts) they run unnamed. */
const MAX_PREPARED_STATEMENTS = 512;

/**
 * Parameterised statements are prepared once per connection under a name taken from their text:
 * PostgreSQL then skips parsing them and, after a few runs, planning them, which was about 60% of
 * its CPU per KKI payment creation (issue 18). Statements without parameters (migrations, DDL,
 * scripts of several statements) stay unnamed: a prepared statement holds exactly one.
 */
export function preparedStatements(): (text: string, params: readonly unknown[]) => Statement {
  const names = new Map<string, string>();
  return (text, params) => {
    const values = params as unknown[];
    if (values.length === 0) return { text };
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MAX_PREPARED_STATEMENTS) return { text, values };
      name = `kki_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
      names.set(text, name);
    }
    return { name, text, values };
  };
}
