// Opens the store the configuration asks for: PostgreSQL when a URL is given, embedded PGlite
// otherwise (a data directory, or memory for tests); migrates it; seals tokens with a derived key.
import { migrate } from './migrations.js';
import { sharedPglite } from './pglite-instances.js';
import type { SqlDatabase } from './sql.js';
import { openPglite, openPostgres } from './sql.js';
import { createSqlStore, type Store } from './store.js';
import { createTokenCipher } from './token-cipher.js';

export { MIGRATIONS, type Migration, migrate } from './migrations.js';
export {
  canTransition,
  isOpenPayment,
  MONEY_TAKEN_STATUSES,
  OPEN_PAYMENT_STATUSES,
  type PaymentEventSource,
} from './payment-state.js';
export * from './records.js';
export { openPglite, openPostgres, type Row, type SqlDatabase, type SqlExecutor } from './sql.js';
export * from './store.js';
export { createTokenCipher, type TokenCipher } from './token-cipher.js';

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used. */
  databaseUrl?: string | undefined;
  /** Schema (PostgreSQL only) to keep the BFF's tables in; created when missing. */
  schema?: string | undefined;
  /** PGlite data directory; in memory when absent. Ignored with `databaseUrl`. */
  dataDir?: string | undefined;
  /** Secret the token-encryption keys derive from (the BFF passes its DOKU secret key). */
  encryptionSecret: string;
  /** Largest PostgreSQL pool (default 10). */
  maxConnections?: number | undefined;
  /**
   * Prepare parameterised statements once per PostgreSQL connection (default true). Turn it off
   * behind a pooler that cannot keep prepared statements across transactions (PgBouncer in
   * transaction mode before 1.21, or without `max_prepared_statements`).
   */
  preparedStatements?: boolean | undefined;
}

/** Opens, migrates and returns the store. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const db: SqlDatabase = options.databaseUrl
    ? await openPostgres(options.databaseUrl, {
        ...(options.schema !== undefined && { schema: options.schema }),
        ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
        ...(options.preparedStatements !== undefined && { preparedStatements: options.preparedStatements }),
      })
    : options.dataDir
      ? await sharedPglite(options.dataDir, () => openPglite(options.dataDir))
      : await openPglite();
  try {
    await migrate(db);
    return createSqlStore(db, await createTokenCipher(options.encryptionSecret));
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
