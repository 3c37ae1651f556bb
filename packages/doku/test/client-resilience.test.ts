import { describe, expect, it } from 'vitest';
import { DokuError, NON_SNAP_PATHS, SNAP_PATHS } from '../src/index.js';
import { amount, setup } from './support/setup.js';

const pay = { partnerReferenceNo: 'INV-1', amount, type: 'token' as const, bankCardToken: 'BCT-1' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('B2B token cache', () => {
  it('100 concurrent calls on a cold cache make exactly one token request', async () => {
    const { fake, client } = setup();
    fake.state.tokenDelayMs = 20;
    const results = await Promise.all(Array.from({ length: 100 }, () => client.kkiPayment(pay)));
    expect(fake.state.tokenRequests).toBe(1);
    expect(results.every((r) => r.responseCode === '2005400')).toBe(true);
    expect(fake.requestsTo(SNAP_PATHS.payment)).toHaveLength(100);
    expect(fake.state.failures).toEqual([]);
  });

  it('reuses the token until expiresIn minus the margin, then fetches a new one', async () => {
    const { fake, client, clock } = setup({ tokenRefreshMarginMs: 60_000 });
    const first = await client.getB2bToken();
    clock.now += 900_000 - 60_000 - 1; // still inside the window
    expect((await client.getB2bToken()).accessToken).toBe(first.accessToken);
    expect(fake.state.tokenRequests).toBe(1);
    clock.now += 2; // past expiresIn − margin
    const second = await client.getB2bToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(fake.state.tokenRequests).toBe(2);
    await client.kkiPayment(pay);
    expect(fake.requestsTo(SNAP_PATHS.payment)[0]?.headers.authorization).toBe(
      `Bearer ${second.accessToken}`,
    );
  });

  it('accepts expiresIn as a numeric string', async () => {
    const { fake, client, clock } = setup({ tokenRefreshMarginMs: 10_000 }, { expiresIn: '120' });
    const first = await client.getB2bToken();
    expect(first.expiresAt - clock.now).toBe(120_000);
    clock.now += 109_000;
    expect((await client.getB2bToken()).accessToken).toBe(first.accessToken);
    clock.now += 2_000;
    expect((await client.getB2bToken()).accessToken).not.toBe(first.accessToken);
    expect(fake.state.tokenRequests).toBe(2);
  });

  it('an invalid-token 401 refreshes once and retries with the same X-EXTERNAL-ID and body', async () => {
    const { fake, client } = setup();
    await client.getB2bToken();
    fake.revokeTokens();
    const res = await client.kkiPayment(pay);
    expect(res.responseCode).toBe('2005400');
    expect(fake.state.tokenRequests).toBe(2);
    // The first send was refused before recording; the retry got through.
    const reqs = fake.requestsTo(SNAP_PATHS.payment);
    expect(reqs).toHaveLength(1);
    expect(reqs[0]?.headers['x-external-id']).toBe(res.externalId);
    expect(res.attempts).toBe(2);
  });

  it('a second invalid-token 401 is a decision, not a loop', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(401, { responseCode: '4015401', responseMessage: 'Invalid Token (B2B)' }),
    );
    const err = await client.kkiPayment(pay).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'decision',
      httpStatus: 401,
      responseCode: '4015401',
    });
    expect(fake.requestsTo(SNAP_PATHS.payment)).toHaveLength(2);
    expect(fake.state.tokenRequests).toBe(2);
  });
});

