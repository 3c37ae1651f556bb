// Fault injection: each kind, on SNAP endpoints (in-process and over a real socket), seed
// repeatability, and notification duplicates and retries.
import { createDokuClient, SNAP_PATHS } from '@kki-kit/doku';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/app.js';
import type { FaultRule } from '../src/context.js';
import { DroppedConnectionError } from '../src/faults.js';
import { type SandboxServer, startSandboxServer } from '../src/server.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { kkiTestCpan } from '../src/test-values/kki.js';
import { createRawSigner, setup, singlePaymentBody } from './kki-support.js';

const statusBody = (ref = 'NOPE') => ({ originalPartnerReferenceNo: ref, serviceCode: '55' });

describe('endpoint faults, in-process', () => {
  it('latency delays the answer', async () => {
    const { raw } = setup({ faults: [{ endpoint: 'kki.status', kind: 'latency', latencyMs: 150 }] });
    await raw.token();
    const t0 = performance.now();
    const res = await raw.call(SNAP_PATHS.status, statusBody());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(res.body.responseCode).toBe('4045501');
  });

  it('error5xx answers 500xx00 for the next N calls without doing anything', async () => {
    const { sb, raw } = setup({ faults: [{ endpoint: 'kki.payment', kind: 'error5xx', times: 2 }] });
    const body = await singlePaymentBody(kkiTestCpan('bri'));
    for (let i = 0; i < 2; i++) {
      const res = await raw.call(SNAP_PATHS.payment, body);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ responseCode: '5005400', responseMessage: 'General Error' });
    }
    expect(sb.ledger().payments).toHaveLength(0);
    const ok = await raw.call(SNAP_PATHS.payment, body);
    expect(ok.status).toBe(200);
    expect(sb.faults.fired().map((f) => f.kind)).toEqual(['error5xx', 'error5xx']);
  });

  it('inProgress202 does the work but answers 202xx00 (the status API knows the outcome)', async () => {
    const { sb, raw } = setup({ faults: [{ endpoint: 'kki.payment', kind: 'inProgress202', times: 1 }] });
    const body = await singlePaymentBody(kkiTestCpan('mandiri'));
    const res = await raw.call(SNAP_PATHS.payment, body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ responseCode: '2025400', responseMessage: 'Request In Progress' });
    expect(sb.ledger().payments).toHaveLength(1);
    const st = await raw.call(SNAP_PATHS.status, statusBody(body.partnerReferenceNo));
    expect(st.body.latestTransactionStatus).toBe('03');
  });

  it('inProgress202 with phase before does nothing', async () => {
    const { sb, raw } = setup({ faults: [{ endpoint: 'kki.bind', kind: 'inProgress202', phase: 'before' }] });
    const res = await raw.call(SNAP_PATHS.cardBind, {
      cardData: 'x|y',
      custIdMerchant: 'C1',
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(res.body.responseCode).toBe('2020100');
    expect(sb.ledger().bindings).toHaveLength(0);
  });

  it('malformedJson cuts the body: the status stays, the JSON does not parse', async () => {
    const { sb, raw } = setup({ faults: [{ endpoint: 'kki.status', kind: 'malformedJson', times: 1 }] });
    const token = await raw.token();
    const { signSnapSymmetric, snapTimestamp, createExternalId } = await import('@kki-kit/doku');
    const text = JSON.stringify(statusBody());
    const timestamp = snapTimestamp(sb.clock.now());
    const res = await sb.app.request(`http://doku.sandbox.test${SNAP_PATHS.status}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        'X-TIMESTAMP': timestamp,
        'X-PARTNER-ID': sb.config.clientId,
        'X-EXTERNAL-ID': createExternalId(),
        'X-SIGNATURE': await signSnapSymmetric({
          method: 'POST',
          path: SNAP_PATHS.status,
          accessToken: token,
          body: text,
          timestamp,
          secretKey: sb.config.secretKey,
        }),
      },
      body: text,
    });
    expect(res.status).toBe(404);
    const got = await res.text();
    expect(got.startsWith('{"responseCode":"40455')).toBe(true);
    expect(() => JSON.parse(got)).toThrow();
  });

  it('drop makes the in-process fetch reject; phase after still does the work', async () => {
    const { sb, raw } = setup({
      faults: [
        { endpoint: 'kki.status', kind: 'drop', times: 1 },
        { endpoint: 'kki.payment', kind: 'drop', times: 1, phase: 'after' },
      ],
    });
    await raw.token();
    await expect(raw.call(SNAP_PATHS.status, statusBody())).rejects.toBeInstanceOf(DroppedConnectionError);
    await expect(raw.call(SNAP_PATHS.payment, await singlePaymentBody(kkiTestCpan('bjb')))).rejects.toThrow(
      /dropped/,
    );
    expect(sb.ledger().payments).toHaveLength(1);
  });

  it('noAnswer hangs until the client aborts, bounded by maxHangMs', async () => {
    const { sb } = setup({ maxHangMs: 200, faults: [{ endpoint: 'kki.token', kind: 'noAnswer' }] });
    const ctrl = new AbortController();
    const pending = sb.app.request('http://doku.sandbox.test/authorization/v1/access-token/b2b', {
      method: 'POST',
      body: '{}',
      signal: ctrl.signal,
    });
    setTimeout(() => ctrl.abort(), 30);
    const t0 = performance.now();
    await expect(pending).rejects.toBeInstanceOf(DroppedConnectionError);
    expect(performance.now() - t0).toBeLessThan(180);
    const t1 = performance.now();
    await expect(
      sb.app.request('http://doku.sandbox.test/authorization/v1/access-token/b2b', {
        method: 'POST',
        body: '{}',
      }),
    ).rejects.toThrow();
    expect(performance.now() - t1).toBeGreaterThanOrEqual(190);
  });

  it('wildcards match a family; the DOKU client retries through a transient 500', async () => {
    const { sb, sandboxFetch } = setup({ faults: [{ endpoint: 'kki.*', kind: 'error5xx', times: 1 }] });
    const client = createDokuClient({
      baseUrl: 'http://doku.sandbox.test',
      clientId: sb.config.clientId,
      secretKey: sb.config.secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      fetch: sandboxFetch,
      now: () => sb.clock.nowMs(),
      retries: 2,
      retryDelayMs: 1,
    });
    const token = await client.getB2bToken();
    expect(token.accessToken).toBeTruthy();
    expect(sb.faults.fired()).toMatchObject([{ endpoint: 'kki.token', kind: 'error5xx' }]);
  });

  it('the DOKU client recovers a payment whose answer was lost: the retry is a replay of the original', async () => {
    const { sb, sandboxFetch } = setup({
      faults: [{ endpoint: 'kki.payment', kind: 'drop', times: 1, phase: 'after' }],
    });
    const client = createDokuClient({
      baseUrl: 'http://doku.sandbox.test',
      clientId: sb.config.clientId,
      secretKey: sb.config.secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      fetch: sandboxFetch,
      now: () => sb.clock.nowMs(),
      retries: 2,
      retryDelayMs: 1,
    });
    const res = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo: 'LOST-ANSWER-1',
      amount: { value: '12000.00', currency: 'IDR' },
      card: { cpan: kkiTestCpan('bri'), ott: '246801' },
    });
    expect(res.replayed).toBe(true);
    expect(res.data.responseCode).toBe('2005400');
    expect(sb.ledger().payments).toHaveLength(1);
  });
});

describe('seeded repeatability', () => {
  async function pattern(seed: number): Promise<number[]> {
    const sb = createSandbox({
      seed,
      faults: [{ endpoint: 'kki.status', kind: 'error5xx', probability: 0.5 }],
    });
    const raw = createRawSigner(sb);
    const out: number[] = [];
    for (let i = 0; i < 24; i++) out.push((await raw.call(SNAP_PATHS.status, statusBody())).status);
    return out;
  }

  it('the same seed gives the same faults; another seed gives others', async () => {
    const a = await pattern(42);
    const b = await pattern(42);
    const c = await pattern(43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 404).length).toBeGreaterThan(3);
  });
});

describe('notification faults and retries', () => {
  it('a duplicate fault delivers the payment notification twice with the same X-EXTERNAL-ID', async () => {
    const faults: FaultRule[] = [{ endpoint: 'notifications', kind: 'duplicate', times: 1 }];
    const { sb, raw, merchant, settle } = setup({ faults });
    const body = await singlePaymentBody(kkiTestCpan('dki'));
    await raw.call(SNAP_PATHS.payment, body);
    sb.kki.approve(body.partnerReferenceNo);
    await settle();
    const got = merchant.of('payment');
    expect(got).toHaveLength(2);
    expect(got[0]?.raw).toBe(got[1]?.raw);
    expect(got[0]?.headers['x-external-id']).toBe(got[1]?.headers['x-external-id']);
    expect(got.every((n) => n.signatureValid)).toBe(true);
  });

  it('a merchant that fails gets DOKU retries on the sandbox clock (30 min)', async () => {
    const { sb, raw, merchant, settle } = setup();
    merchant.answerWith(500);
    const body = await singlePaymentBody(kkiTestCpan('bpd_bali'));
    await raw.call(SNAP_PATHS.payment, body);
    sb.kki.approve(body.partnerReferenceNo);
    await settle();
    expect(merchant.of('payment')).toHaveLength(1);
    merchant.answerWith(200);
    sb.clock.advance(30 * 60_000);
    await settle();
    expect(merchant.of('payment')).toHaveLength(2);
    const log = sb.ledger().notifications.filter((n) => n.topic === 'kki.payment');
    expect(log.map((n) => [n.attempt, n.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });
});

describe('faults over a real socket', () => {
  let server: SandboxServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('drop destroys the connection; noAnswer ends when the client gives up', async () => {
    server = await startSandboxServer({
      maxHangMs: 5_000,
      faults: [
        { endpoint: 'kki.token', kind: 'drop', times: 1 },
        { endpoint: 'kki.token', kind: 'noAnswer', times: 1 },
      ],
    });
    const url = `${server.url}/authorization/v1/access-token/b2b`;
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow(/fetch failed/);
    const t0 = performance.now();
    await expect(
      fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(performance.now() - t0).toBeLessThan(2_000);
    // Then the endpoint answers normally again.
    const res = await fetch(url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
  });
});
