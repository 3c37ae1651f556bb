// Offline, the sandbox's KKI pages (issuer app, binding OTP) follow the shop's language: the BFF puts
// the request's language on their URLs as it answers (DOKU's KKI requests carry none).
import type { PaymentView } from '@kki-kit/contract';
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

describe('offline KKI pages in the shop language', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  it("the issuer-app URL carries the request's language, and the page speaks it", async () => {
    const order = await h.bff.merchant.createOrder({ customerId: 'lia', amount: 95_000 });
    const res = await h.call('lia', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      headers: { 'accept-language': 'id-ID,id;q=0.9' },
      json: {
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 3), ott: newOtt() },
      },
    });
    expect(res.status).toBe(201);
    const view = (await res.json()) as PaymentView;
    if (view.nextAction.type !== 'issuer_app') throw new Error(`no issuer app: ${view.nextAction.type}`);
    const url = new URL(view.nextAction.url);
    expect(url.searchParams.get('lang')).toBe('id');
    const page = await h.host.request(url.pathname + url.search);
    expect(await page.text()).toContain('<html lang="id">');
    // The same payment read in English: the URL follows the reader.
    const read = await h.call('lia', `/payments/${view.id}`, { headers: { 'accept-language': 'en' } });
    const again = (await read.json()) as PaymentView;
    expect(
      again.nextAction.type === 'issuer_app' && new URL(again.nextAction.url).searchParams.get('lang'),
    ).toBe('en');
  });
});
