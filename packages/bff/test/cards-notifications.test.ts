import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '@kki-kit/doku-sandbox';
import { signNonSnap } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardsHarness, MOUNT, openCardPage, payPage, startCards } from './cards-setup.js';
import { inboxCopy } from '../src/notifications/non-snap.js';

const PATH = `${MOUNT}/notifications/cards`;

async function signed(
  body: string,
  options: { requestId?: string; at?: Date; target?: string; secret?: string; clientId?: string } = {},
) {
  const requestId = options.requestId ?? crypto.randomUUID();
  const timestamp = (options.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const signature = await signNonSnap({
    clientId,
    requestId,
    timestamp,
    requestTarget: options.target ?? PATH,
    body,
    secretKey: options.secret ?? DEFAULT_SECRET_KEY,
  });
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'Client-Id': clientId,
      'Request-Id': requestId,
      'Request-Timestamp': timestamp,
      Signature: signature,
    },
  };
}

function notification(invoice: string, amount: number, status: string, type = 'SALE') {
  return JSON.stringify({
    order: { invoice_number: invoice, amount },
    transaction: { type, status, date: new Date().toISOString() },
    service: { id: 'CREDIT_CARD' },
    channel: { id: 'CREDIT_CARD' },
    card_payment: { masked_card_number: '411111******1111', approval_code: '123456', response_code: '00' },
  });
}

describe('DOKU Cards (Non-SNAP) notifications', () => {
  let h: CardsHarness;
  beforeAll(async () => {
    h = await startCards();
  }, 60_000);
  afterAll(() => h.close());

  const post = (init: RequestInit) => h.notify(PATH, init);

  it("the sandbox's signed notification settles the payment without the return route", async () => {
    const { payment } = await openCardPage(h, 45_000);
    expect((await payPage(h, payment.nextAction.url!)).result).toBe('completed');
    await h.doku.sandbox!.notifier.idle();
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
    const log = (await (await h.control('/notifications')).json()) as { topic: string; status: unknown }[];
    expect(log.filter((l) => l.topic === 'cards.payment').every((l) => l.status === 200)).toBe(true);
  });

  it('a duplicate delivery (same Request-Id) is applied once', async () => {
    const { payment } = await openCardPage(h, 46_000);
    const record = await h.bff.store.payments.get(payment.id);
    const init = await signed(notification(record!.partnerReferenceNo, 46_000, 'SUCCESS'));
    const first = await post(init);
    expect(first.status).toBe(200);
    const second = await post(init);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true });
    const events = await h.bff.store.payments.events(payment.id);
    expect(events.filter((e) => e.source === 'notification')).toHaveLength(1);
    const inbox = await h.bff.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_inbox WHERE source = 'non_snap' AND dedup_key = $1`,
      [init.headers['Request-Id']],
    );
    expect(inbox[0]?.n).toBe(1);
  });

  it('applies in order: a late PENDING or a replayed AUTHORIZE never moves a payment back', async () => {
    const { payment } = await openCardPage(h, 47_000, { paymentType: 'AUTHORIZE' });
    const ref = (await h.bff.store.payments.get(payment.id))!.partnerReferenceNo;
    await post(await signed(notification(ref, 47_000, 'SUCCESS', 'AUTHORIZE')));
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('authorized');
    await post(await signed(notification(ref, 47_000, 'SUCCESS', 'CAPTURE')));
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
    await post(await signed(notification(ref, 47_000, 'SUCCESS', 'AUTHORIZE')));
    await post(await signed(notification(ref, 47_000, 'PENDING')));
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('succeeded');
  });

  it('refuses a bad signature, another Request-Target, a stale timestamp and a wrong client id', async () => {
    const { payment } = await openCardPage(h, 48_000);
    const ref = (await h.bff.store.payments.get(payment.id))!.partnerReferenceNo;
    const body = notification(ref, 48_000, 'SUCCESS');
    const cases = [
      await signed(body, { secret: 'SK-not-the-merchant-secret' }),
      await signed(body, { target: '/notifications/cards' }),
      await signed(body, { at: new Date(Date.now() - 10 * 60_000) }),
      await signed(body, { at: new Date(Date.now() + 10 * 60_000) }),
      await signed(body, { clientId: 'MCH-other' }),
    ];
    // A body changed after signing (Digest no longer matches).
    const tampered = await signed(body);
    cases.push({ ...tampered, body: body.replace('48000', '1') });
    const missing = await signed(body);
    const { Signature: _dropped, ...headers } = missing.headers;
    cases.push({ ...missing, headers: headers as typeof missing.headers });
    for (const init of cases) {
      const res = await post(init);
      expect(res.status).toBe(401);
    }
    expect((await h.bff.merchant.getPayment(payment.id))?.status).toBe('pending');
    expect(await h.bff.store.payments.events(payment.id)).not.toContainEqual(
      expect.objectContaining({ source: 'notification' }),
    );
  });

  it('a signed body of an unknown shape is acknowledged and its payment checked with the order status', async () => {
    const { payment } = await openCardPage(h, 46_000);
    const record = await h.bff.store.payments.get(payment.id);
    expect(record?.lastCheckedAt ?? null).toBeNull();
    const odd = JSON.stringify({ invoice_number: record?.partnerReferenceNo, event: 'x' });
    const res = await post(await signed(odd));
    expect(res.status).toBe(200);
    const rows = await h.bff.store.db.query<{ status: string; subject_id: string | null; payload: unknown }>(
      `SELECT status, subject_id, payload FROM notification_inbox WHERE source = 'non_snap' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ status: 'applied', subject_id: payment.id });
    // Only the invoice number is kept of a body whose shape is unknown.
    expect(rows[0]?.payload).not.toHaveProperty('event');
    const checked = await h.bff.store.payments.get(payment.id);
    expect(checked?.lastCheckedAt).not.toBeNull();
  });

  it('a signed body naming no payment is acknowledged and ignored, whatever its shape', async () => {
    const hello = await post(await signed('{"hello":1}'));
    expect(hello.status).toBe(200);
    const res = await post(await signed(notification('999999999', 10_000, 'SUCCESS')));
    expect(res.status).toBe(200);
    const rows = await h.bff.store.db.query<{ status: string }>(
      `SELECT status FROM notification_inbox WHERE source = 'non_snap' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]?.status).toBe('ignored');
  });
});

describe('the inbox copy of a Cards notification', () => {
  it('keeps a masked card number and drops any other value there, a number in clear of any JSON type', () => {
    const body = (masked: unknown) =>
      ({
        order: { invoice_number: 'INV-1', amount: 80_000 },
        transaction: { status: 'SUCCESS' },
        card: { masked, token: 'TOKEN-1' },
        card_payment: { masked_card_number: masked },
      }) as unknown as Parameters<typeof inboxCopy>[0];
    expect(inboxCopy(body('411111******1111'))).toMatchObject({
      card: { masked: '411111******1111' },
      card_payment: { masked_card_number: '411111******1111' },
    });
    for (const clear of ['4111111111111111', 4111111111111111]) {
      const copy = inboxCopy(body(clear));
      expect(copy.card).toEqual({});
      expect(copy.card_payment).toEqual({});
    }
  });
});
