import { Hono } from 'hono';
import type * as z from 'zod';
import {
  cardBindRequestSchema,
  cardRefundRequestSchema,
  cardUnbindRequestSchema,
  captureRequestSchema,
  checkoutPaymentRequestSchema,
  debitRefundRequestSchema,
  debitStatusRequestSchema,
  decryptCardData,
  deleteTokenizationRequestSchema,
  isExternalId,
  kkiPaymentRequestSchema,
  NON_SNAP_PATHS,
  nonSnapTimestamp,
  otpVerificationRequestSchema,
  parseDokuTimestamp,
  parseWire,
  paymentPageRequestSchema,
  SNAP_PATHS,
  SNAP_SERVICE_CODES,
  signNonSnap,
  snapValidationError,
  verifyB2bToken,
  verifyNonSnap,
  verifySnapSymmetric,
} from '../../src/index.js';

/** One request the fake received, after every check passed. */
export interface Recorded {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** Decrypted `cardData`, when the body had one. */
  cardPlaintext?: string;
}

/** Returns a Response to override the default answer, or undefined to fall through. */
export type Script = (req: Recorded, n: number) => Response | Promise<Response> | undefined;

export interface FakeDokuConfig {
  clientId: string;
  secretKey: string;
  /** Key `cardData` is decrypted with (the merchant's `sharedKey`); defaults to `secretKey`. */
  cardDataKey?: string;
  merchantPublicKeyPem: string;
  nonSnapClientId?: string;
  nonSnapSecretKey?: string;
  expiresIn?: number | string;
  /** Sign Non-SNAP responses (default true). */
  signResponses?: boolean;
}

const SNAP_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;
const NON_SNAP_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const snapSchemas: Record<string, { schema: z.ZodType; service: string; ok: Record<string, unknown> }> = {
  [SNAP_PATHS.cardBind]: {
    schema: cardBindRequestSchema,
    service: SNAP_SERVICE_CODES.cardBind,
    ok: {
      referenceNo: 'REF-BIND',
      redirectUrl: 'https://doku.test/otp',
      additionalInfo: { status: 'PENDING', authCode: 'AUTH-1' },
    },
  },
  [SNAP_PATHS.otpVerification]: {
    schema: otpVerificationRequestSchema,
    service: SNAP_SERVICE_CODES.otpVerify,
    ok: { originalReferenceNo: 'REF-BIND', bankCardToken: 'BCT-1', additionalInfo: { status: 'SUCCESS' } },
  },
  [SNAP_PATHS.cardUnbind]: {
    schema: cardUnbindRequestSchema,
    service: SNAP_SERVICE_CODES.cardUnbind,
    ok: { referenceNo: 'REF-UNBIND', additionalInfo: { status: 'PENDING' } },
  },
  [SNAP_PATHS.payment]: {
    schema: kkiPaymentRequestSchema,
    service: SNAP_SERVICE_CODES.payment,
    ok: { referenceNo: 'REF-PAY', webRedirectUrl: 'https://doku.test/confirm' },
  },
  [SNAP_PATHS.status]: {
    schema: debitStatusRequestSchema,
    service: SNAP_SERVICE_CODES.paymentStatus,
    ok: { originalReferenceNo: 'REF-PAY', latestTransactionStatus: '00', transactionStatusDesc: 'Success' },
  },
  [SNAP_PATHS.refund]: {
    schema: debitRefundRequestSchema,
    service: SNAP_SERVICE_CODES.refund,
    ok: { refundNo: 'RFN-1', refundTime: '2024-01-01T10:00:00+07:00' },
  },
};

const nonSnapSchemas: Record<string, { schema: z.ZodType; ok: (body: unknown) => unknown }> = {
  [NON_SNAP_PATHS.paymentPage]: {
    schema: paymentPageRequestSchema,
    ok: (b) => ({
      order: { invoice_number: (b as { order: { invoice_number: string } }).order.invoice_number },
      credit_card_payment_page: { url: 'https://sandbox.doku.test/page?x=1' },
    }),
  },
  [NON_SNAP_PATHS.capture]: {
    schema: captureRequestSchema,
    ok: () => ({
      order: { invoice_number: 'INV-1', amount: 90000 },
      payment: { type: 'CAPTURE', status: 'SUCCESS' },
    }),
  },
  [NON_SNAP_PATHS.cardRefund]: {
    schema: cardRefundRequestSchema,
    ok: (b) => ({
      order: { invoice_number: (b as { order: { invoice_number: string } }).order.invoice_number },
      refund: { amount: 90000, type: 'FULL_REFUND', status: 'SUCCESS' },
    }),
  },
  [NON_SNAP_PATHS.deleteTokenization]: {
    schema: deleteTokenizationRequestSchema,
    ok: () => ({ status: 'DELETE SUCCESS' }),
  },
  // The answer as a DOKU staging capture shows it (amount a string, extra fields).
  [NON_SNAP_PATHS.checkoutPayment]: {
    schema: checkoutPaymentRequestSchema,
    ok: (b) => {
      const req = b as {
        order: { invoice_number: string; amount: number };
        payment: { payment_due_date: number };
      };
      return {
        message: ['SUCCESS'],
        response: {
          order: {
            amount: String(req.order.amount),
            invoice_number: req.order.invoice_number,
            session_id: 'S1',
          },
          payment: {
            payment_method_types: ['KARTU_KREDIT_INDONESIA', 'CREDIT_CARD'],
            payment_due_date: req.payment.payment_due_date,
            token_id: 'tok-checkout-1',
            url: 'https://staging.doku.test/checkout-link-v2/tok-checkout-1',
            expired_date: '20240326170141',
            expired_datetime: '2024-03-26T10:01:41Z',
          },
          uuid: 2225251204135732,
          headers: { request_id: 'x', client_id: 'y' },
        },
      };
    },
  },
};

