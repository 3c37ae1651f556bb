// Every Cards endpoint checks the Non-SNAP headers and signature like DOKU, answers wrong requests
// with DOKU's error envelope, signs its answers, and treats a reused Request-Id as a replay.
import { nonSnapTimestamp, orderStatusPath } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { REPLAY_HEADER } from '../src/cards/respond.js';
import { expectError, pageRequest, responseSignatureValid, setupCards } from './cards-support.js';

const PAGE = '/credit-card/v1/payment-page';

describe('correctly signed requests', () => {
  it('the DOKU client creates a page, and the answer is signed for the same Request-Id', async () => {
    const s = setupCards();
    const req = pageRequest();
    const res = await s.signed('POST', PAGE, req, { requestId: 'req-signed-1' });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('Request-Id')).toBe('req-signed-1');
    expect(res.headers.get('Response-Timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await responseSignatureValid(res, text, PAGE, s.config)).toBe(true);
    // A changed byte in the answer would not verify.
    expect(await responseSignatureValid(res, text.replace('payment', 'paymenT'), PAGE, s.config)).toBe(false);

    // The client verifies response signatures itself and would throw on a bad one.
    const viaClient = await s.client.createPaymentPage(pageRequest());
    expect(viaClient.httpStatus).toBe(200);
    expect(viaClient.replayed).toBe(false);
  });

  it('GET order status is signed without a Digest line, and its answer is signed too', async () => {
    const s = setupCards();
    const { req } = await s.createPage();
    const path = orderStatusPath(req.order.invoice_number);
    const res = await s.signed('GET', path);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(await responseSignatureValid(res, text, path, s.config)).toBe(true);
    // The same GET signed with a Digest line (as if it had a body) is rejected.
    await expectError(
      await s.signed('GET', path, undefined, { digestOnGet: true }),
      401,
      'INVALID_SIGNATURE',
    );
  });
});

describe('wrong requests', () => {
  it('rejects a bad signature (wrong secret key)', async () => {
    const s = setupCards();
    const body = await expectError(
      await s.signed('POST', PAGE, pageRequest(), { secretKey: 'SK-not-the-merchant-key' }),
      401,
      'INVALID_SIGNATURE',
    );
    expect(body.errors.type).toBe('Unauthorized');
  });

  it('rejects a body changed after signing', async () => {
    const s = setupCards();
    const req = pageRequest();
    const tampered = JSON.stringify({ ...req, order: { ...req.order, amount: 1 } });
    await expectError(await s.signed('POST', PAGE, req, { sentBody: tampered }), 401, 'INVALID_SIGNATURE');
  });

  it('rejects a body that differs only in whitespace (the Digest covers the exact bytes)', async () => {
    const s = setupCards();
    const req = pageRequest();
    await expectError(
      await s.signed('POST', PAGE, req, { sentBody: JSON.stringify(req, null, 2) }),
      401,
      'INVALID_SIGNATURE',
    );
  });

  it('rejects a Digest header that does not match the body', async () => {
    const s = setupCards();
    const body = await expectError(
      await s.signed('POST', PAGE, pageRequest(), {
        headers: { Digest: 'SHA-256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      }),
      401,
      'INVALID_SIGNATURE',
    );
    expect(body.errors.message).toMatch(/Digest/);
  });

  it('rejects a stale or future Request-Timestamp', async () => {
    const s = setupCards();
    const old = nonSnapTimestamp(new Date(s.clock.nowMs() - (s.config.clockSkewSeconds + 5) * 1000));
    const future = nonSnapTimestamp(new Date(s.clock.nowMs() + (s.config.clockSkewSeconds + 5) * 1000));
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { timestamp: old }),
      401,
      'INVALID_TIMESTAMP',
    );
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { timestamp: future }),
      401,
      'INVALID_TIMESTAMP',
    );
    // Within the window it passes.
    const recent = nonSnapTimestamp(new Date(s.clock.nowMs() - 60_000));
    expect((await s.signed('POST', PAGE, pageRequest(), { timestamp: recent })).status).toBe(200);
  });

  it('follows the sandbox clock: a timestamp at the moved clock passes, real time does not', async () => {
    const s = setupCards();
    s.clock.advance(2 * 60 * 60_000);
    const real = nonSnapTimestamp(new Date());
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { timestamp: real }),
      401,
      'INVALID_TIMESTAMP',
    );
    expect((await s.signed('POST', PAGE, pageRequest())).status).toBe(200);
  });

  it('rejects a timestamp that is not UTC', async () => {
    const s = setupCards();
    const wib = new Date(s.clock.nowMs() + 7 * 3600_000).toISOString().slice(0, 19);
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { timestamp: `${wib}+07:00` }),
      400,
      'INVALID_HEADER',
    );
  });

  it('rejects an unknown Client-Id, unsigned', async () => {
    const s = setupCards();
    const res = await s.signed('POST', PAGE, pageRequest(), { clientId: 'MCH-9999-00000000000000' });
    expect(res.headers.get('Signature')).toBeNull();
    await expectError(res, 401, 'INVALID_CLIENT_ID');
  });

  it('rejects missing headers', async () => {
    const s = setupCards();
    for (const name of ['Client-Id', 'Request-Id', 'Request-Timestamp', 'Signature']) {
      const body = await expectError(
        await s.signed('POST', PAGE, pageRequest(), { headers: { [name]: null } }),
        400,
        'INVALID_HEADER',
      );
      expect(body.errors.message).toContain(name);
    }
  });

  it('rejects a Request-Id over 128 characters', async () => {
    const s = setupCards();
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { requestId: 'x'.repeat(129) }),
      400,
      'INVALID_HEADER',
    );
    expect((await s.signed('POST', PAGE, pageRequest(), { requestId: 'y'.repeat(128) })).status).toBe(200);
  });

  it('rejects a body that is not JSON, signed correctly', async () => {
    const s = setupCards();
    const body = await expectError(await s.signed('POST', PAGE, '{"order":'), 400, 'INVALID_PARAMETER');
    expect(body.errors.type).toBe('Invalid Parameter');
  });

  it('applies every check on every Cards endpoint', async () => {
    const s = setupCards();
    const calls: Array<['GET' | 'POST', string, unknown]> = [
      ['POST', '/credit-card/capture', { payment: { authorize_id: '1' } }],
      [
        'POST',
        '/cancellation/credit-card/refund',
        { order: { invoice_number: 'I' }, payment: { original_request_id: 'r' }, refund: { amount: 1 } },
      ],
      ['POST', '/credit-card/delete-tokenization', { token_id: 't' }],
      ['GET', orderStatusPath('INV-1'), undefined],
    ];
    for (const [method, path, body] of calls) {
      await expectError(
        await s.signed(method, path, body, { secretKey: 'SK-wrong' }),
        401,
        'INVALID_SIGNATURE',
      );
      await expectError(await s.signed(method, path, body, { clientId: 'MCH-0' }), 401, 'INVALID_CLIENT_ID');
      const stale = nonSnapTimestamp(new Date(s.clock.nowMs() - 3600_000));
      await expectError(await s.signed(method, path, body, { timestamp: stale }), 401, 'INVALID_TIMESTAMP');
      await expectError(
        await s.signed(method, path, body, { headers: { Signature: null } }),
        400,
        'INVALID_HEADER',
      );
      if (method === 'POST') {
        const tampered = JSON.stringify(body).replace(/"(\w+)":/, '"$1" :');
        await expectError(
          await s.signed(method, path, body, { sentBody: tampered }),
          401,
          'INVALID_SIGNATURE',
        );
        const digest = { Digest: 'SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' };
        await expectError(await s.signed(method, path, body, { headers: digest }), 401, 'INVALID_SIGNATURE');
      }
      // A correctly signed call, then the same Request-Id again: replay; with another request: conflict.
      const requestId = `every-${path}`;
      const first = await s.signed(method, path, body, { requestId });
      expect(first.status).not.toBe(401);
      const replay = await s.signed(method, path, body, { requestId });
      expect(replay.status).toBe(409);
      expect(replay.headers.get(REPLAY_HEADER)).toBe('true');
      const other = method === 'POST' ? { ...(body as object), extra: 1 } : undefined;
      const otherPath = method === 'GET' ? orderStatusPath('INV-2') : path;
      await expectError(await s.signed(method, otherPath, other, { requestId }), 409, 'DUPLICATE_REQUEST_ID');
    }
  });
});

