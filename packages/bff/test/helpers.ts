// Test helpers: the store backends every store test runs on (PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set), each test getting a fresh schema so files and runs stay isolated.
import { openStore, type Store } from '../src/store/index.js';

export const TEST_SECRET = 'SK-hCJ42G28TA0MKG9LE2E_1';
const pgUrl = process.env.TEST_DATABASE_URL;

/** A fresh, unique, lower-case schema name. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The backends to run store tests on: `[name, open]`, `open(schema?)` giving a migrated store. */
export const STORE_BACKENDS: [string, (schema?: string) => Promise<Store>][] = [
  ['pglite', () => openStore({ encryptionSecret: TEST_SECRET })],
  ...(pgUrl
    ? ([
        [
          'postgres',
          (schema?: string) =>
            openStore({
              databaseUrl: pgUrl,
              schema: schema ?? freshSchema('t'),
              encryptionSecret: TEST_SECRET,
            }),
        ],
      ] as [string, (schema?: string) => Promise<Store>][])
    : []),
];

/** Drops a PostgreSQL test schema (no-op on PGlite). */
export async function dropSchema(store: Store, schema: string): Promise<void> {
  if (store.kind === 'postgres') await store.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
