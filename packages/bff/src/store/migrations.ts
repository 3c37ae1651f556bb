// The one schema of the BFF, as versioned migrations shared by PGlite and PostgreSQL. Applied at
// start-up inside a transaction holding an advisory lock, so two instances starting together apply
// each migration once; applied versions are recorded in `kki_migrations`.
import { type Migration, MIGRATIONS } from './migration-list.js';
import type { SqlDatabase } from './sql.js';

export { type Migration, MIGRATIONS };

// Arbitrary constant: the advisory lock every instance takes while migrating.
const MIGRATION_LOCK_ID = 7_245_301_118;

/**
 * Applies every migration not yet recorded, in order, in one transaction under an advisory lock.
 * Safe to call on every start and from several instances at once. Returns the versions it applied.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS kki_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM kki_migrations')).map((r) =>
        Number(r.version),
      ),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await runStatements(tx, m.sql);
      await tx.query('INSERT INTO kki_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

// Extended-protocol queries take one statement each; migrations are split on `;` at line ends,
// except inside a `$$`-quoted function body (no migration uses `;` at a line end in a literal).
async function runStatements(tx: { query(text: string): Promise<unknown> }, sql: string): Promise<void> {
  const statements: string[] = [];
  let current = '';
  sql.split('$$').forEach((part, i) => {
    if (i % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const [first = '', ...rest] = part.split(/;\s*$/m);
    current += first;
    for (const next of rest) {
      statements.push(current);
      current = next;
    }
  });
  statements.push(current);
  for (const statement of statements) {
    if (statement.trim() !== '') await tx.query(statement);
  }
}