describe('Request-Id idempotency', () => {
  it('replays the first answer with 409 for the same Request-Id and body', async () => {
    const s = setupCards();
    const req = pageRequest();
    const first = await s.signed('POST', PAGE, req, { requestId: 'dup-1' });
    const firstBody = await first.json();
    const again = await s.signed('POST', PAGE, req, { requestId: 'dup-1' });
    expect(again.status).toBe(409);
    expect(again.headers.get(REPLAY_HEADER)).toBe('true');
    const text = await again.text();
    const replay = JSON.parse(text);
    expect(replay.errors.code).toBe('DUPLICATE_REQUEST_ID');
    expect(replay.original_response).toEqual(firstBody);
    expect(await responseSignatureValid(again, text, PAGE, s.config)).toBe(true);
    // Only one page was opened.
    expect(s.cards.ledger().pages).toHaveLength(1);
  });

  it('the DOKU client reads a replay as the original outcome', async () => {
    const s = setupCards();
    const req = pageRequest();
    const first = await s.client.createPaymentPage(req, { requestId: 'dup-client' });
    const again = await s.client.createPaymentPage(req, { requestId: 'dup-client' });
    expect(again.replayed).toBe(true);
    expect(again.data.credit_card_payment_page.url).toBe(first.data.credit_card_payment_page.url);
  });

  it('answers DUPLICATE_REQUEST_ID for the same Request-Id with another body', async () => {
    const s = setupCards();
    await s.signed('POST', PAGE, pageRequest(), { requestId: 'dup-2' });
    await expectError(
      await s.signed('POST', PAGE, pageRequest(), { requestId: 'dup-2' }),
      409,
      'DUPLICATE_REQUEST_ID',
    );
  });

  it('replays an error answer too (a validation failure is not retried into success)', async () => {
    const s = setupCards();
    const bad = pageRequest();
    bad.order.amount = 1;
    const first = await s.signed('POST', PAGE, bad, { requestId: 'dup-3' });
    expect(first.status).toBe(400);
    const again = await s.signed('POST', PAGE, bad, { requestId: 'dup-3' });
    expect(again.status).toBe(409);
    expect((await again.json()).original_response.errors.code).toBe('INVALID_PARAMETER');
  });

  it('does not burn a Request-Id on a request that failed authentication', async () => {
    const s = setupCards();
    const req = pageRequest();
    await s.signed('POST', PAGE, req, { requestId: 'dup-4', secretKey: 'SK-wrong' });
    expect((await s.signed('POST', PAGE, req, { requestId: 'dup-4' })).status).toBe(200);
  });
});
