// The customer cookie helpers, from the login side to `authenticate`: hono's signed cookies and
// Express's (`res.cookie(…, { signed: true })`, `s:` prefix) read alike, a tampered or foreign one
// refused, and a BFF with a missing or short secret refused at start-up with the option named.
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import { KkiBffConfigError } from '../src/config.js';
import { createCustomerSession } from '../src/customer-session.js';

const SECRET = 'a-session-secret-of-more-than-32-characters';
const ORIGIN = 'http://localhost:3000';

describe('createCustomerSession', () => {
  const session = createCustomerSession({ secret: SECRET });

  it('signs a cookie hono getSignedCookie reads, and reads one hono setSignedCookie wrote', async () => {
    const app = new Hono();
    app.get('/read', async (c) => c.text(String(await getSignedCookie(c, SECRET, 'customer'))));
    app.get('/write', async (c) => {
      await setSignedCookie(c, 'customer', 'cust-7', SECRET);
      return c.body(null, 204);
    });
    const ours = await session.setCookie('cust-42');
    const cookie = ours.split(';')[0] ?? '';
    expect(await (await app.request('/read', { headers: { cookie } })).text()).toBe('cust-42');
    expect(await session.verify(`other=1; ${cookie}`)).toBe('cust-42');

    const written = (await app.request('/write')).headers.get('set-cookie') ?? '';
    expect(await session.verify(written.split(';')[0])).toBe('cust-7');
  });

  it('sets HttpOnly, SameSite=Lax, Path=/, Secure and a Max-Age; clears with Max-Age=0', async () => {
    const header = await session.setCookie('cust-42');
    expect(header).toMatch(
      /^customer=cust-42\.[A-Za-z0-9%]+; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(session.clearCookie()).toBe('customer=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(
      await createCustomerSession({ secret: SECRET, secure: false, cookieName: 'sid' }).setCookie('a'),
    ).toMatch(/^sid=a\.[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('reads a Request, Headers or a Cookie header, and refuses tampered, foreign or missing cookies', async () => {
    const value = await session.sign('cust-42');
    const cookie = `customer=${value}`;
    expect(await session.verify(new Request('http://x/', { headers: { cookie } }))).toBe('cust-42');
    expect(await session.verify(new Headers({ cookie }))).toBe('cust-42');
    expect(await session.verify(cookie.replace('cust-42', 'cust-43'))).toBeNull();
    const foreign = await createCustomerSession({ secret: `${SECRET}-other` }).sign('cust-42');
    expect(await session.verify(`customer=${foreign}`)).toBeNull();
    expect(await session.verify('customer=cust-42')).toBeNull();
    expect(await session.verify(new Request('http://x/'))).toBeNull();
    expect(await session.verify(undefined)).toBeNull();
    await expect(session.sign('')).rejects.toThrow(TypeError);
    await expect(session.sign('a\nb')).rejects.toThrow(TypeError);
  });

  it('refuses a missing or short secret with a KkiBffConfigError naming it, never echoing it', () => {
    const refused = (secret: string | undefined) => {
      try {
        createCustomerSession({ secret });
      } catch (error) {
        expect(error).toBeInstanceOf(KkiBffConfigError);
        return (error as KkiBffConfigError).message;
      }
      throw new Error('accepted');
    };
    expect(refused(undefined)).toContain('secret is required');
    expect(refused('   ')).toContain('secret is required');
    const short = 'short-secret-value';
    expect(refused(short)).toContain('secret must be at least 32 characters');
    expect(refused(short)).not.toContain(short);
  });
});

describe('an Express 5 app signing customers in with its own signed cookies', () => {
  let bff: KkiBff;
  let server: ReturnType<express.Express['listen']>;
  let base: string;

  beforeAll(async () => {
    bff = await createKkiBff({
      publicUrl: `${ORIGIN}/api/kki`,
      customerSession: { secret: SECRET },
      reconciliation: { enabled: false },
      logger: () => {},
    });
    const app = express();
    // What cookie-parser does with `cookieParser(SECRET)`: Express signs `res.cookie` with req.secret.
    app.use((req, _res, next) => {
      (req as { secret?: string }).secret = SECRET;
      next();
    });
    app.post('/login', (_req, res) => {
      res.cookie('customer', 'cust-express', { signed: true, httpOnly: true, sameSite: 'lax' });
      res.status(204).end();
    });
    app.use('/api/kki', getRequestListener(bff.app.fetch));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await bff?.close();
  });

  it("reads Express's s:-prefixed signed cookie as the customer, and answers 401 without it", async () => {
    const login = await fetch(`${base}/login`, { method: 'POST' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(decodeURIComponent(cookie)).toMatch(/^customer=s:cust-express\./);

    const order = await bff.merchant.createOrder({ customerId: 'cust-express', amount: 10_000 });
    const mine = await fetch(`${base}/api/kki/orders/${order.id}`, { headers: { cookie } });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ id: order.id, amount: 10_000 });

    expect((await fetch(`${base}/api/kki/orders/${order.id}`)).status).toBe(401);
    const forged = cookie.replace('cust-express', 'cust-other');
    expect((await fetch(`${base}/api/kki/orders/${order.id}`, { headers: { cookie: forged } })).status).toBe(
      401,
    );
    // bff.customerSession signs the same cookie for a login written without Express.
    const signed = await bff.customerSession?.setCookie('cust-express');
    const own = await fetch(`${base}/api/kki/orders/${order.id}`, {
      headers: { cookie: signed?.split(';')[0] ?? '' },
    });
    expect(own.status).toBe(200);
  });
});

describe('createKkiBff and the session secret', () => {
  it.each([
    ['unset', undefined, 'customerSession.secret is required'],
    ['empty', '', 'customerSession.secret is required'],
    ['short', 'not-thirty-two-characters', 'customerSession.secret must be at least 32 characters'],
  ])('refuses to start with the secret %s, naming the option', async (_name, secret, message) => {
    const start = createKkiBff({
      publicUrl: `${ORIGIN}/api/kki`,
      customerSession: { secret },
      logger: () => {},
    });
    await expect(start).rejects.toBeInstanceOf(KkiBffConfigError);
    const error = (await start.catch((e: unknown) => e)) as KkiBffConfigError;
    expect(error.message).toContain(message);
    if (secret) expect(error.message).not.toContain(secret);
  });

  it('refuses to start with neither authenticate nor customerSession', async () => {
    const start = createKkiBff({ publicUrl: `${ORIGIN}/api/kki`, logger: () => {} });
    await expect(start).rejects.toThrow('authenticate is required (or customerSession');
  });
});
