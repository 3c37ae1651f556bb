// Every check DOKU makes before a SNAP request does anything: the B2B token request, then the
// token, timestamp, partner id, external id and signature of each transactional endpoint, the
// idempotency of X-EXTERNAL-ID, and body validation. Each wrong request gets DOKU's response code.
import { isKkiService } from '@kki-kit/contract';
import {
  createExternalId,
  importRsaPrivateKey,
  SNAP_PATHS,
  signB2bToken,
  signSnapSymmetric,
  snapTimestamp,
  toBase64,
  utf8,
} from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { REPLAY_HEADER } from '../src/snap/pipeline.js';
import { SANDBOX_DOKU_PRIVATE_KEY, SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { kkiTestCpan } from '../src/test-values/kki.js';
import { bindBody, cardData, ref, setup, singlePaymentBody } from './kki-support.js';

describe('B2B access token (service 73)', () => {
  it('issues a Bearer token for a correctly signed request', async () => {
    const { raw } = setup();
    const res = await raw.tokenRequest();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responseCode: '2007300',
      responseMessage: 'Successful',
      tokenType: 'Bearer',
    });
    expect(res.body.expiresIn).toBe(900);
    expect(String(res.body.accessToken).split('.')).toHaveLength(3);
    expect(res.headers.get('X-TIMESTAMP')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(res.headers.get('X-CLIENT-KEY')).toBe('MCH-0001-10791114622547');
  });

  it('works with the DOKU client', async () => {
    const { client } = setup();
    const token = await client.getB2bToken();
    expect(token.accessToken.length).toBeGreaterThan(20);
  });

  it('accepts X-TIMESTAMP with Z, with milliseconds and with +07:00', async () => {
    const { sb, raw } = setup();
    const now = sb.clock.now();
    for (const ts of [now.toISOString(), `${now.toISOString().slice(0, 19)}Z`, snapTimestamp(now)]) {
      const res = await raw.tokenRequest({ timestamp: ts });
      expect(res.status, ts).toBe(200);
    }
  });

  it.each([
    ['signed with another key', { sign: 'doku-key' }],
    ['signature over another timestamp', { sign: 'other-ts' }],
    ['signature that is not Base64', { signature: '%%%' }],
  ])('refuses a %s with 4017300', async (_name, how) => {
    const { sb, raw } = setup();
    const timestamp = snapTimestamp(sb.clock.now());
    let signature = 'signature' in how ? how.signature : '';
    if ('sign' in how && how.sign === 'doku-key') {
      signature = await signB2bToken({
        clientId: 'MCH-0001-10791114622547',
        timestamp,
        privateKeyPem: SANDBOX_DOKU_PRIVATE_KEY,
      });
    } else if ('sign' in how) {
      signature = await signB2bToken({
        clientId: 'MCH-0001-10791114622547',
        timestamp: snapTimestamp(new Date(sb.clock.nowMs() - 1000)),
        privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      });
    }
    const res = await raw.tokenRequest({ timestamp, signature });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      responseCode: '4017300',
      responseMessage: 'Unauthorized. Invalid Signature',
    });
    expect(res.body.accessToken).toBeUndefined();
  });

  it('refuses an unknown client, stale or malformed timestamps and missing headers', async () => {
    const { sb, raw } = setup();
    expect((await raw.tokenRequest({ clientKey: 'MCH-9999-1' })).body.responseCode).toBe('4017300');
    const stale = await raw.tokenRequest({
      timestamp: snapTimestamp(new Date(sb.clock.nowMs() - 10 * 60_000)),
    });
    expect(stale.status).toBe(401);
    expect(stale.body.responseCode).toBe('4017300');
    const bad = await raw.tokenRequest({ timestamp: '2024-13-01 10:00:00' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      responseCode: '4007301',
      responseMessage: 'Invalid Field Format X-TIMESTAMP',
    });
    const missing = await raw.tokenRequest({ omit: ['X-TIMESTAMP'] });
    expect(missing.body).toMatchObject({
      responseCode: '4007302',
      responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
    });
    expect((await raw.tokenRequest({ omit: ['X-SIGNATURE'] })).body.responseCode).toBe('4007302');
    expect((await raw.tokenRequest({ omit: ['X-CLIENT-KEY'] })).body.responseCode).toBe('4007302');
  });

  it('validates the body', async () => {
    const { raw } = setup();
    expect((await raw.tokenRequest({ body: '{"grantType":"password"}' })).body).toMatchObject({
      responseCode: '4007301',
      responseMessage: 'Invalid Field Format grantType',
    });
    expect((await raw.tokenRequest({ body: '{}' })).body).toMatchObject({
      responseCode: '4007302',
      responseMessage: 'Invalid Mandatory Field grantType',
    });
    expect((await raw.tokenRequest({ body: 'grantType=client_credentials' })).body.responseCode).toBe(
      '4007300',
    );
  });
});

