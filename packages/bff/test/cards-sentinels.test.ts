// Card numbers, expiry and DOKU's card tokens must reach no log line and no database row. Every
// Cards route is exercised with sentinel card data (typed on DOKU's page, smuggled into request
// bodies and query strings, sent back in a notification), then every log line and every row of
// every table is searched for them.
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '@kki-kit/doku-sandbox';
import { signNonSnap } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardsHarness, MOUNT, ORIGIN, openCardPage, payPage, startCards } from './cards-setup.js';

const SENTINEL_PAN = '4111111111111111';
const SENTINEL_3DS_PAN = '4617000000000015';
const SENTINEL_DECLINED_PAN = '4000000000000002';
const SENTINEL_EXPIRY = '11/38';
const SENTINEL_TOKEN = 'f00dfacecafebabedeadbeef12345678';
const SENTINELS = [SENTINEL_PAN, SENTINEL_3DS_PAN, SENTINEL_DECLINED_PAN, SENTINEL_EXPIRY, SENTINEL_TOKEN];

describe('no card data in logs or the database', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  it('through every Cards route', async () => {
    const log: string[] = [];
    h.lines.length = 0;
    // Browser route with card data smuggled in (dropped or refused by the schema).
    const { payment } = await openCardPage(h, 70_000, {
      cpan: SENTINEL_PAN,
      card_number: SENTINEL_PAN,
      expiry: SENTINEL_EXPIRY,
    });
    const refused = await h.call('/cards/payments', {
      method: 'POST',
      body: JSON.stringify({ orderId: SENTINEL_PAN, expiry: SENTINEL_EXPIRY }),
    });
    expect(refused.status).toBe(400);
    // The customer types the card on DOKU's page (3-D Secure card, OTP in the same call).
    const paid = await payPage(h, payment.nextAction.url!, SENTINEL_3DS_PAN, {
      expiry: SENTINEL_EXPIRY,
      otp: '123456',
      save_card: true,
    });
    expect(paid.result).toBe('completed');
    await h.doku.sandbox!.notifier.idle();
    // Return route with card data in the query.
    const back = await h.host.request(
      `${ORIGIN}${MOUNT}/cards/payments/${payment.id}/return?result=success&cpan=${SENTINEL_PAN}`,
    );
    expect(back.status).toBe(200);
    expect(await back.text()).not.toContain(SENTINEL_3DS_PAN);
    // A declined card.
    const other = await openCardPage(h, 71_000);
    await payPage(h, other.payment.nextAction.url!, SENTINEL_DECLINED_PAN, { expiry: SENTINEL_EXPIRY });
    await h.host.request(`${ORIGIN}${MOUNT}/cards/payments/${other.payment.id}/return`);
    // A notification carrying a full card number and a card token.
    const invoice = (await h.bff.store.payments.get(other.payment.id))!.partnerReferenceNo;
    const body = JSON.stringify({
      order: { invoice_number: invoice, amount: 71_000 },
      transaction: { type: 'SALE', status: 'FAILED' },
      service: { id: 'CREDIT_CARD' },
      channel: { id: 'CREDIT_CARD' },
      card_payment: { masked_card_number: SENTINEL_PAN, response_code: '05' },
      card: { masked: SENTINEL_PAN, token: SENTINEL_TOKEN },
    });
    const requestId = crypto.randomUUID();
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const signature = await signNonSnap({
      clientId: DEFAULT_CLIENT_ID,
      requestId,
      timestamp,
      requestTarget: `${MOUNT}/notifications/cards`,
      body,
      secretKey: DEFAULT_SECRET_KEY,
    });
    const notified = await h.notify(`${MOUNT}/notifications/cards`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'Client-Id': DEFAULT_CLIENT_ID,
        'Request-Id': requestId,
        'Request-Timestamp': timestamp,
        Signature: signature,
      },
    });
    expect(notified.status).toBe(200);
    // Refunds and capture through the merchant API and the staff route.
    await h.bff.merchant.refund(payment.id, { idempotencyKey: `sentinel-${payment.id}` });
    await h.call(`/payments/${payment.id}/refunds`, { headers: { 'x-test-staff': 'yes' } });

    log.push(...h.lines.map((line) => JSON.stringify(line)));
    expect(log.length).toBeGreaterThan(0);
    const tables = await h.bff.store.db.query<{ table_name: string; table_schema: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(3);
    const rows: string[] = [];
    for (const t of tables) {
      const found = await h.bff.store.db.query<{ row: string }>(
        `SELECT row_to_json(t)::text AS row FROM "${t.table_schema}"."${t.table_name}" t`,
      );
      rows.push(...found.map((r) => r.row));
    }
    // The flows did write: payments with masked numbers and the notification in the inbox.
    expect(rows.some((r) => r.includes('461700******0015'))).toBe(true);
    expect(rows.some((r) => r.includes(requestId))).toBe(true);
    for (const sentinel of SENTINELS) {
      expect(log.filter((line) => line.includes(sentinel))).toEqual([]);
      expect(rows.filter((row) => row.includes(sentinel))).toEqual([]);
    }
  });
});
