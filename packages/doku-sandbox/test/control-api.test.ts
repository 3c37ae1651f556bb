// The control API (/__sandbox): off by default; ledger, clock, faults, reset, KKI confirmation;
// and the configuration from the environment.
import { SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/app.js';
import {
  DEFAULT_SANDBOX_CONFIG,
  SandboxConfigError,
  sandboxConfigFromEnv,
  sandboxPortFromEnv,
} from '../src/config.js';
import { SANDBOX_MERCHANT_PUBLIC_KEY } from '../src/test-keys.js';
import { KKI_TEST_CASES, kkiTestCpan } from '../src/test-values/kki.js';
import { BASE, bindH2h, setup, singlePaymentBody } from './kki-support.js';

const ctl = (sb: ReturnType<typeof createSandbox>, path: string, init?: RequestInit & { json?: unknown }) =>
  sb.app.request(`${BASE}/__sandbox${path}`, {
    ...init,
    ...(init?.json !== undefined
      ? { body: JSON.stringify(init.json), headers: { 'Content-Type': 'application/json' } }
      : {}),
  });

describe('control API switch', () => {
  it('is off unless enabled', async () => {
    const off = createSandbox();
    expect((await ctl(off, '/ledger')).status).toBe(404);
    expect((await ctl(off, '/reset', { method: 'POST' })).status).toBe(404);
    const on = createSandbox({ control: true });
    expect((await ctl(on, '/ledger')).status).toBe(200);
  });

  it('SANDBOX_CONTROL=1 turns it on', () => {
    expect(sandboxConfigFromEnv({ SANDBOX_CONTROL: '1' }).control).toBe(true);
    expect(sandboxConfigFromEnv({}).control).toBe(false);
  });
});

describe('ledger', () => {
  it('summarises payments, bindings, refunds, cards and notifications without tokens or card numbers', async () => {
    const { sb, raw, settle } = setup();
    const cpan = kkiTestCpan('bri', undefined, 40);
    const { token } = await bindH2h(raw, cpan);
    const pay = await singlePaymentBody(cpan, '60000.00');
    await raw.call(SNAP_PATHS.payment, pay);
    const approve = await ctl(sb, `/kki/payments/${pay.partnerReferenceNo}/approve`, { method: 'POST' });
    expect(approve.status).toBe(200);
    expect(await approve.json()).toMatchObject({
      outcome: 'succeeded',
      payment: { status: 'SUCCESS', amount: 60000 },
    });
    await raw.call(SNAP_PATHS.refund, {
      originalPartnerReferenceNo: pay.partnerReferenceNo,
      partnerRefundNo: 'RF-L1',
      refundAmount: { value: '10000.00', currency: 'IDR' },
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    await settle();

    const res = await ctl(sb, '/ledger');
    const ledger = (await res.json()) as ReturnType<typeof sb.ledger>;
    expect(ledger.payments).toMatchObject([
      {
        partnerReferenceNo: pay.partnerReferenceNo,
        kind: 'single',
        amount: 60000,
        status: 'SUCCESS',
        refundedAmount: 10000,
        issuer: 'BRI',
        refunds: [{ partnerRefundNo: 'RF-L1', amount: 10000, status: 'SUCCESS' }],
      },
    ]);
    expect(ledger.bindings).toMatchObject([{ status: 'SUCCESS', channel: 'H2H', hasToken: true }]);
    expect(ledger.refunds).toMatchObject([{ partnerRefundNo: 'RF-L1', amount: 10000 }]);
    expect(ledger).toHaveProperty('cards');
    expect(ledger.notifications.map((n) => n.topic).sort()).toEqual(['kki.binding', 'kki.payment']);
    expect(ledger.notifications.every((n) => n.status === 200)).toBe(true);
    const text = JSON.stringify(ledger);
    expect(text).not.toContain(token);
    expect(text).not.toContain(cpan);
  });

  it('shows one payment through GET /__sandbox/kki/payments/:ref and 404 for unknown ones', async () => {
    const { sb, raw } = setup();
    const pay = await singlePaymentBody(kkiTestCpan('dki'));
    const created = await raw.call(SNAP_PATHS.payment, pay);
    const byRef = await ctl(sb, `/kki/payments/${created.body.referenceNo}`);
    expect(await byRef.json()).toMatchObject({
      partnerReferenceNo: pay.partnerReferenceNo,
      status: 'PENDING',
    });
    expect((await ctl(sb, '/kki/payments/NOPE')).status).toBe(404);
    expect((await ctl(sb, '/kki/payments/NOPE/approve', { method: 'POST' })).status).toBe(404);
    const declined = await ctl(sb, `/kki/payments/${pay.partnerReferenceNo}/decline`, { method: 'POST' });
    expect(await declined.json()).toMatchObject({ outcome: 'failed', payment: { responseCode: '4035405' } });
  });
});

describe('clock', () => {
  it('reads, advances and sets the sandbox clock; due work runs before the answer', async () => {
    const { sb, raw, merchant } = setup({ unbindDelayMs: 60_000 });
    const before = (await (await ctl(sb, '/clock')).json()) as { now: string };
    expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(5_000);
    const { token } = await bindH2h(raw, kkiTestCpan('mandiri', undefined, 41));
    await raw.call(SNAP_PATHS.cardUnbind, {
      tokenId: token,
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    const advanced = await ctl(sb, '/clock/advance', { method: 'POST', json: { seconds: 60 } });
    const state = (await advanced.json()) as { now: string };
    expect(Date.parse(state.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(60_000);
    expect(merchant.of('unbinding')).toHaveLength(1);
    expect(sb.ledger().bindings[0]?.unbinding?.status).toBe('SUCCESS');

    const set = await ctl(sb, '/clock/set', { method: 'POST', json: { at: '2030-01-02T03:04:05.000Z' } });
    expect(((await set.json()) as { now: string }).now.slice(0, 19)).toBe('2030-01-02T03:04:05');
    expect((await ctl(sb, '/clock/advance', { method: 'POST', json: { ms: -1 } })).status).toBe(400);
    expect((await ctl(sb, '/clock/set', { method: 'POST', json: { at: 'soon' } })).status).toBe(400);
  });
});

describe('faults over the control API', () => {
  it('sets, adds, lists and clears rules; refuses malformed ones with the reason', async () => {
    const { sb } = setup();
    const put = await ctl(sb, '/faults', {
      method: 'PUT',
      json: [{ endpoint: 'kki.payment', kind: 'error5xx', times: 2 }],
    });
    expect(await put.json()).toMatchObject({
      rules: [{ endpoint: 'kki.payment', kind: 'error5xx', times: 2 }],
    });
    await ctl(sb, '/faults', {
      method: 'POST',
      json: { rules: [{ endpoint: 'kki.*', kind: 'latency', latencyMs: 5 }] },
    });
    expect(((await (await ctl(sb, '/faults')).json()) as { rules: unknown[] }).rules).toHaveLength(2);
    const bad = await ctl(sb, '/faults', {
      method: 'PUT',
      json: [{ endpoint: 'kki.payment', kind: 'explode' }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/faults\[0\]\.kind must be one of/);
    const wrongPlace = await ctl(sb, '/faults', {
      method: 'PUT',
      json: [{ endpoint: 'kki.payment', kind: 'duplicate' }],
    });
    expect(wrongPlace.status).toBe(400);
    await ctl(sb, '/faults', { method: 'DELETE' });
    expect(((await (await ctl(sb, '/faults')).json()) as { rules: unknown[] }).rules).toEqual([]);
  });
});

describe('reset', () => {
  it('forgets everything, puts the clock back and restores the configured faults', async () => {
    const rule = { endpoint: 'kki.status', kind: 'latency' as const, latencyMs: 1 };
    const { sb, raw, settle } = setup({ faults: [rule] });
    await bindH2h(raw, kkiTestCpan('bjb', undefined, 42));
    await settle();
    sb.faults.clear();
    sb.clock.advance(3_600_000);
    expect(sb.ledger().bindings).toHaveLength(1);
    expect((await ctl(sb, '/reset', { method: 'POST' })).status).toBe(200);
    const ledger = sb.ledger();
    expect(ledger.bindings).toEqual([]);
    expect(ledger.payments).toEqual([]);
    expect(ledger.notifications).toEqual([]);
    expect(Math.abs(sb.clock.nowMs() - Date.now())).toBeLessThan(5_000);
    expect(sb.faults.rules()).toEqual([rule]);
  });

  it('re-seeds: the same calls after a reset give the same references', async () => {
    const { sb, raw } = setup();
    const body = await singlePaymentBody(kkiTestCpan('bri', undefined, 43), '1000.00', '555001', 'SEED-1');
    const first = await raw.call(SNAP_PATHS.payment, body);
    sb.reset();
    raw.forgetToken();
    const second = await raw.call(SNAP_PATHS.payment, body);
    expect(second.body.referenceNo).toBe(first.body.referenceNo);
  });
});

describe('read-only helpers', () => {
  it('serves the KKI test values and the config without secrets', async () => {
    const { sb } = setup();
    const values = (await (await ctl(sb, '/kki/test-values')).json()) as {
      cases: unknown[];
      otp: { correct: string };
    };
    expect(values.cases).toHaveLength(KKI_TEST_CASES.length);
    expect(values.otp.correct).toBe('123456');
    const config = (await (await ctl(sb, '/config')).json()) as Record<string, unknown>;
    expect(config.clientId).toBe('MCH-0001-10791114622547');
    expect(config.secretKey).toBeUndefined();
    expect(config.dokuPrivateKey).toBeUndefined();
  });

  it('answers unknown paths with a SNAP error body, and unknown control paths with its own', async () => {
    const sb = createSandbox({ control: true });
    const res = await sb.app.request(`${BASE}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ responseCode: '4040000', responseMessage: 'Not Found' });
    const control = await sb.app.request(`${BASE}/__sandbox/nowhere`);
    expect(control.status).toBe(404);
    expect(await control.json()).toEqual({ error: 'not found', path: '/__sandbox/nowhere' });
  });
});

describe('configuration from the environment', () => {
  it('needs nothing: the defaults are the one sandbox merchant', () => {
    const config = sandboxConfigFromEnv({});
    expect(config).toEqual({ ...DEFAULT_SANDBOX_CONFIG, faults: [] });
    expect(config.clientId).toBe('MCH-0001-10791114622547');
    expect(config.secretKey).toBe('SK-hCJ42G28TA0MKG9LE2E_1');
    expect(sandboxPortFromEnv({})).toBe(4010);
  });

  it('reads every override', () => {
    const config = sandboxConfigFromEnv({
      SANDBOX_CLIENT_ID: 'MCH-0002-1',
      SANDBOX_SECRET_KEY: 'SK-other',
      SANDBOX_MERCHANT_PUBLIC_KEY: SANDBOX_MERCHANT_PUBLIC_KEY.replace(/\n/g, '\\n'),
      SANDBOX_PUBLIC_URL: 'https://sandbox.example.com/',
      SANDBOX_SNAP_NOTIFICATION_URL: 'http://localhost:3000/notify',
      SANDBOX_SNAP_NOTIFICATION_MODE: 'hmac',
      SANDBOX_OTT_TTL_SECONDS: '60',
      SANDBOX_AUTO_APPROVE_MS: '1500',
      SANDBOX_SEED: '7',
      SANDBOX_FAULTS: '[{"endpoint":"kki.payment","kind":"drop","probability":0.25}]',
      SANDBOX_MERCHANT_NAME: 'Warung Kopi',
    });
    expect(config).toMatchObject({
      clientId: 'MCH-0002-1',
      secretKey: 'SK-other',
      merchantPublicKey: SANDBOX_MERCHANT_PUBLIC_KEY,
      publicBaseUrl: 'https://sandbox.example.com',
      snapNotificationUrl: 'http://localhost:3000/notify',
      snapNotificationMode: 'hmac',
      ottTtlSeconds: 60,
      autoApproveMs: 1500,
      seed: 7,
      merchantName: 'Warung Kopi',
      faults: [{ endpoint: 'kki.payment', kind: 'drop', probability: 0.25 }],
    });
    expect(sandboxPortFromEnv({ SANDBOX_PORT: '0' })).toBe(0);
  });

  it.each([
    ['SANDBOX_PORT', 'http', /SANDBOX_PORT must be an integer/],
    ['SANDBOX_PORT', '70000', /at most 65535/],
    ['SANDBOX_OTT_TTL_SECONDS', '0', /SANDBOX_OTT_TTL_SECONDS must be a number >= 1/],
    ['SANDBOX_SEED', '1.5', /SANDBOX_SEED must be an integer/],
    ['SANDBOX_CONTROL', 'maybe', /SANDBOX_CONTROL must be 1\/0/],
    ['SANDBOX_PUBLIC_URL', 'localhost:4010', /SANDBOX_PUBLIC_URL must be an absolute http\(s\) URL/],
    ['SANDBOX_SNAP_NOTIFICATION_MODE', 'jwt', /"rsa" or "hmac"/],
    ['SANDBOX_MERCHANT_PUBLIC_KEY', 'abc', /must be a PEM public key/],
    ['SANDBOX_FAULTS', '{"endpoint":"x"}', /JSON array/],
    [
      'SANDBOX_FAULTS',
      '[{"endpoint":"kki.payment","kind":"latency","probability":2}]',
      /probability must be a number from 0 to 1/,
    ],
    ['SANDBOX_FAULTS', 'not json', /must be JSON/],
    ['SANDBOX_CLIENT_ID', 'X'.repeat(33), /at most 32/],
  ])('%s=%s is refused with a clear message', (name, value, message) => {
    const read = () =>
      name === 'SANDBOX_PORT'
        ? sandboxPortFromEnv({ [name]: value })
        : sandboxConfigFromEnv({ [name]: value });
    expect(read).toThrow(SandboxConfigError);
    expect(read).toThrow(message);
  });

  it('never echoes the secret key in an error', () => {
    try {
      sandboxConfigFromEnv({ SANDBOX_SECRET_KEY: 'SK-é-secret' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain('SK-é-secret');
    }
  });
});
