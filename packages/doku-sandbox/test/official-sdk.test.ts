// DOKU's own Node SDK (doku-nodejs-library) as an independent client of the sandbox: its token
// calls, its request builder (signature, headers, card-data encryption) for the KKI calls its public
// methods refuse (their channel lists have no KARTU_KREDIT_INDONESIA), and its signature helpers on
// the notifications the sandbox sends in its default HMAC mode.
import { createRequire } from 'node:module';
import { KARTU_KREDIT_INDONESIA, SNAP_PATHS } from '@kki-kit/doku';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  KKI_TEST_OTP,
  kkiTestCpan,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
  SANDBOX_MERCHANT_PUBLIC_KEY,
  type SandboxServer,
  startSandboxServer,
} from '../src/index.js';

const require = createRequire(import.meta.url);
type Json = Record<string, unknown>;
// The SDK is CommonJS without types: each piece used is described by what this suite calls.
const SdkConfig = require('doku-nodejs-library/_commons/config') as { CORE_SANDBOX_BASE_URL: string };
const Snap = require('doku-nodejs-library/_modules/snap') as new (
  options: Json,
) => {
  getTokenB2B(): Promise<{ accessToken: string; expiresIn: number }>;
  getTokenB2B2c(authCode: string): Promise<Json>;
  validateSignatureAndGenerateToken(request: ExpressLike): { header: Json; body: Json };
  tokenB2B: string;
};
const DirectDebitController = require('doku-nodejs-library/_controllers/directDebitController') as new () => {
  doRegistrationCardBind(
    dto: Json,
    clientId: string,
    token: string,
    secret: string,
    prod: boolean,
  ): Promise<Json>;
  doPayment(
    dto: Json,
    privateKey: string,
    clientId: string,
    token: string,
    customerToken: string,
    secret: string,
    prod: boolean,
    ip: string,
    deviceId: string,
  ): Promise<Json>;
  doCheckStatus(dto: Json, clientId: string, token: string, secret: string, prod: boolean): Promise<Json>;
  doRefund(
    dto: Json,
    privateKey: string,
    clientId: string,
    token: string,
    customerToken: string,
    secret: string,
    prod: boolean,
    ip: string,
    deviceId: string,
  ): Promise<Json>;
  doUnRegistCardUnBind(
    dto: Json,
    clientId: string,
    token: string,
    secret: string,
    prod: boolean,
  ): Promise<Json>;
};
const TokenController = require('doku-nodejs-library/_controllers/tokenController') as new () => {
  validateSignatureSymmetric(request: ExpressLike, token: string, secret: string, path: string): boolean;
};
const tokenService = require('doku-nodejs-library/_services/tokenService') as {
  generateTimestamp(): string;
  generateSymmetricSignature(
    m: string,
    path: string,
    token: string,
    body: Json,
    ts: string,
    secret: string,
  ): string;
};
const requestHeader = require('doku-nodejs-library/_commons/requestHeader') as {
  generateRequestHeader(input: Json): Record<string, string | undefined>;
};
const directDebitService = require('doku-nodejs-library/_services/directDebitService') as {
  encryptCbc(plain: string, secret: string): string;
};

/** The slice of an Express request the SDK's notification helpers read. */
interface ExpressLike {
  get(name: string): string | undefined;
  body: Json;
  route: { path: string };
}

const MERCHANT = 'https://merchant.test';
const NOTIFY_PATH = '/v1.0/debit/notify';
const TOKEN_PATH = '/merchant/access-token/b2b';

/** What the test merchant saw: each notification and whether the SDK's helper verified it. */
const seen: { path: string; body: Json; sdkVerified: boolean }[] = [];
let issuedToken = '';

/**
 * The SDK's answer body, also for a 4xx (axios rejects those). Some SDK calls hand back the whole
 * axios response, others its body or a DTO built from it.
 */
async function body(call: Promise<Json>): Promise<Json> {
  try {
    const answer = await call;
    return 'config' in answer && typeof answer.data === 'object' ? (answer.data as Json) : answer;
  } catch (err) {
    const data = (err as { response?: { data?: Json } }).response?.data;
    if (data) return data;
    throw err;
  }
}

