// The OpenAPI document is checked against the official OpenAPI 3.1 JSON Schema, not only by shape:
// a merchant feeding it to a code generator or a gateway must not trip over it.
import { Validator } from '@seriousme/openapi-schema-validator';
import { kkiRoutes } from '@kki-kit/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createKkiBff } from '../src/index.js';
import { createOpenApiDocument } from '../src/openapi.js';

async function validate(doc: unknown) {
  const validator = new Validator();
  const res = await validator.validate(doc as Parameters<Validator['validate']>[0]);
  return { valid: res.valid, version: validator.version, errors: JSON.stringify(res.errors ?? []) };
}

describe('OpenAPI document', () => {
  // No store options: PGlite in memory; no credentials: the offline sandbox, so every flow mounts
  // (with H2H, as a PCI DSS merchant, even the routes that take card data).
  const ready = createKkiBff({
    publicUrl: 'https://shop.test/api/kki',
    kki: { integration: 'h2h', pciDss: true },
    authenticate: () => 'cust-1',
    authorizeRefund: () => true,
  });
  // Default options: DOKU Checkout, so no route that takes card data.
  const checkoutReady = createKkiBff({
    publicUrl: 'https://shop.test/api/kki',
    authenticate: () => 'cust-1',
    authorizeRefund: () => true,
  });
  afterAll(async () => {
    await (await ready).close();
    await (await checkoutReady).close();
  });

  it('for the whole route table validates as OpenAPI 3.1', async () => {
    const doc = createOpenApiDocument('https://shop.test/api/kki');
    const res = await validate(doc);
    expect(res.errors).toBe('[]');
    expect(res.valid).toBe(true);
    expect(res.version).toBe('3.1');
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    for (const id of Object.keys(kkiRoutes)) expect(ids).toContain(id);
  });

  it('served by a default (Checkout) BFF validates and lists every route but the H2H ones', async () => {
    const bff = await checkoutReady;
    const doc = await (await bff.app.request('/openapi.json')).json();
    const res = await validate(doc);
    expect(res.errors).toBe('[]');
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(ids.sort()).toEqual([...bff.routes].sort());
    for (const [id, spec] of Object.entries(kkiRoutes)) {
      if ('h2hOnly' in spec && spec.h2hOnly) expect(ids, id).not.toContain(id);
      else expect(ids, id).toContain(id);
    }
  });

  it('served by an H2H BFF (every flow mounted) validates and lists every route', async () => {
    const bff = await ready;
    const doc = await (await bff.app.request('/openapi.json')).json();
    const res = await validate(doc);
    expect(res.errors).toBe('[]');
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(ids.sort()).toEqual([...bff.routes].sort());
    for (const id of Object.keys(kkiRoutes)) expect(ids, id).toContain(id);
  });

  it('a broken document does not validate (the check can fail)', async () => {
    const doc = createOpenApiDocument('https://shop.test/api/kki') as { info?: unknown };
    delete doc.info;
    expect((await validate(doc)).valid).toBe(false);
  });
});