/** One schema-valid body per transactional endpoint (auth checks come before anything else). */
async function validBodies() {
  const cpan = kkiTestCpan('mandiri');
  return [
    { name: 'card bind', path: SNAP_PATHS.cardBind, service: '01', body: await bindBody(cpan) },
    {
      name: 'otp verification',
      path: SNAP_PATHS.otpVerification,
      service: '04',
      body: {
        originalReferenceNo: '123456789012',
        otp: '123456',
        additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode: 'abc' },
      },
    },
    {
      name: 'card unbind',
      path: SNAP_PATHS.cardUnbind,
      service: '05',
      body: { tokenId: 'tok', additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' } },
    },
    { name: 'payment', path: SNAP_PATHS.payment, service: '54', body: await singlePaymentBody(cpan) },
    {
      name: 'status',
      path: SNAP_PATHS.status,
      service: '55',
      body: { originalPartnerReferenceNo: 'INV-1', serviceCode: '55' },
    },
    {
      name: 'refund',
      path: SNAP_PATHS.refund,
      service: '58',
      body: {
        originalPartnerReferenceNo: 'INV-1',
        partnerRefundNo: 'RF-1',
        refundAmount: { value: '1000.00', currency: 'IDR' },
        additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
      },
    },
  ];
}

/**
 * The case of a format or mandatory-field error: 00 on the KKI services (seed 001's "General / Format
 * Error"), SNAP's 01 / 02 on OTP verification and status.
 */
const fieldCase = (service: string, kind: 'format' | 'mandatory') =>
  isKkiService(service) ? '00' : kind === 'format' ? '01' : '02';

/** A JWT that looks like a sandbox token but is signed with the merchant's key. */
async function forgedToken(): Promise<string> {
  const b64url = (s: string | ArrayBuffer) =>
    toBase64(typeof s === 'string' ? utf8(s) : s)
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const head = b64url(JSON.stringify({ alg: 'RS256' }));
  const exp = Math.floor(Date.now() / 1000) + 900;
  const body = b64url(
    JSON.stringify({ iss: 'DOKU', clientId: 'MCH-0001-10791114622547', iat: exp - 900, exp, jti: '1' }),
  );
  const key = await importRsaPrivateKey(SANDBOX_MERCHANT_PRIVATE_KEY);
  const sig = await crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, key, utf8(`${head}.${body}`));
  return `${head}.${body}.${b64url(sig)}`;
}

