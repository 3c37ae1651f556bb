// SNAP notifications: RSA mode (DOKU's public key) and HMAC mode (the token this BFF issues at its
// merchant token endpoint), stale timestamps and bad signatures refused, duplicates applied once.
import { signB2bToken, signSnapAsymmetric, snapTimestamp } from '@kki-kit/doku';
import {
  KKI_TEST_OTP,
  kkiTestCpan,
  SANDBOX_DOKU_PRIVATE_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
} from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KkiHarness, MOUNT, newKey, newOtt, pendingKkiPayment, startKki } from './kki-setup.js';

const PATH = `${MOUNT}/notifications/kki`;

interface SignedPostOptions {
  at?: Date;
  key?: string;
  /** Default a fresh one; `null` sends none. */
  externalId?: string | null;
}

/** A SNAP notification signed in RSA mode (DOKU's key unless `key`), as DOKU posts it. */
async function signedPost(h: KkiHarness, body: object, opts: SignedPostOptions = {}) {
  const text = JSON.stringify(body);
  const timestamp = snapTimestamp(opts.at ?? new Date());
  const signature = await signSnapAsymmetric({
    method: 'POST',
    path: PATH,
    body: text,
    timestamp,
    privateKeyPem: opts.key ?? SANDBOX_DOKU_PRIVATE_KEY,
  });
  const externalId =
    opts.externalId === undefined ? `${Date.now()}${Math.floor(Math.random() * 1e6)}` : opts.externalId;
  return h.notify(PATH, {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': signature,
      ...(externalId !== null && { 'x-external-id': externalId }),
    },
  });
}

describe('SNAP notifications in RSA mode', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  const post = (body: object, opts: SignedPostOptions = {}) => signedPost(h, body, opts);

  const success = (reference: string) => ({
    originalPartnerReferenceNo: reference,
    originalReferenceNo: `REF${reference.slice(-10)}`,
    amount: { value: '80000.00', currency: 'IDR' },
    latestTransactionStatus: '00',
    additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
  });

  it('applies a verified notification and answers 2005600', async () => {
    const payment = await pendingKkiPayment(h, 'nia', 31);
    const res = await post(success(payment.partnerReferenceNo));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responseCode: '2005600' });
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('succeeded');
  });

  it('refuses a stale timestamp, a wrong key and an unsigned body, changing nothing', async () => {
    const payment = await pendingKkiPayment(h, 'oli', 32);
    const stale = await post(success(payment.partnerReferenceNo), { at: new Date(Date.now() - 20 * 60_000) });
    expect(stale.status).toBe(401);
    const forged = await post(success(payment.partnerReferenceNo), { key: SANDBOX_MERCHANT_PRIVATE_KEY });
    expect(forged.status).toBe(401);
    const unsigned = await h.notify(PATH, {
      method: 'POST',
      body: JSON.stringify(success(payment.partnerReferenceNo)),
      headers: { 'content-type': 'application/json', 'x-timestamp': snapTimestamp(new Date()) },
    });
    expect(unsigned.status).toBe(401);
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('pending');
  });

  it('a duplicate delivery is recorded once; a late "pending" never undoes "succeeded"', async () => {
    const payment = await pendingKkiPayment(h, 'pia', 33);
    const externalId = `${Date.now()}777`;
    expect((await post(success(payment.partnerReferenceNo), { externalId })).status).toBe(200);
    expect((await post(success(payment.partnerReferenceNo), { externalId })).status).toBe(200);
    const rows = await h.bff.store.db.query(
      'SELECT count(*)::int AS n FROM notification_inbox WHERE dedup_key LIKE $1',
      [`${externalId}:%`],
    );
    expect(rows[0]?.n).toBe(1);
    const late = await post({ ...success(payment.partnerReferenceNo), latestTransactionStatus: '03' });
    expect(late.status).toBe(200);
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('succeeded');
    const events = await h.bff.store.payments.events(payment.id);
    expect(events.filter((e) => e.toStatus === 'succeeded')).toHaveLength(1);
  });
});

