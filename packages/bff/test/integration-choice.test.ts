// Which KKI path the BFF serves is the server's decision: DOKU Checkout by default, where no route
// takes a card number or one-time token; host-to-host only for a merchant that states PCI DSS.
import { kkiRoutes } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { optionsFromEnv } from '../src/config-env.js';
import { KkiBffConfigError, resolveConfig } from '../src/config.js';
import { H2H_NEEDS_PCI_DSS } from '../src/config-integration.js';

const ORIGIN = 'https://shop.test';
const MOUNT = '/api/kki';
const authenticate = () => 'cust-1';
const base = { publicUrl: `${ORIGIN}${MOUNT}`, authenticate, reconciliation: { enabled: false } };

// Every property name anywhere in a JSON Schema (nested objects, unions, arrays).
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, into);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        for (const name of Object.keys(value)) into.add(name);
      }
      propertyNames(value, into);
    }
  }
  return into;
}

describe('default integration: DOKU Checkout', () => {
  let bff: KkiBff;
  let host: Hono;
  beforeAll(async () => {
    bff = await createKkiBff({ ...base, logger: () => {} });
    host = new Hono();
    host.route(MOUNT, bff.app);
  }, 60_000);
  afterAll(async () => bff?.close());

  it('is Checkout without any option, and mounts no H2H route', () => {
    expect(bff.config.kki).toEqual({ integration: 'checkout', pciDss: false });
    expect(bff.config.checkout?.methods).toEqual(['kki', 'card']);
    const h2h = Object.entries(kkiRoutes).filter(([, spec]) => 'h2hOnly' in spec && spec.h2hOnly);
    expect(h2h.map(([id]) => id).sort()).toEqual(['createBinding', 'createKkiPayment', 'verifyBindingOtp']);
    for (const [id] of h2h) expect(bff.routes.has(id), id).toBe(false);
    expect(bff.routes.has('createCheckoutPayment')).toBe(true);
  });

  it('no mounted route takes a card number, OTT or OTP (the OpenAPI document of what is served)', async () => {
    const doc = (await (await host.request(`${MOUNT}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown }>>;
    };
    const names = new Set<string>();
    for (const operations of Object.values(doc.paths)) {
      for (const op of Object.values(operations)) {
        propertyNames(op.requestBody, names);
        for (const p of (op.parameters ?? []) as { name: string }[]) names.add(p.name);
      }
    }
    expect(names.size).toBeGreaterThan(0);
    for (const field of ['cpan', 'ott', 'otp', 'expiry', 'cardData']) expect([...names]).not.toContain(field);
  });

  it('a CPAN posted to every route of the table that takes one answers 404 and stores nothing', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'cust-1', amount: 150_000 });
    const cpan = kkiTestCpan('bri');
    const body = {
      orderId: order.id,
      source: { type: 'card', cpan, ott: '123456' },
      cpan,
      ott: '123456',
      otp: '123456',
      mode: 'otp',
      phone: '6281234567890',
    };
    const h2hPaths = Object.values(kkiRoutes)
      .filter((spec) => 'h2hOnly' in spec && spec.h2hOnly)
      .map((spec) => spec.path.replace(':bindingId', 'bind_abcdefgh12'));
    expect(h2hPaths.length).toBe(3);
    for (const path of h2hPaths) {
      const init = {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          'x-kki-request': '1',
          'idempotency-key': `key-${path.length}-choice-test`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      };
      // Mounted in a shop's app, and served on its own (where the BFF words its 404).
      expect((await host.request(`${MOUNT}${path}`, init)).status, path).toBe(404);
      const own = await bff.app.request(path, init);
      expect(own.status, path).toBe(404);
      expect(((await own.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
    expect(await bff.merchant.listPayments({ orderId: order.id })).toEqual([]);
    // The sandbox saw no card either.
    expect(JSON.stringify(bff.doku.sandbox?.ledger())).not.toContain(cpan.slice(-8));
  });

  it('GET /config tells the components the path, without sign-in', async () => {
    const res = await host.request(`${MOUNT}/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      kki: { integration: 'checkout' },
      checkout: { methods: ['kki', 'card'] },
    });
  });
});

describe('H2H needs a PCI DSS statement', () => {
  it('H2H without pciDss: true stops start-up with a message naming the option and why', async () => {
    for (const kki of [{ integration: 'h2h' as const }, { integration: 'h2h' as const, pciDss: false }]) {
      const error = await createKkiBff({ ...base, kki }).then(
        async (bff) => {
          await bff.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KkiBffConfigError);
      const message = (error as Error).message;
      expect(message).toContain(H2H_NEEDS_PCI_DSS);
      expect(message).toMatch(/kki\.pciDss: true/);
      expect(message).toMatch(/PCI DSS certified/);
      expect(message).toMatch(/KKI_PCI_DSS=true/);
    }
  });

  it('from the environment: KKI_INTEGRATION=h2h alone is refused, with KKI_PCI_DSS=true it is H2H', async () => {
    const env = { KKI_PUBLIC_URL: `${ORIGIN}${MOUNT}`, KKI_DOKU_ENV: 'offline', KKI_INTEGRATION: 'h2h' };
    await expect(
      createKkiBff({ ...optionsFromEnv(env, { authenticate }), logger: () => {} }),
    ).rejects.toThrow(H2H_NEEDS_PCI_DSS);
    const bff = await createKkiBff({
      ...optionsFromEnv({ ...env, KKI_PCI_DSS: 'true' }, { authenticate }),
      reconciliation: { enabled: false },
      logger: () => {},
    });
    try {
      expect(bff.config.kki).toEqual({ integration: 'h2h', pciDss: true });
      for (const id of ['createKkiPayment', 'createBinding', 'verifyBindingOtp'])
        expect(bff.routes.has(id)).toBe(true);
      const config = await (await bff.app.request('/config')).json();
      expect(config).toEqual({ kki: { integration: 'h2h' }, checkout: { methods: ['kki', 'card'] } });
    } finally {
      await bff.close();
    }
  });

  it('a value that is neither is named; Checkout cannot be switched off while it is the KKI path', () => {
    const sandbox = null;
    expect(() =>
      resolveConfig(
        optionsFromEnv({ KKI_PUBLIC_URL: ORIGIN, KKI_INTEGRATION: 'pci' }, { authenticate }),
        sandbox,
      ),
    ).toThrow(/kki\.integration must be "checkout" or "h2h"/);
    expect(() =>
      resolveConfig(
        optionsFromEnv({ KKI_PUBLIC_URL: ORIGIN, KKI_PCI_DSS: 'yes' }, { authenticate }),
        sandbox,
      ),
    ).toThrow(/kki\.pciDss must be true or false/);
    expect(() => resolveConfig({ ...base, checkout: false }, sandbox)).toThrow(/checkout cannot be false/);
  });

  it('H2H may switch Checkout off: /config says so and its routes are not mounted', async () => {
    const bff = await createKkiBff({
      ...base,
      kki: { integration: 'h2h', pciDss: true },
      checkout: false,
      logger: () => {},
    });
    try {
      expect(await (await bff.app.request('/config')).json()).toEqual({
        kki: { integration: 'h2h' },
        checkout: null,
      });
      expect(bff.routes.has('createCheckoutPayment')).toBe(false);
      expect(bff.routes.has('checkoutReturn')).toBe(false);
    } finally {
      await bff.close();
    }
  });
});