describe('SNAP transactional checks, on every endpoint', async () => {
  const endpoints = await validBodies();

  describe.each(endpoints)('$name', ({ path, service, body }) => {
    it('refuses a missing, malformed, forged or expired access token with 401xx01', async () => {
      const { sb, raw } = setup();
      const code = `401${service}01`;
      expect((await raw.call(path, body, { token: null })).body.responseCode).toBe(code);
      expect((await raw.call(path, body, { token: 'not-a-token' })).body.responseCode).toBe(code);
      const forged = await raw.call(path, body, { token: await forgedToken() });
      expect(forged.status).toBe(401);
      expect(forged.body).toMatchObject({ responseCode: code, responseMessage: 'Invalid Token (B2B)' });
      const token = await raw.token();
      sb.clock.advance(901_000);
      const expired = await raw.call(path, body, { token });
      expect(expired.status).toBe(401);
      expect(expired.body.responseCode).toBe(code);
    });

    it('refuses a wrong signature or a tampered body with 401xx00', async () => {
      const { sb, raw } = setup();
      const token = await raw.token();
      const timestamp = snapTimestamp(sb.clock.now());
      const wrongKey = await signSnapSymmetric({
        method: 'POST',
        path,
        accessToken: token,
        body: JSON.stringify(body),
        timestamp,
        secretKey: 'SK-not-the-merchants-key',
      });
      const bad = await raw.call(path, body, { timestamp, signature: wrongKey });
      expect(bad.status).toBe(401);
      expect(bad.body).toMatchObject({
        responseCode: `401${service}00`,
        responseMessage: 'Unauthorized. Invalid Signature',
      });
      const signedBody = JSON.stringify({ ...body, extra: 1 });
      const tampered = await raw.call(path, body, { signedBody });
      expect(tampered.body.responseCode).toBe(`401${service}00`);
      const otherPath = await raw.call(path, body, {
        signature: await signSnapSymmetric({
          method: 'POST',
          path: `${path}x`,
          accessToken: token,
          body: JSON.stringify(body),
          timestamp,
          secretKey: 'SK-hCJ42G28TA0MKG9LE2E_1',
        }),
        timestamp,
      });
      expect(otherPath.body.responseCode).toBe(`401${service}00`);
    });

    it('checks X-TIMESTAMP: missing, malformed, stale', async () => {
      const { sb, raw } = setup();
      const missing = await raw.call(path, body, { headers: { 'X-TIMESTAMP': undefined } });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({
        responseCode: `400${service}${fieldCase(service, 'mandatory')}`,
        responseMessage: 'Invalid Mandatory Field X-TIMESTAMP',
      });
      const malformed = await raw.call(path, body, { timestamp: '26/03/2024 16:01:41' });
      expect(malformed.body).toMatchObject({
        responseCode: `400${service}${fieldCase(service, 'format')}`,
        responseMessage: 'Invalid Field Format X-TIMESTAMP',
      });
      const stale = await raw.call(path, body, {
        timestamp: snapTimestamp(new Date(sb.clock.nowMs() - 6 * 60_000)),
      });
      expect(stale.status).toBe(401);
      expect(stale.body.responseCode).toBe(`401${service}00`);
      const future = await raw.call(path, body, {
        timestamp: snapTimestamp(new Date(sb.clock.nowMs() + 6 * 60_000)),
      });
      expect(future.body.responseCode).toBe(`401${service}00`);
    });

    it('checks X-PARTNER-ID and X-EXTERNAL-ID', async () => {
      const { raw } = setup();
      const partner = await raw.call(path, body, { partnerId: 'MCH-0002-1' });
      expect(partner.status).toBe(401);
      expect(partner.body.responseCode).toBe(`401${service}00`);
      const noPartner = await raw.call(path, body, { headers: { 'X-PARTNER-ID': undefined } });
      expect(noPartner.body.responseCode).toBe(`400${service}${fieldCase(service, 'mandatory')}`);
      const noExt = await raw.call(path, body, { headers: { 'X-EXTERNAL-ID': undefined } });
      expect(noExt.body).toMatchObject({
        responseCode: `400${service}${fieldCase(service, 'mandatory')}`,
        responseMessage: 'Invalid Mandatory Field X-EXTERNAL-ID',
      });
      expect((await raw.call(path, body, { externalId: 'abc123' })).body.responseCode).toBe(
        `400${service}${fieldCase(service, 'format')}`,
      );
      expect((await raw.call(path, body, { externalId: '1'.repeat(37) })).body.responseCode).toBe(
        `400${service}${fieldCase(service, 'format')}`,
      );
    });

    it('answers a body that is not JSON with 400xx00 and a schema miss with a mandatory-field error', async () => {
      const { raw } = setup();
      const notJson = await raw.call(path, '{"broken":');
      expect(notJson.status).toBe(400);
      expect(notJson.body.responseCode).toBe(`400${service}00`);
      const empty = await raw.call(path, {});
      expect(empty.status).toBe(400);
      expect(empty.body.responseCode).toBe(`400${service}${fieldCase(service, 'mandatory')}`);
      expect(String(empty.body.responseMessage)).toMatch(/^Invalid Mandatory Field \S+/);
    });

    it('treats X-EXTERNAL-ID as unique per WIB day: other body 409xx00, same body replays', async () => {
      const { sb, raw } = setup();
      const externalId = createExternalId(sb.clock.now());
      const first = await raw.call(path, body, { externalId });
      const again = await raw.call(path, body, { externalId });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ responseCode: `409${service}00`, responseMessage: 'Conflict' });
      expect(again.body.originalResponse).toEqual(first.body);
      expect(again.headers.get(REPLAY_HEADER)).toBe('true');
      const other = await raw.call(path, { ...body, journeyId: 'x' }, { externalId });
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({ responseCode: `409${service}00`, responseMessage: 'Conflict' });
      expect(other.body.originalResponse).toBeUndefined();
      // The next WIB day the id is free again.
      sb.clock.advance(24 * 3600_000);
      raw.forgetToken();
      const nextDay = await raw.call(path, body, { externalId });
      expect(nextDay.body.responseCode).not.toBe(`409${service}00`);
    });
  });
});

