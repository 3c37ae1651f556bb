// The demo's answers to an outside security test (issue 11): the sandbox's control API is not on the
// shop's origin, staff sign-in is throttled and its sessions are revocable and expire, customer
// sessions expire on the server, the shop API has a body limit and security headers, the built app
// is served by serveStatic with a CSP, and a caller's path cannot forge a log line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoServer, DEFAULT_STAFF_PASSWORD, startDemoServer } from '../server/app.js';
import { logSafe } from '../server/log-safe.js';
import { createLoginThrottle } from '../server/login-throttle.js';
import { CUSTOMER_SESSION_SECONDS } from '../server/session.js';
import { STAFF_SESSION_MS } from '../server/staff-sessions.js';
import { SHOP_COPY } from '../src/i18n.js';

const PASSWORD = 'rahasia-staf';
let demo: DemoServer;
let staticDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'kki-demo-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>shop</title><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log("app")');
  demo = await startDemoServer({
    port: 0,
    dataDir: null,
    staticDir,
    staffPassword: PASSWORD,
    staffLoginLimits: { perAddress: 5, perAccount: 1000, windowMs: 60_000 },
    logger: () => {},
    log: (line) => logLines.push(line),
  });
});
afterAll(async () => {
  await demo?.close();
  rmSync(staticDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A browser keeping its cookies, sending the shop's origin on state-changing calls. */
function browser() {
  const jar = new Map<string, string>();
  const visit = async (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) => {
    const headers: Record<string, string> = {
      cookie: init.cookie ?? [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.method && init.method !== 'GET') headers.origin = demo.url;
    const res = await fetch(`${demo.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (value === '') jar.delete(pair!.slice(0, eq));
      else jar.set(pair!.slice(0, eq), value);
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
    };
  };
  return Object.assign(visit, { cookies: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ') });
}

describe('demo hardening', () => {
  it("does not serve the sandbox's control API: no ledger, no decline from another origin", async () => {
    const ledger = await fetch(`${demo.url}/api/kki/__doku/__sandbox/ledger`);
    expect(ledger.status).toBe(404);
    const decline = await fetch(`${demo.url}/api/kki/__doku/__sandbox/kki/payments/anything/decline`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(decline.status).toBe(404);
    // The test-values panel still lists the card page's test cards, without the control API.
    const values = await browser()('/api/shop/test-values');
    expect(JSON.stringify(values.body.cards)).toContain('4111111111111111');
  });

  it('refuses staff passwords past the per-address limit, the right one included', async () => {
    const visit = browser();
    for (let i = 0; i < 5; i++) {
      const wrong = await visit('/api/shop/staff/login', {
        method: 'POST',
        body: { password: `tebak-${i}` },
      });
      expect(wrong.status).toBe(403);
    }
    const right = await visit('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await visit('/api/shop/staff/orders')).status).toBe(403);
    // The window ends: the right password works again.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    expect(
      (await visit('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('limits guesses for the staff account across addresses too', () => {
    const throttle = createLoginThrottle({ perAddress: 5, perAccount: 8, windowMs: 60_000 });
    for (let i = 0; i < 8; i++) {
      expect(throttle.allowed(`10.0.0.${i}`)).toBe(true);
      throttle.failed(`10.0.0.${i}`);
    }
    expect(throttle.allowed('10.0.0.99')).toBe(false);
  });

  it('revokes the staff session at logout: the old cookie no longer opens staff routes', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    expect(
      (await visit('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } })).status,
    ).toBe(200);
    const signedIn = visit.cookies();
    expect((await visit('/api/shop/staff/orders')).status).toBe(200);
    await visit('/api/shop/staff/logout', { method: 'POST' });
    const replayed = await visit('/api/shop/staff/orders', { cookie: signedIn });
    expect(replayed.status).toBe(403);
    expect((await visit('/api/shop/session', { cookie: signedIn })).body).toMatchObject({ staff: false });
  });

  it('gives each staff sign-in its own id, which expires on the server', async () => {
    const first = browser();
    const second = browser();
    await first('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } });
    await second('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } });
    const staffCookie = (cookies: string) => cookies.split('; ').find((c) => c.startsWith('demo_staff='));
    expect(staffCookie(first.cookies())).toBeDefined();
    expect(staffCookie(first.cookies())).not.toBe(staffCookie(second.cookies()));
    expect((await first('/api/shop/staff/orders')).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + STAFF_SESSION_MS + 1000 });
    expect((await first('/api/shop/staff/orders')).status).toBe(403);
  });

  it('expires a customer session on the server, whatever the cookie says', async () => {
    const visit = browser();
    const first = await visit('/api/shop/session');
    const cookie = visit.cookies();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (CUSTOMER_SESSION_SECONDS + 60) * 1000 });
    const later = await visit('/api/shop/session', { cookie });
    expect(later.body.customerId).not.toBe(first.body.customerId);
  });

  it('shows no default password on the staff sign-in page', () => {
    for (const copy of Object.values(SHOP_COPY)) {
      expect(JSON.stringify(copy)).not.toContain(DEFAULT_STAFF_PASSWORD);
    }
  });

  it('refuses a shop API body over the limit with 413 payload_too_large', async () => {
    const visit = browser();
    await visit('/api/shop/session');
    const items = Array.from({ length: 4000 }, () => ({ productId: 'kopi-toraja', quantity: 1 }));
    const res = await visit('/api/shop/orders', { method: 'POST', body: { items } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect((await visit('/api/shop/orders')).body).toEqual({ orders: [] });
  });

  it('sends nosniff, a CSP, no framing and no-store on shop API answers', async () => {
    const res = await fetch(`${demo.url}/api/shop/session`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(`${demo.url}/api/shop/orders`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the built app with a CSP for its own scripts and styles, and no framing', async () => {
    const page = await fetch(`${demo.url}/orders/ord_123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const asset = await fetch(`${demo.url}/assets/app-1234.js`);
    expect(await asset.text()).toBe('console.log("app")');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers malformed percent-encodings and escapes in static paths without a 500', async () => {
    for (const path of [
      '/%E0%A4%A',
      '/%',
      '/assets/%C0%AF',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await fetch(`${demo.url}${path}`);
      expect(res.status, path).toBeLessThan(500);
      const text = await res.text();
      expect(text, path).not.toContain('"name"');
      expect(text, path).not.toContain('root:');
    }
  });

  it('writes no forged log line for a control character in a staff capture path', async () => {
    const visit = browser();
    await visit('/api/shop/staff/login', { method: 'POST', body: { password: PASSWORD } });
    // Lines the shop writes to its `log`, or (as it did before) straight to stderr.
    const stderr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logLines.push(args.join(' '));
    });
    const before = logLines.length;
    const res = await visit('/api/shop/staff/payments/pay_x%00%0A2026-12-06%20INFO%20forged/capture', {
      method: 'POST',
      body: {},
    });
    stderr.mockRestore();
    expect(res.status).toBe(404);
    for (const line of logLines.slice(before)) {
      expect(line).not.toMatch(/[\n\r]/);
      expect(line).not.toContain(String.fromCharCode(0));
    }
    expect(logSafe('a\nb\u0000c\u2028d')).toBe('a\\u000ab\\u0000c\\u2028d');
  });
});
