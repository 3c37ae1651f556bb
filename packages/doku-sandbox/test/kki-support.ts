// Shared set-up for the KKI/SNAP sandbox tests: a sandbox with an in-process merchant that records
// notifications, the DOKU client pointed at it, and a raw signer for requests the client would
// never send (wrong signatures, stale timestamps, reused ids).
import {
  createDokuClient,
  createExternalId,
  debitNotificationSchema,
  type DokuClient,
  encryptCardData,
  kkiCardNotificationSchema,
  SNAP_PATHS,
  signB2bToken,
  signSnapSymmetric,
  snapTimestamp,
  verifySnapAsymmetric,
} from '@kki-kit/doku';
import { Hono } from 'hono';
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/app.js';
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY } from '../src/config.js';
import { SANDBOX_DOKU_PUBLIC_KEY, SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';

/** Base URL the in-process sandbox is addressed by (any host works with `app.request`). */
export const BASE = 'http://doku.sandbox.test';
/** Where the sandbox posts SNAP notifications in these tests. */
export const NOTIFY_URL = 'https://merchant.test/v1.0/debit/notify';

/** A notification the test merchant received, with its RSA signature and wire schema already checked. */
export interface ReceivedNotification {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  raw: string;
  signatureValid: boolean;
  /** The body parses with @kki-kit/doku's schema for its kind (debit notify, or card binding/unbinding). */
  schemaValid: boolean;
}

/** An in-process merchant: records SNAP notifications (verified with @kki-kit/doku) and answers 200. */
export function createTestMerchant() {
  const received: ReceivedNotification[] = [];
  let status = 200;
  const app = new Hono();
  app.post('*', async (c) => {
    const raw = await c.req.text();
    const headers = Object.fromEntries(c.req.raw.headers.entries());
    const signatureValid = await verifySnapAsymmetric({
      method: 'POST',
      path: c.req.path,
      body: raw,
      timestamp: headers['x-timestamp'] ?? '',
      signature: headers['x-signature'] ?? '',
      publicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
    });
    const body = JSON.parse(raw) as Record<string, unknown>;
    const isCard = (body.additionalInfo as { serviceCode?: unknown } | undefined)?.serviceCode !== undefined;
    const schemaValid = (isCard ? kkiCardNotificationSchema : debitNotificationSchema).safeParse(
      body,
    ).success;
    received.push({ path: c.req.path, headers, body, raw, signatureValid, schemaValid });
    return c.json(
      { responseCode: '2005600', responseMessage: 'Request has been processed successfully' },
      status as 200,
    );
  });
  return {
    app,
    received,
    /** Notifications of one topic-like kind, by `additionalInfo.serviceCode` (01/05) or debit (none). */
    of(kind: 'payment' | 'binding' | 'unbinding') {
      return received.filter((n) => {
        const svc = (n.body.additionalInfo as { serviceCode?: string } | undefined)?.serviceCode;
        return kind === 'payment' ? svc === undefined : kind === 'binding' ? svc === '01' : svc === '05';
      });
    },
    answerWith(s: number) {
      status = s;
    },
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      app.fetch(new Request(input, init))) as typeof fetch,
  };
}

/** A sandbox with a test merchant, a DOKU client on the sandbox clock, and a raw signer. */
export function setup(options: SandboxOptions = {}) {
  const merchant = createTestMerchant();
  const sb: Sandbox = createSandbox({
    snapNotificationUrl: NOTIFY_URL,
    // The test merchant has no token endpoint: RSA mode (HMAC is covered by notify-signing and the SDK suite).
    snapNotificationMode: 'rsa',
    control: true,
    fetch: merchant.fetch,
    ...options,
  });
  const sandboxFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sb.app.fetch(new Request(input, init))) as typeof fetch;
  const client: DokuClient = createDokuClient({
    baseUrl: BASE,
    clientId: DEFAULT_CLIENT_ID,
    secretKey: DEFAULT_SECRET_KEY,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
    fetch: sandboxFetch,
    now: () => sb.clock.nowMs(),
    retries: 0,
  });
  const raw = createRawSigner(sb);
  /** Waits until scheduled work and notifications are done. */
  const settle = async () => {
    await sb.clock.settled();
    await sb.notifier.idle();
  };
  return { sb, merchant, client, raw, settle, sandboxFetch };
}

/** What a raw SNAP call answered. */
export interface RawAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Overrides for a raw call: each replaces what a correct client would send. */
export interface RawCallOptions {
  token?: string | null;
  timestamp?: string;
  externalId?: string;
  partnerId?: string;
  signature?: string;
  /** Sign this body but send `body` (tampering in transit). */
  signedBody?: string;
  /** Headers to add or (with `undefined`) remove. */
  headers?: Record<string, string | undefined>;
}