describe('doku-nodejs-library 1.0.52 against the sandbox', () => {
  let server: SandboxServer;
  let snap: InstanceType<typeof Snap>;
  const dd = new DirectDebitController();

  /** A merchant whose token endpoint and notification check are the SDK's own. */
  const merchantFetch: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    const json = JSON.parse(await req.text()) as Json;
    const express: ExpressLike = {
      get: (name) => req.headers.get(name) ?? undefined,
      body: json,
      route: { path },
    };
    if (path === TOKEN_PATH) {
      const answer = snap.validateSignatureAndGenerateToken(express);
      issuedToken = String(answer.body.accessToken ?? '');
      return Response.json(answer.body, { status: issuedToken ? 200 : 401 });
    }
    const bearer = (req.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    const sdkVerified =
      bearer === issuedToken &&
      new TokenController().validateSignatureSymmetric(express, bearer, DEFAULT_SECRET_KEY, path);
    seen.push({ path, body: json, sdkVerified });
    return Response.json({ responseCode: '2005600', responseMessage: 'Successful' });
  };

  beforeAll(async () => {
    // Default config: HMAC notifications (DOKU's current docs), which the SDK can verify.
    server = await startSandboxServer({
      snapNotificationUrl: `${MERCHANT}${NOTIFY_PATH}`,
      snapNotificationTokenUrl: `${MERCHANT}${TOKEN_PATH}`,
      fetch: merchantFetch,
    });
    // The SDK has DOKU's hosts built in; its sandbox host is pointed at this sandbox.
    SdkConfig.CORE_SANDBOX_BASE_URL = server.url;
    snap = new Snap({
      isProduction: false,
      privateKey: SANDBOX_MERCHANT_PRIVATE_KEY,
      clientID: DEFAULT_CLIENT_ID,
      publicKey: SANDBOX_MERCHANT_PUBLIC_KEY,
      dokuPublicKey: SANDBOX_DOKU_PUBLIC_KEY,
      issuer: 'kki-kit merchant',
      secretKey: DEFAULT_SECRET_KEY,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A KKI call through the SDK's request builder (its signature and header helpers). */
  async function builderCall(
    path: string,
    dto: Json,
    channelId?: string,
  ): Promise<{ status: number; body: Json }> {
    const timestamp = tokenService.generateTimestamp();
    const signature = tokenService.generateSymmetricSignature(
      'POST',
      path,
      snap.tokenB2B,
      dto,
      timestamp,
      DEFAULT_SECRET_KEY,
    );
    const h = requestHeader.generateRequestHeader({
      timestamp,
      signature,
      clientId: DEFAULT_CLIENT_ID,
      externalId: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
      tokenB2B: snap.tokenB2B,
      ...(channelId && { channelId }),
    });
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-PARTNER-ID': h.xPartnerId ?? '',
        'X-TIMESTAMP': h.xTimestamp ?? '',
        'X-SIGNATURE': h.xSignature ?? '',
        'X-EXTERNAL-ID': h.xExternalId ?? '',
        Authorization: `Bearer ${h.authorization}`,
        ...(h.xChannelId && { 'CHANNEL-ID': h.xChannelId }),
      },
      body: JSON.stringify(dto),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  const encrypted = (serial: number) =>
    directDebitService.encryptCbc(
      JSON.stringify({ bankCardNo: kkiTestCpan('bri', undefined, serial) }),
      DEFAULT_SECRET_KEY,
    );

  it('gets a B2B token', async () => {
    const token = await snap.getTokenB2B();
    expect(token.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(token.expiresIn).toBe(900);
  });

  it('binds a card on the DOKU-hosted page (the SDK sends CHANNEL-ID DH) with its own card-data encryption', async () => {
    await snap.getTokenB2B();
    const answer = await body(
      dd.doRegistrationCardBind(
        {
          cardData: { bankCardNo: kkiTestCpan('mandiri', undefined, 71) },
          custIdMerchant: 'SDKCUST1',
          additionalInfo: { channel: KARTU_KREDIT_INDONESIA, successRegistrationUrl: `${MERCHANT}/ok` },
        },
        DEFAULT_CLIENT_ID,
        snap.tokenB2B,
        DEFAULT_SECRET_KEY,
        false,
      ),
    );
    expect(answer).toMatchObject({ responseCode: '2000100', additionalInfo: { status: 'PENDING' } });
    expect(String(answer.redirectUrl)).toContain('/kki/otp/');
  });

  it('binds H2H, gets a B2B2C token, pays, checks status, refunds and unbinds', async () => {
    await snap.getTokenB2B();
    // Binding, H2H: the OTP goes to DOKU's API; the authCode doubles as the B2B2C grant.
    const bind = await builderCall(
      SNAP_PATHS.cardBind,
      {
        cardData: encrypted(72),
        custIdMerchant: 'SDKCUST2',
        additionalInfo: { channel: KARTU_KREDIT_INDONESIA },
      },
      'H2H',
    );
    expect(bind).toMatchObject({ status: 200, body: { responseCode: '2000100' } });
    const authCode = String((bind.body.additionalInfo as Json).authCode);
    const otp = await builderCall(SNAP_PATHS.otpVerification, {
      originalReferenceNo: bind.body.referenceNo,
      otp: KKI_TEST_OTP.correct,
      additionalInfo: { channel: KARTU_KREDIT_INDONESIA, authCode },
    });
    expect(otp.body).toMatchObject({ responseCode: '2000400', additionalInfo: { status: 'SUCCESS' } });
    const bankCardToken = String(otp.body.bankCardToken);

    const customer = await snap.getTokenB2B2c(authCode);
    expect(customer).toMatchObject({ responseCode: '2007400', tokenType: 'Bearer' });
    expect(String(customer.accessToken)).not.toBe('');
    const refused = await body(snap.getTokenB2B2c('not-an-auth-code'));
    expect(refused).toMatchObject({ responseCode: '4017400' });

    // Payment with token, its line item priced as a number (the SDK's model types price so).
    const partnerReferenceNo = `SDK${Date.now()}`;
    const pay = await body(
      dd.doPayment(
        {
          partnerReferenceNo,
          amount: { value: '80000.00', currency: 'IDR' },
          bankCardToken,
          additionalInfo: {
            channel: KARTU_KREDIT_INDONESIA,
            lineItems: [{ name: 'Kopi', price: 80000, quantity: 1 }],
          },
        },
        SANDBOX_MERCHANT_PRIVATE_KEY,
        DEFAULT_CLIENT_ID,
        snap.tokenB2B,
        String(customer.accessToken),
        DEFAULT_SECRET_KEY,
        false,
        '127.0.0.1',
        'sdk-device',
      ),
    );
    // The SDK's payment DTO keeps the code and the issuer-app link (it drops additionalInfo).
    expect(pay).toMatchObject({ responseCode: '2005400' });
    expect(String(pay.webRedirectUrl)).toContain('/kki/issuer-app/');
    expect(server.sandbox.kki.approve(partnerReferenceNo)).toBe('succeeded');

    const status = await body(
      dd.doCheckStatus(
        { originalPartnerReferenceNo: partnerReferenceNo, serviceCode: '55', additionalInfo: {} },
        DEFAULT_CLIENT_ID,
        snap.tokenB2B,
        DEFAULT_SECRET_KEY,
        false,
      ),
    );
    expect(status).toMatchObject({ responseCode: '2005500', latestTransactionStatus: '00' });

    const refund = await body(
      dd.doRefund(
        {
          originalPartnerReferenceNo: partnerReferenceNo,
          partnerRefundNo: `R${partnerReferenceNo}`,
          refundAmount: { value: '30000.00', currency: 'IDR' },
          reason: 'SDK partial refund',
          additionalInfo: { channel: KARTU_KREDIT_INDONESIA },
        },
        SANDBOX_MERCHANT_PRIVATE_KEY,
        DEFAULT_CLIENT_ID,
        snap.tokenB2B,
        String(customer.accessToken),
        DEFAULT_SECRET_KEY,
        false,
        '127.0.0.1',
        'sdk-device',
      ),
    );
    expect(refund).toMatchObject({ responseCode: '2005800', refundAmount: { value: '30000.00' } });

    const unbind = await body(
      dd.doUnRegistCardUnBind(
        { tokenId: bankCardToken, additionalInfo: { channel: KARTU_KREDIT_INDONESIA } },
        DEFAULT_CLIENT_ID,
        snap.tokenB2B,
        DEFAULT_SECRET_KEY,
        false,
      ),
    );
    expect(unbind).toMatchObject({ responseCode: '2000500' });

    // The payment's notification, in HMAC mode, verified by the SDK's own helper.
    await server.sandbox.notifier.idle();
    const notified = seen.filter((n) => n.body.originalPartnerReferenceNo === partnerReferenceNo);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({
      path: NOTIFY_PATH,
      sdkVerified: true,
      body: { latestTransactionStatus: '00' },
    });
  });

  it('an unknown SNAP path answers a SNAP error body', async () => {
    const res = await builderCall('/direct-debit/core/v1/no-such-service', { additionalInfo: {} });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ responseCode: '4040000', responseMessage: 'Not Found' });
  });
});
