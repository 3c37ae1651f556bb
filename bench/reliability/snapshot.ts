// What the store holds, table by table: row counts and a hash of every row, to prove a rejected
// request changed nothing, and every cell as text, to search the database for secrets.
import { createHash } from 'node:crypto';
import type { Store } from './kit.js';

/** The store's tables in the current schema. */
export async function tables(store: Store): Promise<string[]> {
  const rows = await store.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

/** Every row of `table` as JSON text, in a stable order. */
export async function dumpTable(store: Store, table: string): Promise<string[]> {
  const rows = await store.db.query(`SELECT * FROM "${table}"`);
  return rows
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    .sort();
}

/** `table → "count:sha256"` for every table. */
export async function snapshot(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tables(store)) {
    const rows = await dumpTable(store, table);
    out[table] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
