import { describe, expect, it } from 'vitest';
import {
  createDokuClient,
  DokuError,
  DokuRequestError,
  NON_SNAP_PATHS,
  resolveBaseUrl,
  SNAP_PATHS,
  signSnapAsymmetric,
} from '../src/index.js';
import { amount, CLIENT_ID, KKI, NS_CLIENT_ID, setup } from './support/setup.js';
import { pem } from './vectors.js';

const CPAN = '9360001234567890';
const OTT = '483920';

describe('SNAP endpoints: every header and signature checked by the fake DOKU', () => {
  it('bindCard encrypts CPAN and expiry, sends CHANNEL-ID and the KKI channel', async () => {
    const { fake, client } = setup();
    const res = await client.bindCard({
      card: { cpan: '9360 0012 3456 7890', expiry: '1228' },
      custIdMerchant: 'CUST001',
      additionalInfo: { customerName: 'Budi', email: 'budi@example.com' },
    });
    expect(fake.state.failures).toEqual([]);
    expect(res).toMatchObject({
      source: 'response',
      responseCode: '2000100',
      httpStatus: 200,
      pending: false,
      replayed: false,
    });
    expect(res.data.redirectUrl).toBe('https://doku.test/otp');
    const [req] = fake.requestsTo(SNAP_PATHS.cardBind);
    expect(req?.headers['channel-id']).toBe('DH');
    expect(req?.headers['x-external-id']).toBe(res.externalId);
    expect(res.externalId).toMatch(/^\d{1,36}$/);
    expect(JSON.parse(req?.cardPlaintext ?? '')).toEqual({ bankCardNo: CPAN, expiryDate: '1228' });
    const body = JSON.parse(req?.body ?? '');
    expect(body.additionalInfo).toEqual({ channel: KKI, customerName: 'Budi', email: 'budi@example.com' });
    expect(req?.body).not.toContain(CPAN);
  });

  it('bindCard encrypts cardData with cardDataKey (the sharedKey) when one is given, not the secret key', async () => {
    const sharedKey = 'SHARED-0123456789abcdef';
    const { fake, client } = setup({ cardDataKey: sharedKey }, { cardDataKey: sharedKey });
    await client.bindCard({ card: { cpan: CPAN, expiry: '1228' }, custIdMerchant: 'CUST001' });
    expect(fake.state.failures).toEqual([]);
    expect(JSON.parse(fake.requestsTo(SNAP_PATHS.cardBind)[0]?.cardPlaintext ?? '')).toEqual({
      bankCardNo: CPAN,
      expiryDate: '1228',
    });
    // A DOKU holding the same sharedKey refuses card data made with the secret key.
    const other = setup({}, { cardDataKey: sharedKey });
    await expect(
      other.client.bindCard({ card: { cpan: CPAN, expiry: '1228' }, custIdMerchant: 'CUST001' }),
    ).rejects.toMatchObject({ httpStatus: 401 });
    expect(other.fake.state.failures).toEqual([`${SNAP_PATHS.cardBind}: cardData`]);
  });

  it('sends the same card data again for a request sent again under its X-EXTERNAL-ID, fresh otherwise', async () => {
    const { fake, client } = setup();
    const bind = (externalId?: string) =>
      client.bindCard(
        { card: { cpan: CPAN, expiry: '1228' }, custIdMerchant: 'CUST001' },
        externalId === undefined ? {} : { externalId },
      );
    await bind('1001');
    await bind('1001');
    await bind('1002');
    await bind();
    await bind();
    expect(fake.state.failures).toEqual([]);
    const sent = fake.requestsTo(SNAP_PATHS.cardBind).map((r) => JSON.parse(r.body).cardData as string);
    // A retry of request 1001 is byte for byte the first (DOKU answers it as a replay, not a conflict).
    expect(sent[1]).toBe(sent[0]);
    expect(new Set(sent).size).toBe(4);
    for (const r of fake.requestsTo(SNAP_PATHS.cardBind)) {
      expect(JSON.parse(r.cardPlaintext ?? '')).toEqual({ bankCardNo: CPAN, expiryDate: '1228' });
    }
  });

  it('verifyOtp and unbindCard (channelId key, H2H, X-IP-ADDRESS)', async () => {
    const { fake, client } = setup();
    const otp = await client.verifyOtp({
      originalReferenceNo: 'REF-BIND',
      authCode: 'AUTH-1',
      otp: '123456',
    });
    expect(otp.data.bankCardToken).toBe('BCT-1');
    expect(JSON.parse(fake.requestsTo(SNAP_PATHS.otpVerification)[0]?.body ?? '')).toEqual({
      originalReferenceNo: 'REF-BIND',
      otp: '123456',
      additionalInfo: { channel: KKI, authCode: 'AUTH-1' },
    });
    const unbind = await client.unbindCard({ tokenId: 'BCT-1' }, { channelId: 'H2H', ipAddress: '10.0.0.1' });
    expect(unbind.responseCode).toBe('2000500');
    const [req] = fake.requestsTo(SNAP_PATHS.cardUnbind);
    expect(JSON.parse(req?.body ?? '')).toEqual({ tokenId: 'BCT-1', additionalInfo: { channelId: KKI } });
    expect(req?.headers['channel-id']).toBe('H2H');
    expect(req?.headers['x-ip-address']).toBe('10.0.0.1');
    // Without options, unbinding is H2H (seed 001: a plain success without redirect), binding DH.
    await client.unbindCard({ tokenId: 'BCT-2' });
    expect(fake.requestsTo(SNAP_PATHS.cardUnbind)[1]?.headers['channel-id']).toBe('H2H');
    expect(fake.state.failures).toEqual([]);
  });

  it('kkiPayment: the four payment types', async () => {
    const { fake, client } = setup();
    const base = { partnerReferenceNo: 'INV-1', amount };
    await client.kkiPayment({ ...base, type: 'single', card: { cpan: CPAN, ott: OTT } });
    await client.kkiPayment({
      ...base,
      type: 'bind_and_pay',
      card: { cpan: CPAN, ott: OTT },
      custIdMerchant: 'CUST001',
    });
    await client.kkiPayment({ ...base, type: 'token', bankCardToken: 'BCT-1' });
    const last = await client.kkiPayment({ ...base, type: 'no_auth', bankCardToken: 'BCT-1' });
    expect(last).toMatchObject({ source: 'response', responseCode: '2005400' });
    expect(fake.state.failures).toEqual([]);
    const reqs = fake.requestsTo(SNAP_PATHS.payment);
    const bodies = reqs.map((r) => JSON.parse(r.body));
    expect(JSON.parse(reqs[0]?.cardPlaintext ?? '')).toEqual({ bankCardNo: CPAN, chargeToken: OTT });
    expect(bodies[0]).toMatchObject({
      partnerReferenceNo: 'INV-1',
      chargeToken: OTT,
      amount,
      additionalInfo: { channel: KKI },
    });
    expect(bodies[0].bankCardToken).toBeUndefined();
    expect(bodies[1].additionalInfo).toEqual({ channel: KKI, isBindAndPay: true, custIdMerchant: 'CUST001' });
    expect(bodies[2]).toEqual({
      partnerReferenceNo: 'INV-1',
      bankCardToken: 'BCT-1',
      amount,
      additionalInfo: { channel: KKI },
    });
    expect(bodies[3].additionalInfo).toEqual({ channel: KKI, paymentType: 'RECURRING' });
    // One token for four calls; four distinct external ids.
    expect(fake.state.tokenRequests).toBe(1);
    expect(new Set(reqs.map((r) => r.headers['x-external-id'])).size).toBe(4);
  });

  it('debitStatus and debitRefund, with a caller-chosen X-EXTERNAL-ID', async () => {
    const { fake, client } = setup();
    const status = await client.debitStatus(
      { originalPartnerReferenceNo: 'INV-1' },
      { externalId: '123456789012345678901234567890123456' },
    );
    expect(status.externalId).toBe('123456789012345678901234567890123456');
    expect(status.data.latestTransactionStatus).toBe('00');
    expect(JSON.parse(fake.requestsTo(SNAP_PATHS.status)[0]?.body ?? '')).toEqual({
      originalPartnerReferenceNo: 'INV-1',
      serviceCode: '55',
      additionalInfo: { channel: KKI },
    });
    const refund = await client.debitRefund({
      originalPartnerReferenceNo: 'INV-1',
      partnerRefundNo: 'RF-1',
      refundAmount: amount,
    });
    expect(refund).toMatchObject({
      source: 'response',
      responseCode: '2005800',
      data: { refundNo: 'RFN-1' },
    });
    expect(fake.state.failures).toEqual([]);
  });

  it('rejects input the wire schema refuses, naming the field and not the value', async () => {
    const { fake, client } = setup();
    const err = await client
      .kkiPayment({
        partnerReferenceNo: 'INV-1',
        amount,
        type: 'single',
        card: { cpan: 'ABCD-SECRET', ott: OTT },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuRequestError);
    expect((err as DokuRequestError).field).toBe('card.cpan');
    expect(String((err as Error).message)).not.toContain('ABCD-SECRET');
    const tooLong = await client
      .kkiPayment({ partnerReferenceNo: 'x'.repeat(33), amount, type: 'token', bankCardToken: 'BCT-1' })
      .catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ field: 'partnerReferenceNo', issue: 'format' });
    await expect(
      client.debitStatus({ originalPartnerReferenceNo: 'INV-1' }, { externalId: 'abc' }),
    ).rejects.toMatchObject({
      field: 'X-EXTERNAL-ID',
    });
    expect(fake.state.requests).toHaveLength(0);
  });
});