describe('retries', () => {
  it('5xx then success: same X-EXTERNAL-ID and byte-identical body (encrypted card data included)', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, (_req, n) =>
      n === 1 ? json(500, { responseCode: '5005401', responseMessage: 'Internal Server Error' }) : undefined,
    );
    const res = await client.kkiPayment({
      partnerReferenceNo: 'INV-1',
      amount,
      type: 'single',
      card: { cpan: '9360001234567890', ott: '1' },
    });
    expect(res).toMatchObject({ responseCode: '2005400', replayed: false, attempts: 2 });
    const [a, b] = fake.requestsTo(SNAP_PATHS.payment);
    expect(a?.headers['x-external-id']).toBe(b?.headers['x-external-id']);
    expect(a?.body).toBe(b?.body);
    expect(fake.state.failures).toEqual([]);
  });

  it('gives up after `retries` and reports unavailable', async () => {
    const { fake, client } = setup({ retries: 1 });
    fake.script(SNAP_PATHS.refund, () => json(503, { responseCode: '5035800', responseMessage: 'x' }));
    const err = await client
      .debitRefund({ originalPartnerReferenceNo: 'INV-1', partnerRefundNo: 'RF-1', refundAmount: amount })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuError);
    expect(err).toMatchObject({ kind: 'unavailable', reason: 'http', retryable: true, attempts: 2 });
    expect(fake.requestsTo(SNAP_PATHS.refund)).toHaveLength(2);
  });

  it('timeouts are retried, then a DokuError of kind unavailable', async () => {
    const { fake, client } = setup({ timeoutMs: 40, retries: 2 });
    fake.script(SNAP_PATHS.payment, () => new Promise<Response>(() => {}));
    const started = performance.now();
    const err = await client.kkiPayment(pay).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'unavailable',
      reason: 'timeout',
      attempts: 3,
    });
    expect(fake.requestsTo(SNAP_PATHS.payment)).toHaveLength(3);
    const ids = new Set(fake.requestsTo(SNAP_PATHS.payment).map((r) => r.headers['x-external-id']));
    expect(ids.size).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('a caller abort stops at once, without retry', async () => {
    const { fake, client } = setup({ timeoutMs: 5_000 });
    const controller = new AbortController();
    // Abort while DOKU holds the payment request: a timer started with the call would race the token
    // request on a busy machine and could abort before the payment was ever sent.
    fake.script(SNAP_PATHS.payment, () => {
      setTimeout(() => controller.abort(new Error('user left')), 20);
      return new Promise<Response>(() => {});
    });
    const p = client.kkiPayment(pay, { signal: controller.signal });
    await expect(p).rejects.toThrow('user left');
    expect(fake.requestsTo(SNAP_PATHS.payment)).toHaveLength(1);
  });

  it('network errors on Non-SNAP are retried with the same Request-Id and body', async () => {
    let calls = 0;
    const { fake, client } = setup(
      {},
      {},
      (f) =>
        (async (input: RequestInfo | URL, init?: RequestInit) => {
          calls++;
          if (calls === 1) throw new TypeError('fetch failed');
          return f(input, init);
        }) as typeof fetch,
    );
    const res = await client.deleteTokenization({ token_id: 'tok-1' }, { requestId: 'idem-7' });
    expect(res).toMatchObject({ requestId: 'idem-7', attempts: 2, data: { status: 'DELETE SUCCESS' } });
    expect(calls).toBe(2);
    expect(fake.requestsTo(NON_SNAP_PATHS.deleteTokenization)[0]?.headers['request-id']).toBe('idem-7');
  });
});

