// Server-side unbinding sends CHANNEL-ID H2H (seed 001: "plain success without redirect"); a
// redirectUrl DOKU still returns reaches the browser through removeSavedCard, and the card stays
// `removing` until DOKU says it is gone.
import { createSandbox, KKI_TEST_OTP, kkiTestCpan, type Sandbox } from '@kki-kit/doku-sandbox';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KkiBff } from '../src/app.js';
import { MOUNT, newKey, ORIGIN, startKkiOverDoku } from './kki-setup.js';

const UNBIND_PATH = '/direct-debit/core/v1/registration-card-unbind';

describe('removing a saved card', () => {
  let sandbox: Sandbox;
  let bff: KkiBff;
  let host: Hono;
  const unbindChannels: (string | null)[] = [];
  let redirectUrl: string | undefined;

  beforeAll(async () => {
    sandbox = createSandbox({ control: true });
    // DOKU as the sandbox answers it, with `additionalInfo.redirectUrl` added when a test asks.
    const doku: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const answer = await sandbox.app.fetch(request.clone());
      if (new URL(request.url).pathname !== UNBIND_PATH) return answer;
      unbindChannels.push(request.headers.get('CHANNEL-ID'));
      if (redirectUrl === undefined) return answer;
      const body = (await answer.json()) as { additionalInfo?: Record<string, unknown> };
      body.additionalInfo = { ...body.additionalInfo, redirectUrl };
      return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
    };
    ({ bff, host } = await startKkiOverDoku(doku));
  }, 60_000);
  afterAll(async () => {
    await bff.close();
    await sandbox.close();
  });

  const call = (customer: string, path: string, init: { method?: string; json?: unknown } = {}) =>
    host.request(`${MOUNT}${path}`, {
      method: init.method ?? 'GET',
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
      headers: {
        'x-test-customer': customer,
        origin: ORIGIN,
        'x-kki-request': '1',
        'content-type': 'application/json',
        ...(init.method && init.method !== 'GET' && { 'idempotency-key': newKey() }),
      },
    });

  async function bindCard(customer: string, serial: number): Promise<string> {
    const res = await call(customer, '/kki/bindings', {
      method: 'POST',
      json: { cpan: kkiTestCpan('bri', undefined, serial), mode: 'otp' },
    });
    const binding = (await res.json()) as { id: string };
    const done = await call(customer, `/kki/bindings/${binding.id}/otp`, {
      method: 'POST',
      json: { otp: KKI_TEST_OTP.correct },
    });
    const active = (await done.json()) as { status: string; cardId: string };
    expect(active.status).toBe('active');
    return active.cardId;
  }

  it('unbinds with CHANNEL-ID H2H and no redirect', async () => {
    const cardId = await bindCard('uma', 41);
    redirectUrl = undefined;
    const res = await call('uma', `/kki/cards/${cardId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.redirectUrl).toBeUndefined();
    expect(unbindChannels.at(-1)).toBe('H2H');
  });

  it("passes DOKU's redirectUrl to the browser and keeps the card removing", async () => {
    const cardId = await bindCard('vera', 42);
    redirectUrl = 'https://doku.sandbox.test/unbind/confirm/abc';
    const res = await call('vera', `/kki/cards/${cardId}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      removed: false,
      card: { id: cardId, status: 'removing' },
      redirectUrl: 'https://doku.sandbox.test/unbind/confirm/abc',
    });
    expect((await bff.store.savedCards.get(cardId))?.status).toBe('removing');
  });

  it('does not pass on a redirectUrl that is not an http(s) URL', async () => {
    const cardId = await bindCard('wira', 43);
    redirectUrl = 'javascript:alert(1)';
    const res = await call('wira', `/kki/cards/${cardId}`, { method: 'DELETE' });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.redirectUrl).toBeUndefined();
  });
});