describe('Non-SNAP endpoints', () => {
  const page = {
    order: { invoice_number: 'INV-20210118-0001', amount: 90000, auto_redirect: false },
    customer: { id: 'CUST-0001', email: 'jotaro@example.com' },
    payment: { type: 'INSTALLMENT' as const, acquirer: 'BRI' as const, tenor: 3 },
  };

  it('payment page, capture, refund, delete tokenization, order status (GET, no Digest)', async () => {
    const { fake, client } = setup();
    const pp = await client.createPaymentPage(page, { requestId: 'idem-key-1' });
    expect(pp).toMatchObject({
      source: 'response',
      httpStatus: 200,
      replayed: false,
      requestId: 'idem-key-1',
    });
    expect(pp.data.credit_card_payment_page.url).toContain('https://');
    const cap = await client.capture({ payment: { authorize_id: '12312391719112', capture_amount: 90000 } });
    expect(cap.data.payment.status).toBe('SUCCESS');
    const refund = await client.cardRefund({
      order: { invoice_number: 'INV-1' },
      payment: { original_request_id: 'idem-key-1' },
      refund: { amount: 90000 },
    });
    expect(refund).toMatchObject({ source: 'response', data: { refund: { status: 'SUCCESS' } } });
    const del = await client.deleteTokenization({ token_id: 'tok-abc', customer_id: '000000001' });
    expect(del.data.status).toBe('DELETE SUCCESS');
    const st = await client.orderStatus('INV 1/2');
    expect(st.data.order.invoice_number).toBe('INV 1/2');
    expect(fake.state.failures).toEqual([]);
    const get = fake.state.requests.at(-1);
    expect(get).toMatchObject({ method: 'GET', path: '/orders/v1/status/INV%201%2F2' });
    expect(fake.state.requests.every((r) => r.headers['client-id'] === NS_CLIENT_ID)).toBe(true);
  });

  it('Non-SNAP keys default to the SNAP ones', async () => {
    const { fake, client } = setup(
      { nonSnapClientId: undefined, nonSnapSecretKey: undefined },
      { nonSnapClientId: CLIENT_ID, nonSnapSecretKey: 'SK-tDzY6MSLBWlNXy3qCsUU' },
    );
    await client.deleteTokenization({ token_id: 'tok-abc' });
    expect(fake.state.failures).toEqual([]);
    expect(fake.state.requests[0]?.headers['client-id']).toBe(CLIENT_ID);
  });

  it('rejects a response whose signature does not verify', async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.capture, async (req) => {
      const good = await fake.signed(NON_SNAP_PATHS.capture, req.headers['request-id'] ?? '', 200, {
        order: { invoice_number: 'INV-1' },
        payment: { status: 'SUCCESS' },
      });
      // Same signature, body changed in transit.
      return new Response(
        JSON.stringify({ order: { invoice_number: 'INV-1' }, payment: { status: 'FAILED' } }),
        {
          status: 200,
          headers: good.headers,
        },
      );
    });
    const err = await client.capture({ payment: { authorize_id: 'A1' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuError);
    expect(err).toMatchObject({
      kind: 'unavailable',
      reason: 'bad_signature',
    });
    expect(fake.requestsTo(NON_SNAP_PATHS.capture)).toHaveLength(1);
  });

  it("a 4xx error body is a decision with DOKU's code and message", async () => {
    const { fake, client } = setup();
    fake.script(NON_SNAP_PATHS.paymentPage, (req) =>
      fake.signed(NON_SNAP_PATHS.paymentPage, req.headers['request-id'] ?? '', 400, {
        errors: {
          code: 'INVALID_PARAMETER',
          message: 'Invalid Total Amount And Line Items',
          type: 'Invalid Parameter',
        },
      }),
    );
    const err = await client.createPaymentPage(page).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'decision',
      httpStatus: 400,
      responseCode: 'INVALID_PARAMETER',
      responseMessage: 'Invalid Total Amount And Line Items',
      retryable: false,
      attempts: 1,
    });
    expect(fake.requestsTo(NON_SNAP_PATHS.paymentPage)).toHaveLength(1);
  });
});