describe('409 replays are the original outcome', () => {
  it('after a 5xx, a 409 without the original is answered from the status API', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, (_req, n) =>
      n === 1
        ? json(500, { responseCode: '5005400', responseMessage: 'General Error' })
        : json(409, { responseCode: '4095400', responseMessage: 'Conflict' }),
    );
    const res = await client.kkiPayment(pay);
    expect(res).toMatchObject({
      source: 'status',
      replayed: true,
      pending: false,
      data: { latestTransactionStatus: '00' },
    });
    const status = JSON.parse(fake.requestsTo(SNAP_PATHS.status)[0]?.body ?? '');
    expect(status).toMatchObject({
      originalPartnerReferenceNo: 'INV-1',
      originalExternalId: res.externalId,
      serviceCode: '55',
    });
    expect(fake.requestsTo(SNAP_PATHS.status)[0]?.headers['x-external-id']).not.toBe(res.externalId);
  });

  it('a 409 carrying the original response returns it', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(409, {
        responseCode: '4095400',
        responseMessage: 'Conflict',
        originalResponse: { responseCode: '2005400', responseMessage: 'Successful', referenceNo: 'REF-ORIG' },
      }),
    );
    const res = await client.kkiPayment(pay, { externalId: '4242' });
    expect(res).toMatchObject({
      source: 'response',
      replayed: true,
      externalId: '4242',
      data: { referenceNo: 'REF-ORIG' },
    });
    expect(fake.requestsTo(SNAP_PATHS.status)).toHaveLength(0);
  });

  it('a replay whose status is pending is pending, and a failed original is a decision', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(409, { responseCode: '4095401', responseMessage: 'Duplicate partnerReferenceNo' }),
    );
    fake.script(SNAP_PATHS.status, (_r, n) =>
      json(200, {
        responseCode: '2005500',
        responseMessage: 'Successful',
        latestTransactionStatus: n === 1 ? '03' : '06',
        originalResponseCode: '4035405',
      }),
    );
    await expect(client.kkiPayment(pay)).resolves.toMatchObject({
      source: 'status',
      pending: true,
      replayed: true,
    });
    await expect(client.kkiPayment(pay)).rejects.toMatchObject({ kind: 'decision', responseCode: '4035405' });
  });

  it('refund replay reads refundHistory; binding replay has no status API and is in_progress', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.refund, () => json(409, { responseCode: '4095800', responseMessage: 'Conflict' }));
    fake.script(SNAP_PATHS.status, () =>
      json(200, {
        responseCode: '2005500',
        responseMessage: 'Successful',
        latestTransactionStatus: '04',
        refundHistory: [
          { partnerRefundNo: 'RF-1', refundNo: 'RFN-9', refundStatus: '00' },
          { partnerRefundNo: 'RF-3', refundNo: 'RFN-10', refundStatus: '06' },
        ],
      }),
    );
    const refund = await client.debitRefund({
      originalPartnerReferenceNo: 'INV-1',
      partnerRefundNo: 'RF-1',
      refundAmount: amount,
    });
    expect(refund).toMatchObject({ source: 'status', pending: false, replayed: true });
    const refundOf = (partnerRefundNo: string) =>
      client
        .debitRefund({ originalPartnerReferenceNo: 'INV-1', partnerRefundNo, refundAmount: amount })
        .catch((e: unknown) => e);
    expect(await refundOf('RF-2')).toMatchObject({ kind: 'in_progress', reason: 'replay_unresolved' });
    expect(await refundOf('RF-3')).toMatchObject({ kind: 'decision', reason: 'refund_failed' });

    fake.script(SNAP_PATHS.cardBind, () =>
      json(409, { responseCode: '4090100', responseMessage: 'Conflict' }),
    );
    const err = await client
      .bindCard({ card: { cpan: '9360001234567890' }, custIdMerchant: 'C1' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'in_progress',
      reason: 'replay_unresolved',
      responseCode: '4090100',
    });
  });

  it('a replay whose original was still in progress (202) is read again from the status API', async () => {
    const { fake, client } = setup();
    // DOKU's 409 carries the original answer: the refund was in progress when first asked.
    fake.script(SNAP_PATHS.refund, () =>
      json(409, {
        responseCode: '4095800',
        responseMessage: 'Conflict',
        originalResponse: { responseCode: '2025800', responseMessage: 'Request In Progress' },
      }),
    );
    const history: Record<string, string> = { 'RF-1': '00', 'RF-3': '06', 'RF-4': '03' };
    let down = false;
    fake.script(SNAP_PATHS.status, () =>
      down
        ? json(500, { responseCode: '5005500', responseMessage: 'General Error' })
        : json(200, {
            responseCode: '2005500',
            responseMessage: 'Successful',
            latestTransactionStatus: '04',
            refundHistory: Object.entries(history).map(([partnerRefundNo, refundStatus]) => ({
              partnerRefundNo,
              refundStatus,
            })),
          }),
    );
    const refundOf = (partnerRefundNo: string) =>
      client
        .debitRefund({ originalPartnerReferenceNo: 'INV-1', partnerRefundNo, refundAmount: amount })
        .catch((e: unknown) => e);
    // Settled since: the status API's word, not the original's.
    expect(await refundOf('RF-1')).toMatchObject({ source: 'status', pending: false, replayed: true });
    expect(await refundOf('RF-3')).toMatchObject({ kind: 'decision', reason: 'refund_failed' });
    // Still in progress there, not in the history yet, or the status API down: the original stands.
    expect(await refundOf('RF-4')).toMatchObject({ source: 'response', pending: true, replayed: true });
    expect(await refundOf('RF-2')).toMatchObject({ source: 'response', pending: true, replayed: true });
    down = true;
    expect(await refundOf('RF-1')).toMatchObject({ source: 'response', pending: true, replayed: true });
  });

  it('a payment replay whose original was in progress keeps the original (its issuer-app link) while DOKU says pending', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(409, {
        responseCode: '4095400',
        responseMessage: 'Conflict',
        originalResponse: {
          responseCode: '2025400',
          responseMessage: 'Request In Progress',
          webRedirectUrl: 'https://issuer.test/confirm/1',
        },
      }),
    );
    let latest = '03';
    fake.script(SNAP_PATHS.status, () =>
      json(200, { responseCode: '2005500', responseMessage: 'Successful', latestTransactionStatus: latest }),
    );
    expect(await client.kkiPayment(pay)).toMatchObject({
      source: 'response',
      pending: true,
      data: { webRedirectUrl: 'https://issuer.test/confirm/1' },
    });
    latest = '00';
    expect(await client.kkiPayment(pay)).toMatchObject({ source: 'status', pending: false });
  });

  it('Non-SNAP: 409 for a reused Request-Id is answered from order status', async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.cardRefund, (req) =>
      fake.signed(NON_SNAP_PATHS.cardRefund, req.headers['request-id'] ?? '', 409, {
        errors: { code: 'DUPLICATE_REQUEST_ID', message: 'Request-Id already used' },
      }),
    );
    const res = await client.cardRefund(
      {
        order: { invoice_number: 'INV-9' },
        payment: { original_request_id: 'r-1' },
        refund: { amount: 90000 },
      },
      { requestId: 'idem-refund-1' },
    );
    expect(res).toMatchObject({
      source: 'status',
      replayed: true,
      requestId: 'idem-refund-1',
      data: { order: { invoice_number: 'INV-9' } },
    });
    expect(fake.state.failures).toEqual([]);
  });
});

