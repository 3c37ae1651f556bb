// Card data and secrets never reach a log line, an error body or a database row: sentinel CPAN, OTT
// and secret key go through every KKI route (payment, pay-and-save, saved card, status, cancel, H2H
// and hosted-page binding, OTP, removal, notifications), then every log line and every table is searched.
import { KKI_TEST_OTP, kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, newKey, startKki } from './kki-setup.js';

const SECRET = 'SK-sentinel-SECRET-4b1d9e77c0';
const CPANS = [
  kkiTestCpan('bri', undefined, 777),
  kkiTestCpan('mandiri', undefined, 778),
  kkiTestCpan('bjb', undefined, 779),
];
const OTTS = ['SentinelOtt0001A', 'SentinelOtt0002B', 'SentinelOtt0003C'];
const BAD_CPAN = '9360000212345678901';

describe('sentinel card data and secrets', () => {
  let h: KkiHarness;
  const bodies: string[] = [];
  beforeAll(async () => {
    h = await startKki({ environment: 'offline', secretKey: SECRET });
  }, 60_000);
  afterAll(() => h.close());

  async function call(customer: string, path: string, init: Parameters<KkiHarness['call']>[2] = {}) {
    const res = await h.call(customer, path, init);
    const text = await res.text();
    bodies.push(text);
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  it('runs every KKI route with the sentinels', async () => {
    const approve = async (paymentId: string) => {
      const p = await h.bff.store.payments.get(paymentId);
      await h.control(`/kki/payments/${p?.partnerReferenceNo}/approve`, {});
      await h.idle();
    };
    const order = () => h.bff.merchant.createOrder({ customerId: 'sam', amount: 70_000 });

    const single = await call('sam', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: (await order()).id, source: { type: 'card', cpan: CPANS[0], ott: OTTS[0] } },
    });
    expect(single.status).toBe(201);
    await call('sam', `/payments/${single.json.id}?refresh=true`);
    await call('sam', `/payments/${single.json.id}/cancel`, { method: 'POST', key: newKey() });

    const save = await call('sam', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: {
        orderId: (await order()).id,
        source: { type: 'card', cpan: CPANS[1], ott: OTTS[1], saveCard: true },
      },
    });
    await approve(save.json.id);
    const cards = (await call('sam', '/kki/cards')).json.cards as { id: string }[];
    expect(cards).toHaveLength(1);
    const token = await h.bff.store.savedCards.revealToken(cards[0]?.id ?? '');
    const byToken = await call('sam', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: (await order()).id, source: { type: 'saved_card', cardId: cards[0]?.id } },
    });
    await approve(byToken.json.id);

    const refused = await call('sam', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: (await order()).id, source: { type: 'card', cpan: BAD_CPAN, ott: OTTS[2] } },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    const h2h = await call('sam', '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: CPANS[2], mode: 'otp', holder: { name: 'Sam Sentinel' } },
    });
    const authCode = await h.bff.store.bindings.revealAuthCode(h2h.json.id);
    expect(authCode).toEqual(expect.any(String));
    await call('sam', `/kki/bindings/${h2h.json.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: '654321' },
    });
    const bound = await call('sam', `/kki/bindings/${h2h.json.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: KKI_TEST_OTP.correct },
    });
    expect(bound.json.status).toBe('active');
    await call('sam', `/kki/cards/${bound.json.cardId}`, { method: 'DELETE', key: newKey() });

    const secrets = [...CPANS, BAD_CPAN, ...OTTS, SECRET, token, authCode ?? 'none'];
    const logText = JSON.stringify(h.lines);
    const tables = await h.bff.store.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(8);
    let dump = '';
    for (const { table_name } of tables as { table_name: string }[]) {
      dump += JSON.stringify(await h.bff.store.db.query(`SELECT * FROM "${table_name}"`));
    }
    expect(dump).toContain(save.json.id);
    for (const secret of secrets) {
      expect(logText.includes(secret), 'log lines').toBe(false);
      expect(dump.includes(secret), 'database rows').toBe(false);
      expect(bodies.join('\n').includes(secret), 'response bodies').toBe(false);
    }
  }, 60_000);
});
