// PGlite and the offline sandbox are loaded only when used: a BFF on PostgreSQL talking to real DOKU
// loads neither. Each mock below records that its module was imported (and hands back the real
// module), so the tests see exactly what the BFF's code imports. Module imports are cached per file:
// the tests that expect nothing loaded run first, the offline BFF (which loads both) last.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { DOKU_SAMPLE_SECRET_KEY } from '@kki-kit/doku';
import { describe, expect, it, vi } from 'vitest';
import { createKkiBff } from '../src/app.js';
import { KkiBffConfigError } from '../src/config.js';
import { dropSchema, freshSchema } from './helpers.js';

const loaded = vi.hoisted(() => new Set<string>());
vi.mock('@electric-sql/pglite', async (importOriginal) => {
  loaded.add('@electric-sql/pglite');
  return await importOriginal();
});
vi.mock('@kki-kit/doku-sandbox', async (importOriginal) => {
  loaded.add('@kki-kit/doku-sandbox');
  return await importOriginal();
});

const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const credentials = {
  clientId: 'MCH-REAL-0001',
  secretKey: 'SK-real-merchant-secret',
  privateKeyPem,
  authenticate: () => 'c1',
  publicUrl: 'https://shop.test/api/kki',
  reconciliation: { enabled: false },
} as const;

/** A local port nothing listens on: a PostgreSQL URL there fails to connect. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('lazy loading', () => {
  it.each(['sandbox', 'production'] as const)(
    'a BFF on PostgreSQL with DOKU credentials (environment %s) loads neither PGlite nor the sandbox',
    async (environment) => {
      const pgUrl = process.env.TEST_DATABASE_URL;
      if (pgUrl) {
        const schema = freshSchema('lazy');
        const bff = await createKkiBff({
          ...credentials,
          environment,
          store: { databaseUrl: pgUrl, schema },
        });
        try {
          expect(bff.store.kind).toBe('postgres');
          expect(bff.doku.sandbox).toBeUndefined();
          expect((await bff.app.request('/readyz')).status).toBe(200);
        } finally {
          await dropSchema(bff.store, schema);
          await bff.close();
        }
      } else {
        // No PostgreSQL here: the start gets as far as connecting to it, and fails there.
        const url = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
        await expect(
          createKkiBff({ ...credentials, environment, store: { databaseUrl: url } }),
        ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      }
      expect([...loaded]).toEqual([]);
    },
    60_000,
  );

  it("refuses DOKU's sample secret key in production without loading the sandbox", async () => {
    const error = await createKkiBff({
      ...credentials,
      environment: 'production',
      secretKey: DOKU_SAMPLE_SECRET_KEY,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KkiBffConfigError);
    expect((error as KkiBffConfigError).problems).toEqual([
      'secretKey is the public sandbox key; it cannot be used with environment "production"',
    ]);
    expect([...loaded]).toEqual([]);
  });

  it('an offline BFF on PGlite loads both, when it starts', async () => {
    const bff = await createKkiBff({
      authenticate: () => 'c1',
      publicUrl: 'http://localhost:4020/api/kki',
      reconciliation: { enabled: false },
    });
    try {
      expect(bff.store.kind).toBe('pglite');
      expect(bff.doku.sandbox).toBeDefined();
      expect([...loaded].sort()).toEqual(['@electric-sql/pglite', '@kki-kit/doku-sandbox']);
    } finally {
      await bff.close();
    }
  }, 60_000);
});