describe('decisions are not retried', () => {
  it("a 403 decline: one request, DokuError with DOKU's code", async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(403, { responseCode: '4035405', responseMessage: 'Do Not Honor' }),
    );
    const err = await client.kkiPayment(pay).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuError);
    expect(err).toMatchObject({
      kind: 'decision',
      httpStatus: 403,
      responseCode: '4035405',
      parsed: { httpStatus: 403, serviceCode: '54', caseCode: '05' },
      retryable: false,
      endpoint: 'kkiPayment',
    });
    expect(fake.requestsTo(SNAP_PATHS.payment)).toHaveLength(1);
  });

  it('a 400 field error keeps DOKU’s message and code', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.cardBind, () =>
      // KKI case 00 "General / Format Error" (seed 001), told apart by SNAP's wording.
      json(400, { responseCode: '4000100', responseMessage: 'Invalid Mandatory Field cardData' }),
    );
    const err = await client
      .bindCard({ card: { cpan: '9360001234567890' }, custIdMerchant: 'C1' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'decision',
      responseCode: '4000100',
      responseMessage: 'Invalid Mandatory Field cardData',
    });
    expect(fake.requestsTo(SNAP_PATHS.cardBind)).toHaveLength(1);
  });

  it('202 is a pending outcome, not a failure', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.payment, () =>
      json(202, { responseCode: '2025400', responseMessage: 'Request In Progress' }),
    );
    const res = await client.kkiPayment(pay);
    expect(res).toMatchObject({
      source: 'response',
      pending: true,
      httpStatus: 202,
      responseCode: '2025400',
    });
  });

  it('a 200 with a body that is not JSON is unavailable (malformed), not retried', async () => {
    const { fake, client } = setup();
    fake.script(SNAP_PATHS.status, () => new Response('<html>gateway</html>', { status: 200 }));
    const err = await client.debitStatus({ originalPartnerReferenceNo: 'INV-1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'unavailable',
      reason: 'malformed',
    });
    expect(fake.requestsTo(SNAP_PATHS.status)).toHaveLength(1);
  });
});

describe('logging', () => {
  it('never receives card data, tokens or secrets', async () => {
    const cpan = '9360009876543210';
    const ott = 'OTTSENTINEL77';
    const secret = 'SK-SENTINEL-secret-9f3a';
    const { fake, client, logs } = setup({ secretKey: secret });
    fake.script(SNAP_PATHS.refund, () =>
      json(403, { responseCode: '4035814', responseMessage: 'Insufficient Funds' }),
    );
    const errors: unknown[] = [];
    await client.bindCard({ card: { cpan, ott, expiry: '1228' }, custIdMerchant: 'C1' });
    await client.kkiPayment({ partnerReferenceNo: 'INV-1', amount, type: 'single', card: { cpan, ott } });
    await client.kkiPayment({ ...pay, bankCardToken: 'BCT-SENTINEL' });
    await client
      .debitRefund({ originalPartnerReferenceNo: 'INV-1', partnerRefundNo: 'RF-1', refundAmount: amount })
      .catch((e) => errors.push(e));
    await client
      .kkiPayment({ partnerReferenceNo: 'INV-1', amount, type: 'single', card: { cpan: `${cpan}X`, ott } })
      .catch((e) => errors.push(e));
    const { accessToken } = await client.getB2bToken();
    const cardData =
      fake.requestsTo(SNAP_PATHS.payment).map((r) => JSON.parse(r.body).cardData as string)[0] ?? '';
    expect(logs.length).toBeGreaterThan(4);
    expect(logs.map((l) => l.endpoint)).toContain('getB2bToken');
    const text =
      JSON.stringify(logs) + errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)}`).join(' ');
    for (const sentinel of [cpan, ott, secret, accessToken, 'BCT-SENTINEL', cardData.slice(0, 24)]) {
      expect(text).not.toContain(sentinel);
    }
    expect(logs.find((l) => l.endpoint === 'debitRefund')).toMatchObject({
      method: 'POST',
      path: SNAP_PATHS.refund,
      httpStatus: 403,
      responseCode: '4035814',
      outcome: 'error',
    });
    expect(fake.state.failures).toEqual([]);
  });

  it('a throwing logger does not break a call', async () => {
    const { client } = setup({
      logger: () => {
        throw new Error('log sink down');
      },
    });
    await expect(client.kkiPayment(pay)).resolves.toMatchObject({ responseCode: '2005400' });
  });
});