/** Signs SNAP requests by hand with @kki-kit/doku's crypto. */
export function createRawSigner(sb: Sandbox) {
  let cached: string | null = null;

  async function tokenRequest(
    overrides: {
      clientKey?: string;
      timestamp?: string;
      signature?: string;
      body?: string;
      omit?: string[];
    } = {},
  ): Promise<RawAnswer> {
    const timestamp = overrides.timestamp ?? snapTimestamp(sb.clock.now());
    const clientKey = overrides.clientKey ?? DEFAULT_CLIENT_ID;
    const signature =
      overrides.signature ??
      (await signB2bToken({ clientId: clientKey, timestamp, privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY }));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-CLIENT-KEY': clientKey,
      'X-TIMESTAMP': timestamp,
      'X-SIGNATURE': signature,
    };
    for (const h of overrides.omit ?? []) delete headers[h];
    const res = await sb.app.request(`${BASE}${SNAP_PATHS.b2bToken}`, {
      method: 'POST',
      headers,
      body: overrides.body ?? JSON.stringify({ grantType: 'client_credentials' }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  }

  async function token(): Promise<string> {
    if (cached) return cached;
    const answer = await tokenRequest();
    if (answer.status !== 200) throw new Error(`token failed: ${JSON.stringify(answer.body)}`);
    cached = answer.body.accessToken as string;
    return cached;
  }

  async function call(path: string, body: unknown, opts: RawCallOptions = {}): Promise<RawAnswer> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const accessToken = opts.token === undefined ? await token() : opts.token;
    const timestamp = opts.timestamp ?? snapTimestamp(sb.clock.now());
    const signature =
      opts.signature ??
      (await signSnapSymmetric({
        method: 'POST',
        path,
        accessToken: accessToken ?? '',
        body: opts.signedBody ?? text,
        timestamp,
        secretKey: DEFAULT_SECRET_KEY,
      }));
    const headers: Record<string, string | undefined> = {
      'Content-Type': 'application/json',
      Authorization: accessToken === null ? undefined : `Bearer ${accessToken}`,
      'X-TIMESTAMP': timestamp,
      'X-SIGNATURE': signature,
      'X-PARTNER-ID': opts.partnerId ?? DEFAULT_CLIENT_ID,
      'X-EXTERNAL-ID': opts.externalId ?? createExternalId(sb.clock.now()),
      ...opts.headers,
    };
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    const res = await sb.app.request(`${BASE}${path}`, { method: 'POST', headers: clean, body: text });
    const resText = await res.text();
    return { status: res.status, body: JSON.parse(resText) as Record<string, unknown>, headers: res.headers };
  }

  return { token, tokenRequest, call, forgetToken: () => (cached = null) };
}

/** `cardData` for a CPAN (and OTT), encrypted with the default secret key. */
export async function cardData(cpan: string, ott?: string, expiry?: string): Promise<string> {
  const payload: Record<string, string> = { bankCardNo: cpan };
  if (ott !== undefined) payload.chargeToken = ott;
  if (expiry !== undefined) payload.expiryDate = expiry;
  return encryptCardData(JSON.stringify(payload), DEFAULT_SECRET_KEY);
}

let ottCounter = 100_000;
/** A fresh OTT nobody used yet. */
export function freshOtt(): string {
  ottCounter += 1;
  return String(ottCounter);
}

let refCounter = 0;
/** A fresh partner reference (≤ 32 chars). */
export function ref(prefix = 'INV'): string {
  refCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${refCounter}`;
}

/** A KKI binding request body. */
export async function bindBody(cpan: string, extra: Record<string, unknown> = {}, ott?: string) {
  return {
    cardData: await cardData(cpan, ott),
    custIdMerchant: 'CUST001',
    additionalInfo: {
      channel: 'KARTU_KREDIT_INDONESIA',
      customerName: 'Budi Santoso',
      successRegistrationUrl: 'https://merchant.test/bind/ok',
      failedRegistrationUrl: 'https://merchant.test/bind/failed',
    },
    ...extra,
  };
}

/** A single-payment request body (CPAN + OTT). */
export async function singlePaymentBody(
  cpan: string,
  amount = '150000.00',
  ott = freshOtt(),
  partnerReferenceNo = ref(),
) {
  return {
    partnerReferenceNo,
    cardData: await cardData(cpan, ott),
    chargeToken: ott,
    amount: { value: amount, currency: 'IDR' },
    additionalInfo: {
      channel: 'KARTU_KREDIT_INDONESIA',
      successPaymentUrl: 'https://merchant.test/pay/ok',
      failedPaymentUrl: 'https://merchant.test/pay/failed',
    },
  };
}

/** A token payment body (`no_auth` adds `paymentType: RECURRING`). */
export function tokenPaymentBody(
  token: string,
  amount = '99000.00',
  noAuth = false,
  partnerReferenceNo = ref(),
) {
  return {
    partnerReferenceNo,
    bankCardToken: token,
    amount: { value: amount, currency: 'IDR' },
    additionalInfo: {
      channel: 'KARTU_KREDIT_INDONESIA',
      ...(noAuth ? { paymentType: 'RECURRING' } : {}),
    },
  };
}

/** Binds a card over H2H and completes the OTP; returns the token and references. */
export async function bindH2h(
  raw: ReturnType<typeof createRawSigner>,
  cpan: string,
  custIdMerchant = 'CUST001',
) {
  const bind = await raw.call(SNAP_PATHS.cardBind, await bindBody(cpan, { custIdMerchant }), {
    headers: { 'CHANNEL-ID': 'H2H' },
  });
  if (bind.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bind.body)}`);
  const info = bind.body.additionalInfo as { authCode: string };
  const otp = await raw.call(SNAP_PATHS.otpVerification, {
    originalReferenceNo: bind.body.referenceNo,
    otp: '123456',
    additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode: info.authCode },
  });
  if (otp.status !== 200) throw new Error(`otp failed: ${JSON.stringify(otp.body)}`);
  return { token: otp.body.bankCardToken as string, referenceNo: bind.body.referenceNo as string };
}

/** Path and form body of a hosted page POST, for in-process page tests. */
export async function postForm(sb: Sandbox, url: string, fields: Record<string, string>) {
  return sb.app.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}
