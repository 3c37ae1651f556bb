// The browser's checks of BFF answers (instead of zod): what the contract's schemas accept and the UI
// relies on passes, and an answer that could mislead or endanger the shopper is refused.
import {
  bindingViewSchema,
  createKkiError,
  KKI_ERROR_CODES,
  kkiErrorFromApiErrorBody,
  type PaymentView,
  toApiErrorBody,
} from '@kki-kit/contract';
import { describe, expect, it, vi } from 'vitest';
import { createKkiClient, readErrorBody } from '../src/bff-client.js';
import { KkiRequestError } from '../src/request-error.js';
import { isUsableResponse } from '../src/response-checks.js';
import { payment, T0 } from './fixtures.js';

const waiting = (nextAction: unknown) => ({ ...payment(), nextAction }) as unknown as PaymentView;
const issuerApp = (url: string) => ({ type: 'issuer_app', url, issuer: 'bri', expiresAt: T0 });

describe('isUsableResponse', () => {
  it('accepts the views the contract describes', () => {
    expect(isUsableResponse('getPayment', payment())).toBe(true);
    expect(isUsableResponse('getPayment', waiting(issuerApp('https://app.bri.test/k')))).toBe(true);
    // DOKU's appRedirectUrl opens the issuer's app by its own scheme.
    expect(isUsableResponse('getPayment', waiting(issuerApp('brimo://kki/confirm?x=1')))).toBe(true);
    const failed = payment({ status: 'failed', error: createKkiError('card_declined', { locale: 'en' }) });
    expect(isUsableResponse('getPayment', failed)).toBe(true);
    const binding = bindingViewSchema.parse({
      id: 'bind_test0001',
      mode: 'otp',
      status: 'pending',
      maskedCpan: '936000******5678',
      issuer: 'bri',
      nextAction: { type: 'otp_input', expiresAt: T0, attemptsLeft: 3 },
      cardId: null,
      error: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(isUsableResponse('verifyBindingOtp', binding)).toBe(true);
    const card = {
      id: 'card_test0001',
      maskedCpan: '936000******5678',
      issuer: 'bri',
      issuerName: 'BRI',
      addedAt: T0,
      status: 'active',
    };
    expect(isUsableResponse('listSavedCards', { cards: [card] })).toBe(true);
    expect(
      isUsableResponse('removeSavedCard', { removed: false, card, redirectUrl: 'https://doku.test/u' }),
    ).toBe(true);
  });

  it('refuses links and frames that could run script, and types the UI does not know', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(isUsableResponse('getPayment', waiting(issuerApp(url))), url).toBe(false);
      expect(isUsableResponse('getPayment', waiting({ type: 'card_page', url, expiresAt: T0 })), url).toBe(
        false,
      );
    }
    // Pages the browser frames or navigates to are web pages only.
    expect(
      isUsableResponse('getPayment', waiting({ type: 'card_page', url: 'brimo://x', expiresAt: T0 })),
    ).toBe(false);
    expect(isUsableResponse('getPayment', waiting({ type: 'otp_input', expiresAt: T0 }))).toBe(false);
    expect(isUsableResponse('getPayment', waiting({ type: 'bank_transfer' }))).toBe(false);
    const card = { id: 'card_test0001', maskedCpan: '936000******5678', status: 'active', addedAt: T0 };
    expect(isUsableResponse('removeSavedCard', { removed: false, card })).toBe(true);
    expect(isUsableResponse('removeSavedCard', { removed: false, card, redirectUrl: 'javascript:x' })).toBe(
      false,
    );
  });

  it('refuses unknown statuses, ids of the wrong kind, amounts and dates it cannot show, broken errors', () => {
    const p = payment();
    expect(isUsableResponse('getPayment', { ...p, status: 'settled' })).toBe(false);
    expect(isUsableResponse('getPayment', { ...p, id: 'ord_test0001' })).toBe(false);
    expect(isUsableResponse('getPayment', { ...p, amount: '150000' })).toBe(false);
    expect(isUsableResponse('getPayment', { ...p, refundableAmount: 1.5 })).toBe(false);
    expect(isUsableResponse('getPayment', { ...p, status: 'failed', error: { code: 'x' } })).toBe(false);
    expect(isUsableResponse('getPayment', null)).toBe(false);
    expect(isUsableResponse('getOrder', { id: 'ord_test0001', amount: -1, status: 'open' })).toBe(false);
    const refund = { id: 'ref_test0001', status: 'pending', amount: 5_000, createdAt: T0, error: null };
    expect(isUsableResponse('listRefunds', { refunds: [refund] })).toBe(true);
    expect(isUsableResponse('listRefunds', { refunds: [{ ...refund, status: 'done' }] })).toBe(false);
    // Dates the UI formats or counts down to: an unreadable one would throw mid-render.
    expect(isUsableResponse('listRefunds', { refunds: [{ ...refund, createdAt: 'yesterday' }] })).toBe(false);
    const card = { id: 'card_test0001', maskedCpan: '936000******5678', status: 'active', addedAt: 'soon' };
    expect(isUsableResponse('listSavedCards', { cards: [card] })).toBe(false);
    const app = issuerApp('https://app.bri.test/k');
    expect(isUsableResponse('getPayment', waiting({ ...app, expiresAt: 'never' }))).toBe(false);
  });
});

describe('readErrorBody', () => {
  it('reads every error body the BFF makes as the contract does', () => {
    for (const code of KKI_ERROR_CODES) {
      const error = createKkiError(code, { locale: 'en', dokuResponseCode: '4035405' });
      const body = JSON.parse(JSON.stringify(toApiErrorBody(error, 'req-1')));
      expect(readErrorBody(body, error.httpStatus), code).toEqual(
        kkiErrorFromApiErrorBody(body, error.httpStatus),
      );
    }
    const open = createKkiError('order_payment_open', {
      details: { paymentId: 'pay_test0001', method: 'kki' },
    });
    expect(readErrorBody(toApiErrorBody(open), 409)).toEqual(open);
  });

  it("keeps a newer BFF's code with its message; refuses what is not an error body", () => {
    const body = { error: { code: 'wallet_frozen', message: 'Dompet dibekukan.', retryable: false } };
    expect(readErrorBody(body, 403)).toEqual({
      code: 'wallet_frozen',
      message: 'Dompet dibekukan.',
      retryable: false,
      httpStatus: 403,
    });
    expect(readErrorBody({ error: { code: 'Bad Code', message: 'x', retryable: false } }, 400)).toBeNull();
    expect(readErrorBody({ error: { code: 'internal_error', message: 'x' } }, 500)).toBeNull();
    expect(readErrorBody('<html>', 502)).toBeNull();
    expect(readErrorBody(undefined, 502)).toBeNull();
  });
});

describe('createKkiClient with the checks', () => {
  it('refuses a success answer with a script URL: internal_error, outcome unknown (the key is kept)', async () => {
    const client = createKkiClient({
      baseUrl: '/b',
      fetch: vi.fn(async () => Response.json(waiting(issuerApp('javascript:alert(1)')), { status: 201 })),
    });
    const e = await client
      .request('createKkiPayment', {
        body: { orderId: 'ord_test0001', source: { type: 'saved_card', cardId: 'card_test0001' } },
        idempotencyKey: 'key-12345678',
        locale: 'en',
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KkiRequestError);
    expect(e).toMatchObject({
      outcomeUnknown: true,
      error: { code: 'internal_error', message: createKkiError('internal_error', { locale: 'en' }).message },
    });
  });
});