describe('SNAP notifications: what counts as a duplicate', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  // Without an id unless one is given: DOKU's bodies may come without X-EXTERNAL-ID.
  const post = (body: object, externalId: string | null = null) => signedPost(h, body, { externalId });
  const news = (reference: string, status: '00' | '03', desc: 'Success' | 'Pending') => ({
    originalPartnerReferenceNo: reference,
    originalReferenceNo: `REF${reference.slice(-10)}`,
    amount: { value: '80000.00', currency: 'IDR' },
    latestTransactionStatus: status,
    transactionStatusDesc: desc,
    additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
  });

  it("an X-EXTERNAL-ID DOKU uses again on another day still delivers another payment's success", async () => {
    const first = await pendingKkiPayment(h, 'ria', 51);
    const late = await pendingKkiPayment(h, 'sia', 52);
    // DOKU keeps X-EXTERNAL-ID unique per day only.
    const externalId = '20250101000000000001';
    expect((await post(news(first.partnerReferenceNo, '00', 'Success'), externalId)).status).toBe(200);
    expect((await h.bff.store.payments.get(first.id))?.status).toBe('succeeded');
    // The kit gave up on the second payment while DOKU still held it; its late success comes with
    // the same id: it must be applied (an extra charge, refunded), not acknowledged as a duplicate.
    await h.bff.store.payments.transition(late.id, 'cancelled', { source: 'api' });
    expect((await post(news(late.partnerReferenceNo, '00', 'Success'), externalId)).status).toBe(200);
    await h.idle();
    expect(await h.bff.store.extraCharges.get(late.id)).not.toBeNull();
    expect((await h.bff.store.payments.events(late.id)).map((e) => e.toStatus)).toContain('succeeded');
  });

  it('without X-EXTERNAL-ID, a success after a pending body of the same length is applied', async () => {
    const p = await pendingKkiPayment(h, 'tia', 53);
    await h.bff.store.payments.transition(p.id, 'cancelled', { source: 'api' });
    // "03"/"Pending" and "00"/"Success": bodies of one length, neither with an id.
    expect((await post(news(p.partnerReferenceNo, '03', 'Pending'))).status).toBe(200);
    expect((await post(news(p.partnerReferenceNo, '00', 'Success'))).status).toBe(200);
    await h.idle();
    expect(await h.bff.store.extraCharges.get(p.id)).not.toBeNull();
  });

  it('a retry of the same body with the same id is recorded and applied once', async () => {
    const p = await pendingKkiPayment(h, 'uma', 54);
    const body = news(p.partnerReferenceNo, '00', 'Success');
    expect((await post(body, '20250101000000000054')).status).toBe(200);
    expect((await post(body, '20250101000000000054')).status).toBe(200);
    const rows = await h.bff.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_inbox WHERE source = 'snap' AND dedup_key LIKE $1`,
      ['20250101000000000054:%'],
    );
    expect(rows[0]?.n).toBe(1);
    const events = await h.bff.store.payments.events(p.id);
    expect(events.filter((e) => e.toStatus === 'succeeded')).toHaveLength(1);
  });
});

describe('bindings and removals DOKU settled after the BFF gave up on them', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki();
  }, 60_000);
  afterAll(() => h.close());

  /** DOKU's binding success notification, carrying the token it issued. */
  const bound = (
    binding: { partnerReferenceNo: string; dokuReferenceNo: string | null },
    token: string,
    extraInfo: Record<string, string> = {},
  ) =>
    signedPost(h, {
      originalPartnerReferenceNo: binding.partnerReferenceNo,
      originalReferenceNo: binding.dokuReferenceNo,
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      additionalInfo: {
        channelId: 'KARTU_KREDIT_INDONESIA',
        serviceCode: '01',
        status: 'SUCCESS',
        bankCardToken: token,
        ...extraInfo,
      },
    });

  it('an OTP whose answer was lost, sent again, leaves the binding for DOKU, whose success saves the card', async () => {
    const customer = 'late-otp';
    const res = await h.call(customer, '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('bri', undefined, 71), mode: 'otp' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // DOKU binds the card, but its answer is lost and its notification delayed.
    const url = h.sandbox.config.snapNotificationUrl;
    h.sandbox.config.snapNotificationUrl = null;
    await h.control('/faults', { rules: [{ endpoint: 'kki.otp', kind: 'drop', phase: 'after', times: 10 }] });
    const otp = () =>
      h.call(customer, `/kki/bindings/${id}/otp`, {
        method: 'POST',
        key: newKey(),
        json: { otp: KKI_TEST_OTP.correct },
      });
    expect((await otp()).status).toBeGreaterThanOrEqual(500);
    await h.sandbox.app.request('/__sandbox/faults', { method: 'DELETE' });
    h.sandbox.config.snapNotificationUrl = url;
    // Sent again (a reload, a new key): DOKU no longer has it pending. The binding is not failed.
    expect((await otp()).status).toBeGreaterThanOrEqual(400);
    const binding = await h.bff.store.bindings.get(id);
    expect(binding?.status).toBe('pending');
    expect((await bound(binding!, 'TOKEN-LATE-OTP-0000000000000000000000')).status).toBe(200);
    expect((await h.bff.store.bindings.get(id))?.status).toBe('active');
    expect(await h.bff.store.savedCards.listForCustomer(customer)).toHaveLength(1);
  });

  it('a binding notification that failed to apply keeps its token sealed, and the replay saves the card', async () => {
    const customer = 'crash-bind';
    const res = await h.call(customer, '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('mandiri', undefined, 77) },
    });
    const { id } = (await res.json()) as { id: string };
    const binding = await h.bff.store.bindings.get(id);
    // Saving the card fails the first time (the store down mid-apply, or the process dying there).
    const cards = h.bff.store.savedCards;
    const create = cards.create;
    cards.create = async () => {
      throw new Error('store unavailable');
    };
    const token = 'TOKEN-CRASH-BIND-00000000000000000000';
    try {
      expect((await bound(binding!, token)).status).toBe(500);
    } finally {
      cards.create = create;
    }
    const [row] = await h.bff.store.db.query<{
      id: number;
      status: string;
      payload: unknown;
      sealed: unknown;
    }>(
      `SELECT id, status, payload, sealed FROM notification_inbox WHERE payload->>'originalPartnerReferenceNo' = $1`,
      [binding!.partnerReferenceNo],
    );
    // Left for a retry, the token never in clear: sealed beside the payload.
    expect(row?.status).toBe('received');
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await h.bff.store.inbox.secretOf(row!.id)).toContain(token);
    // The replay (every reconciliation pass) applies it as DOKU sent it: the card is saved.
    await h.bff.services.reconciliation?.run();
    expect((await h.bff.store.bindings.get(id))?.status).toBe('active');
    const [card] = await h.bff.store.savedCards.listForCustomer(customer);
    expect(card).toBeDefined();
    expect(await h.bff.store.savedCards.revealToken(card!.id)).toBe(token);
    // Settled: the sealed token is dropped, and DOKU's retry is a duplicate.
    expect(await h.bff.store.inbox.secretOf(row!.id)).toBeNull();
  });

  it('the inbox keeps a binding notification’s maskedCardNo only when it is masked', async () => {
    const stored = async (customer: string, serial: number, maskedCardNo: string) => {
      const res = await h.call(customer, '/kki/bindings', {
        method: 'POST',
        key: newKey(),
        json: { cpan: kkiTestCpan('bri', undefined, serial) },
      });
      const binding = await h.bff.store.bindings.get(((await res.json()) as { id: string }).id);
      const posted = await bound(binding!, `TOKEN-MASK-${serial}-000000000000000000000000`, { maskedCardNo });
      expect(posted.status).toBe(200);
      const [row] = await h.bff.store.db.query<{ payload: { additionalInfo: Record<string, unknown> } }>(
        `SELECT payload FROM notification_inbox WHERE payload->>'originalPartnerReferenceNo' = $1`,
        [binding!.partnerReferenceNo],
      );
      return row?.payload.additionalInfo;
    };
    // A number in clear (DOKU's schema allows any string there) never reaches the database.
    const clear = kkiTestCpan('bri', undefined, 81);
    const unmasked = await stored('mask-clear', 82, clear);
    expect(unmasked).toMatchObject({ serviceCode: '01', status: 'SUCCESS' });
    expect(unmasked).not.toHaveProperty('maskedCardNo');
    expect(JSON.stringify(unmasked)).not.toContain(clear.slice(6, 12));
    expect(await stored('mask-kept', 83, '411111******1111')).toMatchObject({
      maskedCardNo: '411111******1111',
    });
  });

  it('a hosted-page binding the BFF closed as expired is saved when DOKU reports it bound', async () => {
    const customer = 'late-page';
    const res = await h.call(customer, '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('mandiri', undefined, 75) },
    });
    const { id } = (await res.json()) as { id: string };
    // The BFF's clock passed the OTP window (and its grace): the next read closes it.
    const stored = await h.bff.store.bindings.get(id);
    expect(stored?.nextAction.type).toBe('otp_redirect');
    await h.bff.store.bindings.update(id, {
      nextAction: {
        type: 'otp_redirect',
        url: 'https://doku.test/otp',
        expiresAt: new Date(Date.now() - 120_000).toISOString(),
      },
    });
    expect(
      ((await (await h.call(customer, `/kki/bindings/${id}`)).json()) as { status: string }).status,
    ).toBe('expired');
    expect((await bound(stored!, 'TOKEN-LATE-PAGE-000000000000000000000')).status).toBe(200);
    expect((await h.bff.store.bindings.get(id))?.status).toBe('active');
    expect(await h.bff.store.savedCards.listForCustomer(customer)).toHaveLength(1);
  });
  /** A card saved by bind-and-pay (no binding row of its own), active. */
  async function boundAndPaid(customer: string, serial: number) {
    const order = await h.bff.merchant.createOrder({ customerId: customer, amount: 50_000 });
    const pay = await h.call(customer, '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: {
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, serial), ott: newOtt(), saveCard: true },
      },
    });
    expect(pay.status).toBe(201);
    const payment = await h.bff.store.payments.get(((await pay.json()) as { id: string }).id);
    await h.control(`/kki/payments/${payment?.partnerReferenceNo}/approve`, {});
    await h.idle();
    const [card] = await h.bff.store.savedCards.listForCustomer(customer);
    expect(card?.status).toBe('active');
    return card!;
  }

  /** A removal whose call DOKU made but whose answer was lost. */
  async function removalAnswerLost(customer: string, cardId: string) {
    await h.control('/faults', {
      rules: [{ endpoint: 'kki.unbind', kind: 'drop', phase: 'after', times: 10 }],
    });
    const lost = await h.call(customer, `/kki/cards/${cardId}`, { method: 'DELETE', key: newKey() });
    await h.sandbox.app.request('/__sandbox/faults', { method: 'DELETE' });
    expect(lost.status).toBeGreaterThanOrEqual(500);
    // Not charged while its removal is unknown.
    expect((await h.bff.store.savedCards.get(cardId))?.status).toBe('removing');
  }

  it('a bind-and-pay card whose unbinding answer was lost is removed by DOKU’s notification', async () => {
    const card = await boundAndPaid('lost-unbind', 72);
    await removalAnswerLost('lost-unbind', card.id);
    await h.control('/clock/advance', { seconds: 30 });
    await h.idle();
    expect((await h.bff.store.savedCards.get(card.id))?.status).toBe('removed');
  });

  it('a removal sent again after DOKU unbound the card ends removed, not "still saved"', async () => {
    const card = await boundAndPaid('again-unbind', 73);
    // DOKU's unbinding notification does not arrive before the customer tries again.
    const url = h.sandbox.config.snapNotificationUrl;
    h.sandbox.config.snapNotificationUrl = null;
    try {
      await removalAnswerLost('again-unbind', card.id);
      const again = await h.call('again-unbind', `/kki/cards/${card.id}`, {
        method: 'DELETE',
        key: newKey(),
      });
      expect(again.status).toBe(200);
      expect((await h.bff.store.savedCards.get(card.id))?.status).toBe('removed');
    } finally {
      h.sandbox.config.snapNotificationUrl = url;
    }
  });

  it('a saved-card charge retried with its key after the card was removed answers DOKU’s charge', async () => {
    const customer = 'charge-then-remove';
    const card = await boundAndPaid(customer, 74);
    const renewal = await h.bff.merchant.createOrder({ customerId: customer, amount: 30_000 });
    const key = `renewal-${renewal.id}`;
    // DOKU charges the card, but neither its answer nor its notification arrives.
    const url = h.sandbox.config.snapNotificationUrl;
    h.sandbox.config.snapNotificationUrl = null;
    try {
      await h.control('/faults', {
        rules: [{ endpoint: 'kki.payment', kind: 'drop', phase: 'after', times: 10 }],
      });
      await expect(
        h.bff.merchant.chargeSavedCard({ orderId: renewal.id, cardId: card.id, idempotencyKey: key }),
      ).rejects.toMatchObject({ outcomeUnknown: true });
      await h.sandbox.app.request('/__sandbox/faults', { method: 'DELETE' });
      expect(
        (await h.call(customer, `/kki/cards/${card.id}`, { method: 'DELETE', key: newKey() })).status,
      ).toBe(200);
      // The retry asks DOKU about the charge it made under this key: not "card not found".
      await expect(
        h.bff.merchant.chargeSavedCard({ orderId: renewal.id, cardId: card.id, idempotencyKey: key }),
      ).resolves.toMatchObject({ status: 'succeeded' });
      // Another key on another order is refused: the card is gone.
      const next = await h.bff.merchant.createOrder({ customerId: customer, amount: 30_000 });
      await expect(
        h.bff.merchant.chargeSavedCard({
          orderId: next.id,
          cardId: card.id,
          idempotencyKey: `next-${next.id}`,
        }),
      ).rejects.toMatchObject({ code: 'card_not_found' });
    } finally {
      h.sandbox.config.snapNotificationUrl = url;
    }
    expect(h.ledger().payments.filter((p) => p.amount === 30_000 && p.status === 'SUCCESS')).toHaveLength(1);
  });

  it('a card whose unbinding DOKU reports FAILED is active again', async () => {
    const customer = 'failed-unbind';
    const res = await h.call(customer, '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('bri', undefined, 78), mode: 'otp' },
    });
    const { id } = (await res.json()) as { id: string };
    const bound = (await (
      await h.call(customer, `/kki/bindings/${id}/otp`, {
        method: 'POST',
        key: newKey(),
        json: { otp: KKI_TEST_OTP.correct },
      })
    ).json()) as { cardId: string };
    const removal = (await (
      await h.call(customer, `/kki/cards/${bound.cardId}`, { method: 'DELETE', key: newKey() })
    ).json()) as { card: { status: string } };
    expect(removal.card.status).toBe('removing');
    const binding = await h.bff.store.bindings.get(id);
    const note = await signedPost(h, {
      originalReferenceNo: '999000111222',
      latestTransactionStatus: '06',
      transactionStatusDesc: 'Failed',
      additionalInfo: {
        channelId: 'KARTU_KREDIT_INDONESIA',
        serviceCode: '05',
        status: 'FAILED',
        bindingReferenceNo: binding?.dokuReferenceNo,
      },
    });
    expect(note.status).toBe(200);
    expect((await h.bff.store.savedCards.get(bound.cardId))?.status).toBe('active');
  });
});

describe('SNAP notifications in HMAC mode', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki({ offlineSandbox: { control: true, snapNotificationMode: 'hmac' } });
  }, 60_000);
  afterAll(() => h.close());

  it('DOKU gets a token from the BFF, then the signed notification settles the payment', async () => {
    const payment = await pendingKkiPayment(h, 'quin', 41);
    await h.control(`/kki/payments/${payment.partnerReferenceNo}/approve`, {});
    await h.idle();
    expect((await h.bff.store.payments.get(payment.id))?.status).toBe('succeeded');
    const delivered = h.ledger().notifications.filter((n) => n.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
  });

  it("the token endpoint refuses a signature not made with DOKU's key", async () => {
    const timestamp = snapTimestamp(new Date());
    const clientId = h.bff.config.doku.clientId;
    const request = async (privateKeyPem: string) =>
      h.notify(`${MOUNT}/notifications/kki/access-token/b2b`, {
        method: 'POST',
        body: JSON.stringify({ grantType: 'client_credentials' }),
        headers: {
          'content-type': 'application/json',
          'x-client-key': clientId,
          'x-timestamp': timestamp,
          'x-signature': await signB2bToken({ clientId, timestamp, privateKeyPem }),
        },
      });
    expect((await request(SANDBOX_MERCHANT_PRIVATE_KEY)).status).toBe(401);
    const ok = await request(SANDBOX_DOKU_PRIVATE_KEY);
    expect(ok.status).toBe(200);
    expect((await ok.json()).accessToken).toEqual(expect.any(String));
    const doc = await (await h.host.request(`${MOUNT}/openapi.json`)).json();
    expect(doc.paths['/notifications/kki/access-token/b2b'].post.operationId).toBe(
      'dokuSnapNotificationToken',
    );
  });
});