describe('options and helpers', () => {
  it('resolves sandbox and production hosts', () => {
    expect(resolveBaseUrl('sandbox')).toBe('https://api-sandbox.doku.com');
    expect(resolveBaseUrl('production')).toBe('https://api.doku.com');
    expect(resolveBaseUrl('http://localhost:8788/')).toBe('http://localhost:8788');
  });

  it('calls the configured host', async () => {
    const urls: string[] = [];
    const client = createDokuClient({
      baseUrl: 'sandbox',
      clientId: CLIENT_ID,
      secretKey: 'SK-x',
      privateKeyPem: pem('merchant-private.pem'),
      fetch: (async (input: RequestInfo | URL) => {
        urls.push(String(input));
        return new Response(
          '{"responseCode":"2007300","responseMessage":"ok","accessToken":"t","expiresIn":900}',
        );
      }) as typeof fetch,
    });
    await client.getB2bToken();
    expect(urls).toEqual(['https://api-sandbox.doku.com/authorization/v1/access-token/b2b']);
  });

  it('verifies RSA-mode notifications with the DOKU public key', async () => {
    const { client } = setup({ dokuPublicKeyPem: pem('doku-public.pem') });
    const body = '{"originalReferenceNo":"R1"}';
    const timestamp = '2024-03-26T16:01:41+07:00';
    const signature = await signSnapAsymmetric({
      method: 'POST',
      path: '/notify',
      body,
      timestamp,
      privateKeyPem: pem('doku-private.pem'),
    });
    expect(await client.verifyNotificationRsa({ path: '/notify', body, timestamp, signature })).toBe(true);
    expect(
      await client.verifyNotificationRsa({
        path: '/notify',
        body: `${body} `.replace('R1', 'R2'),
        timestamp,
        signature,
      }),
    ).toBe(false);
  });
});
