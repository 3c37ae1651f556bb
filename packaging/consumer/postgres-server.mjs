// A merchant's server on PostgreSQL (DATABASE_URL) talking to DOKU with its own credentials: the BFF
// must load neither PGlite nor the offline sandbox (the packaging suite runs this under
// resolve-log.mjs and reads what was resolved). Prints what it saw as one JSON line: the readiness
// status, or the error code when PostgreSQL could not be reached.
import { generateKeyPairSync } from 'node:crypto';
import { createKkiBff } from '@kki-kit/bff';

const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const schema = `pack_${process.pid}_${Date.now().toString(36)}`;
try {
  const bff = await createKkiBff({
    environment: process.env.KKI_DOKU_ENV ?? 'sandbox',
    clientId: 'MCH-MERCHANT-0001',
    secretKey: 'SK-merchant-own-secret',
    privateKeyPem,
    publicUrl: 'https://shop.example/api/kki',
    authenticate: (c) => c.req.header('x-customer-id') ?? null,
    store: { databaseUrl: process.env.DATABASE_URL, schema },
    reconciliation: { enabled: false },
  });
  const ready = (await bff.app.request('/readyz')).status;
  await bff.store.db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await bff.close();
  console.log(JSON.stringify({ store: bff.store.kind, ready }));
} catch (error) {
  console.log(JSON.stringify({ error: error?.code ?? String(error) }));
}
