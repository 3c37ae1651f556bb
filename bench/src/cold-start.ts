// Cold start of the BFF: each case is a fresh Node process (cold-start-child.ts) that imports
// @kki-kit/bff, calls createKkiBff and times its first answered request. PostgreSQL on a new schema
// (every migration runs) and again on the migrated schema (a restart); PGlite on a new data directory
// and again on the same directory (a restart of an embedded deployment).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
} from '@kki-kit/doku-sandbox';
import { startChild } from './child.js';
import type { ColdStartFigures } from './cold-start-child.js';

/** One cold start case. */
export interface ColdStartRow extends ColdStartFigures {
  store: 'pglite' | 'postgres';
  /** `new` (empty database, migrations run) or `restart` (the same database again). */
  database: 'new' | 'restart';
}

const KEYS = JSON.stringify({
  clientId: DEFAULT_CLIENT_ID,
  secretKey: DEFAULT_SECRET_KEY,
  privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
  dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
});

async function once(sandboxUrl: string, store: unknown): Promise<ColdStartFigures> {
  const child = await startChild<ColdStartFigures>(
    'cold-start-child.ts',
    [sandboxUrl, JSON.stringify(store)],
    {
      env: { KKI_BENCH_KEYS: KEYS },
    },
  );
  await child.stop();
  return child.ready;
}

/** Runs each case against a sandbox at `sandboxUrl`; PostgreSQL cases only with `databaseUrl`. */
export async function benchColdStart(
  sandboxUrl: string,
  databaseUrl: string | null,
): Promise<ColdStartRow[]> {
  const rows: ColdStartRow[] = [];
  if (databaseUrl) {
    const schema = `bench_cold_${Date.now().toString(36)}`;
    const store = { databaseUrl, schema };
    rows.push({ store: 'postgres', database: 'new', ...(await once(sandboxUrl, store)) });
    rows.push({ store: 'postgres', database: 'restart', ...(await once(sandboxUrl, store)) });
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'kki-bench-cold-'));
  try {
    rows.push({ store: 'pglite', database: 'new', ...(await once(sandboxUrl, { dataDir })) });
    rows.push({ store: 'pglite', database: 'restart', ...(await once(sandboxUrl, { dataDir })) });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}
