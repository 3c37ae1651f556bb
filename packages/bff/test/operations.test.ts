// The BFF as a service: health and readiness, request ids on every answer and in every log line of
// the request, CORS only for cross-origin shops (never on the merchant API), pino-shaped loggers and
// levels, Retry-After on 429, Accept-Language, and refusal reasons outside production only.
import { createKkiError } from '@kki-kit/contract';
import * as sandboxModule from '@kki-kit/doku-sandbox';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { KkiBffConfigError, resolveConfig } from '../src/config.js';
import { optionsFromEnv } from '../src/config-env.js';
import { createDokuConnection, credentialsOf } from '../src/doku/index.js';
import { createLog, type KkiLogLine } from '../src/log.js';
import { newRequestId } from '../src/operations/request-id.js';
import { MIGRATIONS } from '../src/store/index.js';
import { newKey, newOtt } from './kki-setup.js';

const ORIGIN = 'https://shop.test';
const authenticate = (c: { req: { header(n: string): string | undefined } }) =>
  c.req.header('x-test-customer') ?? null;

describe('health, request ids, locale and refusal reasons', () => {
  const lines: KkiLogLine[] = [];
  let bff: KkiBff;
  beforeAll(async () => {
    bff = await createKkiBff({
      publicUrl: `${ORIGIN}/api/kki`,
      authenticate,
      logger: (line) => lines.push(line),
      logLevel: 'debug',
    });
  }, 60_000);
  afterAll(() => bff.close());

  it('answers /healthz, and /readyz only while every migration is applied', async () => {
    const live = await bff.app.request('/healthz');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(await (await bff.app.request('/readyz')).json()).toEqual({ status: 'ready' });

    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    const [row] = await bff.store.db.query<{ name: string }>(
      'SELECT name FROM kki_migrations WHERE version = $1',
      [latest],
    );
    await bff.store.db.query('DELETE FROM kki_migrations WHERE version = $1', [latest]);
    try {
      const pending = await bff.app.request('/readyz');
      expect(pending.status).toBe(503);
      expect(await pending.json()).toEqual({
        status: 'unavailable',
        reason: `migrations pending (applied ${latest - 1}, expected ${latest})`,
      });
    } finally {
      await bff.store.db.query('INSERT INTO kki_migrations (version, name) VALUES ($1, $2)', [
        latest,
        row?.name,
      ]);
    }
    expect((await bff.app.request('/readyz')).status).toBe(200);
  });

  it('puts X-Request-Id on every answer, keeps a sane incoming one and replaces anything else', async () => {
    for (const path of ['/healthz', '/orders/ord_unknown000000', '/nowhere', '/openapi.json']) {
      const res = await bff.app.request(path, { headers: { 'x-test-customer': 'ann' } });
      expect(res.headers.get('x-request-id'), path).toMatch(/^[\w-]{22}$/);
    }
    const kept = await bff.app.request('/healthz', { headers: { 'x-request-id': 'lb-trace_42=' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-trace_42=');
    for (const bad of ['a'.repeat(129), 'has space', 'semi;colon', '<script>']) {
      const res = await bff.app.request('/healthz', { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id'), bad).toMatch(/^[\w-]{22}$/);
    }
  });

  it('keeps the id of a host server that names requests itself', async () => {
    const host = new Hono();
    host.use('*', requestId({ generator: () => 'host-id-1' }));
    host.route('/api/kki', bff.app);
    const res = await host.request('/api/kki/orders/ord_unknown000000', {
      headers: { 'x-test-customer': 'ann' },
    });
    expect(res.headers.get('x-request-id')).toBe('host-id-1');
    expect((await res.json()).error.requestId).toBe('host-id-1');
  });

  it('names the request in its error body and in every log line of it', async () => {
    const id = `trace-${newRequestId()}`;
    const res = await bff.app.request('/orders/ord_unknown000000', {
      headers: { 'x-test-customer': 'ann', 'x-request-id': id },
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.requestId).toBe(id);
    const mine = lines.filter((l) => l.requestId === id).map((l) => l.msg);
    expect(mine).toEqual(['request received', 'request refused', 'request answered']);
    // Lines outside any request carry no id.
    expect(lines.find((l) => l.msg === 'request refused' && l.requestId === undefined)).toBeUndefined();
  });

  it('logs the offline OTP page without the binding session code its path carries', async () => {
    const host = new Hono();
    host.route('/api/kki', bff.app);
    const code = 'AUTHCODE-IN-PATH-7d1f3a9c';
    for (const [app, path] of [
      [bff.app, `/__doku/kki/otp/${code}`],
      [host, `/api/kki/__doku/kki/otp/${code}`],
    ] as const) {
      const id = `trace-${newRequestId()}`;
      await app.request(path, { headers: { 'x-request-id': id } });
      const mine = lines.filter((l) => l.requestId === id);
      expect(mine.map((l) => l.msg)).toContain('request answered');
      expect(JSON.stringify(mine)).not.toContain(code);
      expect(mine.find((l) => l.msg === 'request received')?.path).toBe(path.replace(code, '[REDACTED]'));
    }
  });

  it('words errors by X-KKI-Locale, else Accept-Language (id or en), else the default', async () => {
    const message = async (headers: Record<string, string>) =>
      (
        await (
          await bff.app.request('/orders/ord_unknown000000', {
            headers: { 'x-test-customer': 'ann', ...headers },
          })
        ).json()
      ).error.message;
    const en = createKkiError('not_found', { locale: 'en' }).message;
    const id = createKkiError('not_found', { locale: 'id' }).message;
    expect(en).not.toBe(id);
    expect(await message({ 'accept-language': 'en-US,en;q=0.9' })).toBe(en);
    expect(await message({ 'accept-language': 'fr-FR, en;q=0.5, id;q=0.4' })).toBe(en);
    expect(await message({ 'accept-language': 'en;q=0.3, id-ID' })).toBe(id);
    expect(await message({ 'accept-language': 'fr, de' })).toBe(id);
    expect(await message({ 'accept-language': 'en;q=0' })).toBe(id);
    expect(await message({ 'accept-language': 'en', 'x-kki-locale': 'id' })).toBe(id);
  });

  it('outside production, says which CSRF check refused a call', async () => {
    const refuse = async (headers: Record<string, string>) => {
      const res = await bff.app.request('/payments/pay_unknown00000000/cancel', {
        method: 'POST',
        headers: { 'x-test-customer': 'ann', 'idempotency-key': newKey(), ...headers },
      });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe('csrf_rejected');
      return body.error.details.reason as string;
    };
    expect(await refuse({ origin: ORIGIN })).toContain('X-KKI-Request: 1 header is missing');
    expect(await refuse({ 'x-kki-request': '1' })).toContain('neither an Origin nor a Referer');
    expect(await refuse({ 'x-kki-request': '1', origin: 'https://evil.test' })).toBe(
      `origin https://evil.test is not in allowedOrigins (${ORIGIN})`,
    );
  });
});

describe('refusal reasons in production', () => {
  it('keeps the body as it was: no details', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let bff: KkiBff | undefined;
    try {
      bff = await createKkiBff({
        publicUrl: `${ORIGIN}/api/kki`,
        environment: 'offline',
        authenticate,
        logger: () => {},
      });
      const res = await bff.app.request('/payments/pay_unknown00000000/cancel', {
        method: 'POST',
        headers: { 'x-test-customer': 'ann', origin: ORIGIN, 'idempotency-key': newKey() },
      });
      const body = await res.json();
      expect(body.error.code).toBe('csrf_rejected');
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId', 'retryable']);
    } finally {
      process.env.NODE_ENV = before;
      await bff?.close();
    }
  }, 60_000);
});

describe('CORS', () => {
  const SHOP = 'https://www.shop.test';
  const API = 'https://api.shop.test';
  let cross: KkiBff;
  let same: KkiBff;
  beforeAll(async () => {
    cross = await createKkiBff(
      { publicUrl: `${API}/kki`, allowedOrigins: [SHOP], authenticate, logger: () => {} },
      () => ({}),
    );
    same = await createKkiBff({ publicUrl: `${ORIGIN}/api/kki`, authenticate, logger: () => {} }, () => ({}));
  }, 60_000);
  afterAll(async () => {
    await cross.close();
    await same.close();
  });

  const preflight = (app: Hono, path: string, origin: string) =>
    app.request(path, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-kki-request, idempotency-key, content-type',
      },
    });

  it('lets an allowed shop origin call with credentials and the kit headers, and read X-Request-Id', async () => {
    const res = await preflight(cross.app, '/payments/pay_x/cancel', SHOP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
    for (const h of ['x-kki-request', 'idempotency-key', 'x-kki-locale', 'x-request-id', 'content-type'])
      expect(allowed).toContain(h);
    const get = await cross.app.request('/healthz', { headers: { origin: SHOP } });
    expect(get.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(get.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('gives no other origin access, and never answers the merchant API with CORS, wherever mounted', async () => {
    const evil = await preflight(cross.app, '/payments/pay_x/cancel', 'https://evil.test');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const mounted = new Hono().route('/api', cross.app);
    for (const [app, path] of [
      [cross.app, '/merchant/orders'],
      [mounted, '/api/merchant/orders'],
    ] as const) {
      const res = await preflight(app, path, SHOP);
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const viaMount = await preflight(mounted, '/api/payments/pay_x/cancel', SHOP);
    expect(viaMount.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('stays off for a same-origin BFF', async () => {
    const res = await preflight(same.app, '/payments/pay_x/cancel', ORIGIN);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('logging', () => {
  it('writes to a pino-shaped logger as (fields, message), redacted, from the level up', () => {
    const calls: [string, Record<string, unknown>, string][] = [];
    const pino = Object.fromEntries(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => [
        level,
        (fields: Record<string, unknown>, msg: string) => calls.push([level, fields, msg]),
      ]),
    ) as unknown as Parameters<typeof createLog>[0];
    const log = createLog(pino, { component: 'kki-bff' }, { level: 'warn' });
    log.debug('d');
    log.info('i');
    log.warn('charging 9360000200000019', { secretKey: 'SK-hCJ42G28TA0MKG9LE2E_1', amount: 5 });
    log.error('e');
    expect(calls).toEqual([
      ['warn', { component: 'kki-bff', secretKey: '[REDACTED]', amount: 5 }, 'charging [CARD]'],
      ['error', { component: 'kki-bff' }, 'e'],
    ]);
  });

  it("drops everything when silent, and below 'info' by default", () => {
    const out: KkiLogLine[] = [];
    const silent = createLog((l) => out.push(l), {}, { level: 'silent' });
    silent.error('x');
    expect(out).toEqual([]);
    const byDefault = createLog((l) => out.push(l));
    byDefault.debug('d');
    byDefault.info('i');
    expect(out.map((l) => l.msg)).toEqual(['i']);
  });

  it('reads the level and the DOKU timeout and retries from options and the environment', () => {
    const SANDBOX = credentialsOf(sandboxModule);
    const env = optionsFromEnv(
      { KKI_LOG_LEVEL: 'warn', KKI_DOKU_TIMEOUT_MS: '5000', KKI_DOKU_RETRIES: '0', KKI_PUBLIC_URL: ORIGIN },
      { authenticate },
    );
    const c = resolveConfig(env, SANDBOX);
    expect(c.logLevel).toBe('warn');
    expect(c.doku).toMatchObject({ timeoutMs: 5000, retries: 0 });
    expect(resolveConfig({ publicUrl: ORIGIN, authenticate }, SANDBOX)).toMatchObject({
      logLevel: 'info',
      doku: { timeoutMs: 30_000, retries: 2 },
    });
    const bad = () =>
      resolveConfig(
        optionsFromEnv(
          { KKI_LOG_LEVEL: 'loud', KKI_DOKU_RETRIES: 'many', KKI_PUBLIC_URL: ORIGIN },
          { authenticate },
        ),
        SANDBOX,
      );
    expect(bad).toThrow(KkiBffConfigError);
    try {
      bad();
    } catch (e) {
      const problems = (e as KkiBffConfigError).problems.join('\n');
      expect(problems).toContain('logLevel must be one of debug, info, warn, error, silent');
      expect(problems).toContain('dokuRetries must be a number');
    }
    expect(() => optionsFromEnv({ KKI_SANDBOX_FAULTS: '{"not":"a list"}' }, { authenticate })).toThrow(
      'KKI_SANDBOX_FAULTS must be a JSON array of fault rules',
    );
  });
});

describe('DOKU timeout and retries', () => {
  it('reach the DOKU client: a failing DOKU is asked 1 + dokuRetries times', async () => {
    const SANDBOX = credentialsOf(sandboxModule);
    const sends = async (dokuRetries: number) => {
      let calls = 0;
      const config = resolveConfig(
        {
          publicUrl: ORIGIN,
          authenticate,
          environment: 'http://doku.test',
          dokuRetries,
          dokuTimeoutMs: 1_000,
        },
        SANDBOX,
      );
      const doku = await createDokuConnection(config, {
        fetch: async () => {
          calls += 1;
          return new Response('{}', { status: 503 });
        },
      });
      await expect(doku.client.getB2bToken()).rejects.toThrow();
      return calls;
    };
    expect(await sends(0)).toBe(1);
    expect(await sends(1)).toBe(2);
  });
});

describe('429 Retry-After', () => {
  let bff: KkiBff;
  beforeAll(async () => {
    bff = await createKkiBff({
      publicUrl: `${ORIGIN}/api/kki`,
      kki: { integration: 'h2h', pciDss: true },
      authenticate,
      logger: () => {},
      rateLimits: { payment: { max: 1, windowMs: 90_500 } },
    });
  }, 60_000);
  afterAll(() => bff.close());

  it("answers the limiter's window in whole seconds", async () => {
    const attempt = () =>
      bff.app.request('/kki/payments', {
        method: 'POST',
        body: JSON.stringify({
          orderId: 'ord_unknown000000',
          source: { type: 'card', cpan: kkiTestCpan('bri'), ott: newOtt() },
        }),
        headers: {
          'x-test-customer': 'rita',
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          'idempotency-key': newKey(),
        },
      });
    const first = await attempt();
    expect(first.status).toBe(404);
    expect(first.headers.get('retry-after')).toBeNull();
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('91');
  });
});
