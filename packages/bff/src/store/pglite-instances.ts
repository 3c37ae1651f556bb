// One PGlite per data directory per process. PGlite's start-up is seconds of WebAssembly work and
// a directory must not be opened twice at once, so BFFs created several times in one process on
// the same `dataDir` (a dev server re-creating it, tests, several apps mounted in one host) share
// one instance; the last `close()` closes it.
import { resolve } from 'node:path';
import type { SqlDatabase } from './sql.js';

const open = new Map<string, { db: Promise<SqlDatabase>; users: number }>();

/** The process's PGlite on `dataDir` (opened with `start` when there is none), closed by its last user. */
export async function sharedPglite(dataDir: string, start: () => Promise<SqlDatabase>): Promise<SqlDatabase> {
  const key = resolve(dataDir);
  let entry = open.get(key);
  if (!entry) {
    entry = { db: start(), users: 0 };
    open.set(key, entry);
  }
  entry.users++;
  const shared = entry;
  let db: SqlDatabase;
  try {
    db = await shared.db;
  } catch (error) {
    if (open.get(key) === shared) open.delete(key);
    throw error;
  }
  let closed = false;
  return {
    kind: db.kind,
    query: (text, params, options) => db.query(text, params, options),
    transaction: (fn) => db.transaction(fn),
    async close() {
      if (closed) return;
      closed = true;
      shared.users--;
      if (shared.users > 0) return;
      if (open.get(key) === shared) open.delete(key);
      await db.close();
    },
  };
}