describe('X-TIMESTAMP forms and concurrent replays on transactional calls', () => {
  it("takes seed 001's X-TIMESTAMP pattern: any numeric offset, no Z, no milliseconds", async () => {
    const { sb, raw } = setup();
    const now = sb.clock.now();
    const utcOffset = `${now.toISOString().slice(0, 19)}+00:00`;
    for (const timestamp of [snapTimestamp(now), utcOffset]) {
      const res = await raw.call(
        SNAP_PATHS.status,
        { originalPartnerReferenceNo: ref(), serviceCode: '55' },
        { timestamp },
      );
      expect(res.body.responseCode, timestamp).toBe('4045501');
    }
    for (const timestamp of [`${now.toISOString().slice(0, 19)}Z`, now.toISOString()]) {
      const status = await raw.call(
        SNAP_PATHS.status,
        { originalPartnerReferenceNo: ref(), serviceCode: '55' },
        { timestamp },
      );
      expect(status.body, timestamp).toMatchObject({
        responseCode: '4005501',
        responseMessage: 'Invalid Field Format X-TIMESTAMP',
      });
      const bind = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bri')), { timestamp });
      expect(bind.body.responseCode, timestamp).toBe('4000100');
    }
  });

  it('refuses an X-PARTNER-ID longer than 32 (seed 001: String(32)) as a format error', async () => {
    const { raw } = setup();
    const res = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bri')), {
      partnerId: 'P'.repeat(33),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      responseCode: '4000100',
      responseMessage: 'Invalid Field Format X-PARTNER-ID',
    });
  });

  it('runs two concurrent requests with one X-EXTERNAL-ID once', async () => {
    const { sb, raw } = setup();
    await raw.token();
    const body = await singlePaymentBody(kkiTestCpan('mandiri', undefined, 50));
    const externalId = createExternalId(sb.clock.now());
    const [a, b] = await Promise.all([
      raw.call(SNAP_PATHS.payment, body, { externalId }),
      raw.call(SNAP_PATHS.payment, body, { externalId }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const replay = a.status === 409 ? a : b;
    const first = a.status === 409 ? b : a;
    expect(replay.body.originalResponse).toEqual(first.body);
    expect(sb.ledger().payments).toHaveLength(1);
  });
});

describe('request bodies are validated field by field', () => {
  it('names the first bad field: 400xx00 on KKI services, 400xx01 format / 400xx02 mandatory on the others', async () => {
    const { raw } = setup();
    const cpan = kkiTestCpan('bri');
    const bind = await bindBody(cpan);
    const cases: Array<[string, unknown, string, string]> = [
      [
        SNAP_PATHS.cardBind,
        { ...bind, custIdMerchant: 'cust 01!' },
        '4000100',
        'Invalid Field Format custIdMerchant',
      ],
      [SNAP_PATHS.cardBind, { ...bind, cardData: '' }, '4000100', 'Invalid Mandatory Field cardData'],
      [
        SNAP_PATHS.cardBind,
        { ...bind, custIdMerchant: undefined },
        '4000100',
        'Invalid Mandatory Field custIdMerchant',
      ],
      [
        SNAP_PATHS.cardBind,
        { ...bind, additionalInfo: { channel: 'OVO' } },
        '4000100',
        'Invalid Field Format additionalInfo.channel',
      ],
      [
        SNAP_PATHS.payment,
        { ...(await singlePaymentBody(cpan)), amount: { value: '10000.5', currency: 'IDR' } },
        '4005400',
        'Invalid Field Format amount.value',
      ],
      [
        SNAP_PATHS.payment,
        { ...(await singlePaymentBody(cpan)), partnerReferenceNo: undefined },
        '4005400',
        'Invalid Mandatory Field partnerReferenceNo',
      ],
      [
        SNAP_PATHS.payment,
        { ...(await singlePaymentBody(cpan)), partnerReferenceNo: 'X'.repeat(33) },
        '4005400',
        'Invalid Field Format partnerReferenceNo',
      ],
      [
        SNAP_PATHS.cardUnbind,
        { additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' } },
        '4000500',
        'Invalid Mandatory Field tokenId',
      ],
      [
        SNAP_PATHS.status,
        { originalPartnerReferenceNo: 'INV-1', serviceCode: '99' },
        '4005501',
        'Invalid Field Format serviceCode',
      ],
      [
        SNAP_PATHS.refund,
        {
          originalPartnerReferenceNo: 'INV-1',
          refundAmount: { value: '1.00', currency: 'IDR' },
          additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
        },
        '4005800',
        'Invalid Mandatory Field partnerRefundNo',
      ],
    ];
    for (const [path, body, code, message] of cases) {
      const res = await raw.call(path, body);
      expect(res.status, `${path} ${message}`).toBe(400);
      expect(res.body, `${path} ${message}`).toMatchObject({ responseCode: code, responseMessage: message });
    }
  });

  it('answers cardData it cannot decrypt with 401xx00, and bad card content with 400xx00', async () => {
    const { raw } = setup();
    const bind = await bindBody(kkiTestCpan('bjb'));
    const wrongKey = await raw.call(SNAP_PATHS.cardBind, {
      ...bind,
      cardData: 'bm90IGNpcGhlcnRleHQ=|AAECAwQFBgcICQoLDA0ODw==',
    });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toMatchObject({
      responseCode: '4010100',
      responseMessage: 'Unauthorized. Card Data Decryption Failed',
    });
    const notPiped = await raw.call(SNAP_PATHS.cardBind, { ...bind, cardData: 'plain-text' });
    expect(notPiped.body.responseCode).toBe('4010100');
    const pay = await singlePaymentBody(kkiTestCpan('bjb'));
    const payBad = await raw.call(SNAP_PATHS.payment, {
      ...pay,
      cardData: `${pay.cardData.slice(0, -6)}AAAAA=`,
    });
    expect(payBad.body.responseCode).toBe('4015400');
    const shortCpan = await raw.call(SNAP_PATHS.cardBind, { ...bind, cardData: await cardData('12ab') });
    expect(shortCpan.body).toMatchObject({
      responseCode: '4000100',
      responseMessage: 'Invalid Field Format cardData.bankCardNo',
    });
    // Nothing of the card reaches the error message.
    expect(JSON.stringify(shortCpan.body)).not.toContain('12ab');
  });

  it('refuses an invalid CHANNEL-ID header', async () => {
    const { raw } = setup();
    const res = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('dki')), {
      headers: { 'CHANNEL-ID': 'APP' },
    });
    expect(res.body).toMatchObject({
      responseCode: '4000100',
      responseMessage: 'Invalid Field Format CHANNEL-ID',
    });
  });

  it('runs a replayed payment once and lets the DOKU client read the original outcome', async () => {
    const { sb, raw, client } = setup();
    const body = await singlePaymentBody(kkiTestCpan('bri'), '25000.00');
    const externalId = createExternalId(sb.clock.now());
    const first = await raw.call(SNAP_PATHS.payment, body, { externalId });
    const second = await raw.call(SNAP_PATHS.payment, body, { externalId });
    expect(first.status).toBe(200);
    expect(second.body.originalResponse).toEqual(first.body);
    expect(sb.ledger().payments).toHaveLength(1);
    // A different partnerReferenceNo reuse through the client: 409xx01 is read via the status API.
    const replay = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo: body.partnerReferenceNo,
      amount: { value: '25000.00', currency: 'IDR' },
      card: { cpan: kkiTestCpan('bri'), ott: '777001' },
    });
    expect(replay.replayed).toBe(true);
    expect('source' in replay && replay.source).toBe('status');
    expect(sb.ledger().payments).toHaveLength(1);
  });

  it('serves the signed path with its query string', async () => {
    const { raw } = setup();
    const res = await raw.call(`${SNAP_PATHS.status}?lang=id`, {
      originalPartnerReferenceNo: ref(),
      serviceCode: '55',
    });
    expect(res.body.responseCode).toBe('4045501');
  });
});