/**
 * An in-process stand-in for DOKU that checks every header and signature with the package's verify
 * functions and answers 4xx (with a `check` reason recorded) when anything is off. Tests assert
 * success, so a wrong header anywhere fails them.
 */
export function createFakeDoku(config: FakeDokuConfig) {
  const nsClientId = config.nonSnapClientId ?? config.clientId;
  const nsSecret = config.nonSnapSecretKey ?? config.secretKey;
  const state = {
    tokenRequests: 0,
    issued: new Set<string>(),
    requests: [] as Recorded[],
    /** Checks that failed (should stay empty). */
    failures: [] as string[],
    scripts: new Map<string, Script>(),
    counts: new Map<string, number>(),
    expiresIn: config.expiresIn ?? (900 as number | string),
    tokenDelayMs: 0,
  };
  const fail = (why: string) => {
    state.failures.push(why);
  };
  const headersOf = (req: Request) => Object.fromEntries(req.headers.entries());
  const app = new Hono();

  app.post(SNAP_PATHS.b2bToken, async (c) => {
    state.tokenRequests++;
    const h = c.req.raw.headers;
    const clientId = h.get('X-CLIENT-KEY') ?? '';
    const timestamp = h.get('X-TIMESTAMP') ?? '';
    const ok =
      clientId === config.clientId &&
      SNAP_TS.test(timestamp) &&
      parseDokuTimestamp(timestamp) !== null &&
      (await verifyB2bToken({
        clientId,
        timestamp,
        signature: h.get('X-SIGNATURE') ?? '',
        publicKeyPem: config.merchantPublicKeyPem,
      }));
    const body = await c.req.text();
    if (!ok || JSON.parse(body).grantType !== 'client_credentials') {
      fail('token signature');
      return c.json({ responseCode: '4017300', responseMessage: 'Unauthorized. Invalid Signature' }, 401);
    }
    if (state.tokenDelayMs) await new Promise((r) => setTimeout(r, state.tokenDelayMs));
    const accessToken = `tok-${state.tokenRequests}-${crypto.randomUUID()}`;
    state.issued.add(accessToken);
    return c.json({
      responseCode: '2007300',
      responseMessage: 'Successful',
      accessToken,
      tokenType: 'Bearer',
      expiresIn: state.expiresIn,
    });
  });

  for (const [path, spec] of Object.entries(snapSchemas)) {
    app.post(path, async (c) => {
      const h = c.req.raw.headers;
      const body = await c.req.text();
      const auth = h.get('Authorization') ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const timestamp = h.get('X-TIMESTAMP') ?? '';
      const externalId = h.get('X-EXTERNAL-ID') ?? '';
      if (!state.issued.has(token)) {
        return c.json({ responseCode: `401${spec.service}01`, responseMessage: 'Invalid Token (B2B)' }, 401);
      }
      const sigOk = await verifySnapSymmetric({
        method: 'POST',
        path,
        accessToken: token,
        body,
        timestamp,
        secretKey: config.secretKey,
        signature: h.get('X-SIGNATURE') ?? '',
      });
      const problems = [
        !sigOk && 'X-SIGNATURE',
        !(SNAP_TS.test(timestamp) && parseDokuTimestamp(timestamp)) && 'X-TIMESTAMP',
        h.get('X-PARTNER-ID') !== config.clientId && 'X-PARTNER-ID',
        !(isExternalId(externalId) && externalId.length <= 36) && 'X-EXTERNAL-ID',
        !(h.get('Content-Type') ?? '').startsWith('application/json') && 'Content-Type',
      ].filter(Boolean);
      if (problems.length) {
        fail(`${path}: ${problems.join(',')}`);
        return c.json(
          { responseCode: `401${spec.service}00`, responseMessage: 'Unauthorized. Invalid Signature' },
          401,
        );
      }
      const json = JSON.parse(body) as unknown;
      const parsed = parseWire(spec.schema, json);
      if (!parsed.success) {
        fail(`${path}: body ${parsed.issue.field}`);
        const e = snapValidationError(spec.service, parsed.issue);
        return c.json({ responseCode: e.responseCode, responseMessage: e.responseMessage }, 400);
      }
      const rec: Recorded = { path, method: 'POST', headers: headersOf(c.req.raw), body };
      const cardData = (json as { cardData?: string }).cardData;
      if (cardData !== undefined) {
        try {
          rec.cardPlaintext = await decryptCardData(cardData, config.cardDataKey ?? config.secretKey);
        } catch {
          fail(`${path}: cardData`);
          return c.json(
            { responseCode: `401${spec.service}00`, responseMessage: 'Unauthorized. cardData' },
            401,
          );
        }
      }
      state.requests.push(rec);
      const n = (state.counts.get(path) ?? 0) + 1;
      state.counts.set(path, n);
      const scripted = await state.scripts.get(path)?.(rec, n);
      if (scripted) return scripted;
      return c.json({ responseCode: `200${spec.service}00`, responseMessage: 'Successful', ...spec.ok });
    });
  }

  async function checkNonSnap(req: Request, path: string, body: string | null): Promise<string[]> {
    const h = req.headers;
    const timestamp = h.get('Request-Timestamp') ?? '';
    const requestId = h.get('Request-Id') ?? '';
    const ok = await verifyNonSnap({
      clientId: h.get('Client-Id') ?? '',
      requestId,
      timestamp,
      requestTarget: path,
      body,
      secretKey: nsSecret,
      signature: h.get('Signature') ?? '',
    });
    return [
      !ok && 'Signature',
      h.get('Client-Id') !== nsClientId && 'Client-Id',
      !(NON_SNAP_TS.test(timestamp) && parseDokuTimestamp(timestamp)) && 'Request-Timestamp',
      !(requestId.length > 0 && requestId.length <= 128) && 'Request-Id',
    ].filter((x): x is string => Boolean(x));
  }

  async function signed(
    path: string,
    requestId: string,
    status: number,
    payload: unknown,
  ): Promise<Response> {
    const text = JSON.stringify(payload);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (config.signResponses !== false) {
      const ts = nonSnapTimestamp();
      headers['Client-Id'] = nsClientId;
      headers['Request-Id'] = requestId;
      headers['Response-Timestamp'] = ts;
      headers.Signature = await signNonSnap({
        clientId: nsClientId,
        requestId,
        timestamp: ts,
        timestampHeader: 'Response-Timestamp',
        requestTarget: path,
        body: text,
        secretKey: nsSecret,
      });
    }
    return new Response(text, { status, headers });
  }

  for (const [path, spec] of Object.entries(nonSnapSchemas)) {
    app.post(path, async (c) => {
      const body = await c.req.text();
      const problems = await checkNonSnap(c.req.raw, path, body);
      const requestId = c.req.header('Request-Id') ?? '';
      if (problems.length) {
        fail(`${path}: ${problems.join(',')}`);
        return signed(path, requestId, 401, {
          errors: { code: 'INVALID_SIGNATURE', message: 'Invalid Signature' },
        });
      }
      const json = JSON.parse(body) as unknown;
      const parsed = parseWire(spec.schema, json);
      if (!parsed.success) {
        fail(`${path}: body ${parsed.issue.field}`);
        return signed(path, requestId, 400, {
          errors: { code: 'INVALID_PARAMETER', message: parsed.issue.field },
        });
      }
      const rec: Recorded = { path, method: 'POST', headers: headersOf(c.req.raw), body };
      state.requests.push(rec);
      const n = (state.counts.get(path) ?? 0) + 1;
      state.counts.set(path, n);
      const scripted = await state.scripts.get(path)?.(rec, n);
      if (scripted) return scripted;
      return signed(path, requestId, 200, spec.ok(json));
    });
  }

  app.get(`${NON_SNAP_PATHS.orderStatusPrefix}:invoice`, async (c) => {
    const path = new URL(c.req.url).pathname;
    const problems = await checkNonSnap(c.req.raw, path, null);
    if (c.req.header('Content-Type') !== undefined) problems.push('Content-Type on GET');
    const requestId = c.req.header('Request-Id') ?? '';
    if (problems.length) {
      fail(`${path}: ${problems.join(',')}`);
      return signed(path, requestId, 401, { errors: { code: 'INVALID_SIGNATURE' } });
    }
    const rec: Recorded = { path, method: 'GET', headers: headersOf(c.req.raw), body: '' };
    state.requests.push(rec);
    const key = NON_SNAP_PATHS.orderStatusPrefix;
    const n = (state.counts.get(key) ?? 0) + 1;
    state.counts.set(key, n);
    const scripted = await state.scripts.get(key)?.(rec, n);
    if (scripted) return scripted;
    return signed(path, requestId, 200, {
      order: { invoice_number: decodeURIComponent(c.req.param('invoice')), amount: 90000 },
      transaction: { status: 'SUCCESS', date: '2024-01-01T03:00:00Z', original_request_id: 'r-1' },
    });
  });

  /** `fetch` into the app, honouring the request's AbortSignal the way a real fetch does. */
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    return app.fetch(req);
  }) as typeof fetch;

  return {
    app,
    fetch: fetchImpl,
    state,
    /** Requests to one path, in order. */
    requestsTo: (path: string) => state.requests.filter((r) => r.path === path),
    script(path: string, fn: Script) {
      state.scripts.set(path, fn);
    },
    /** Forget every issued token (DOKU revoked them). */
    revokeTokens() {
      state.issued.clear();
    },
    signed,
  };
}
