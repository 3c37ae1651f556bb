// Notifications arrive signed the way DOKU signs them and verify with @kki-kit/doku.
import {
  parseDokuTimestamp,
  verifyB2bToken,
  verifyNonSnap,
  verifySnapAsymmetric,
  verifySnapSymmetric,
} from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { SANDBOX_DOKU_PUBLIC_KEY } from '../src/test-keys.js';
import { setupNotifier } from './notify-support.js';

const CARD_BODY = JSON.stringify({
  order: { invoice_number: 'INV-1', amount: 90000 },
  transaction: { type: 'SALE', status: 'SUCCESS', date: '2026-01-01T00:00:00Z' },
  service: { id: 'CREDIT_CARD' },
  channel: { id: 'CREDIT_CARD' },
});
const DEBIT_BODY = JSON.stringify({
  originalPartnerReferenceNo: 'INV-2',
  originalReferenceNo: '2026010100000001',
  amount: { value: '10000.00', currency: 'IDR' },
  latestTransactionStatus: '00',
});

describe('Non-SNAP notification', () => {
  it('carries Client-Id, Request-Id, UTC Request-Timestamp and an HMACSHA256 signature over the notification path', async () => {
    const { notifier, merchant, config, clock } = setupNotifier();
    notifier.send({
      family: 'nonsnap',
      url: config.nonSnapNotificationUrl!,
      body: CARD_BODY,
      topic: 'cards.payment',
      reference: 'INV-1',
    });
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    const got = merchant.notifications[0]!;
    expect(got.path).toBe('/payments/notifications');
    expect(got.body).toBe(CARD_BODY);
    const h = got.headers;
    expect(h['client-id']).toBe(config.clientId);
    expect(h['request-id']!.length).toBeGreaterThan(0);
    expect(h['request-id']!.length).toBeLessThanOrEqual(128);
    expect(h['request-timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const sent = parseDokuTimestamp(h['request-timestamp']!)!;
    expect(Math.abs(sent.getTime() - clock.nowMs())).toBeLessThan(5_000);
    expect(h.signature).toMatch(/^HMACSHA256=/);
    const input = {
      clientId: h['client-id']!,
      requestId: h['request-id']!,
      timestamp: h['request-timestamp']!,
      requestTarget: got.path,
      secretKey: config.secretKey,
      signature: h.signature!,
    };
    expect(await verifyNonSnap({ ...input, body: got.body })).toBe(true);
    // The signature covers the body's Digest and the path: a changed byte or target fails.
    expect(await verifyNonSnap({ ...input, body: got.body.replace('90000', '90001') })).toBe(false);
    expect(await verifyNonSnap({ ...input, body: got.body, requestTarget: '/other' })).toBe(false);
    expect(await verifyNonSnap({ ...input, body: got.body, secretKey: 'SK-wrong' })).toBe(false);
  });

  it('signs the query string too when the notification URL has one', async () => {
    const { notifier, merchant, config } = setupNotifier({
      nonSnapNotificationUrl: 'https://merchant.test/hooks/doku?shop=7',
    });
    notifier.send({
      family: 'nonsnap',
      url: config.nonSnapNotificationUrl!,
      body: CARD_BODY,
      topic: 'cards.payment',
      reference: 'INV-1',
    });
    await notifier.idle();
    const h = merchant.notifications[0]!.headers;
    const base = {
      clientId: h['client-id']!,
      requestId: h['request-id']!,
      timestamp: h['request-timestamp']!,
      secretKey: config.secretKey,
      signature: h.signature!,
      body: CARD_BODY,
    };
    expect(await verifyNonSnap({ ...base, requestTarget: '/hooks/doku?shop=7' })).toBe(true);
  });
});

describe('SNAP notification, RSA mode', () => {
  it('is signed with the DOKU private key over POST:path:bodyhash:timestamp and has no Authorization', async () => {
    const { notifier, merchant, config } = setupNotifier({ snapNotificationMode: 'rsa' });
    notifier.send({
      family: 'snap',
      url: config.snapNotificationUrl!,
      body: DEBIT_BODY,
      topic: 'kki.payment',
      reference: 'INV-2',
    });
    await notifier.idle();
    expect(merchant.tokenRequests).toHaveLength(0);
    const got = merchant.notifications[0]!;
    const h = got.headers;
    expect(h.authorization).toBeUndefined();
    expect(h['x-partner-id']).toBe(config.clientId);
    expect(h['x-external-id']).toMatch(/^\d{1,36}$/);
    expect(h['x-timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    const input = {
      method: 'POST',
      path: '/v1.0/debit/notify',
      timestamp: h['x-timestamp']!,
      publicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
      signature: h['x-signature']!,
    };
    expect(await verifySnapAsymmetric({ ...input, body: got.body })).toBe(true);
    expect(await verifySnapAsymmetric({ ...input, body: got.body.replace('10000.00', '10001.00') })).toBe(
      false,
    );
  });
});

describe('SNAP notification, HMAC mode', () => {
  it('first gets a token from the merchant (RSA-signed clientId|timestamp), then signs HMAC-SHA512 with it', async () => {
    const { notifier, merchant, config } = setupNotifier({ snapNotificationMode: 'hmac' });
    notifier.send({
      family: 'snap',
      url: config.snapNotificationUrl!,
      body: DEBIT_BODY,
      topic: 'kki.payment',
      reference: 'INV-2',
    });
    await notifier.idle();
    expect(merchant.tokenRequests).toHaveLength(1);
    const tr = merchant.tokenRequests[0]!;
    expect(JSON.parse(tr.body)).toEqual({ grantType: 'client_credentials' });
    expect(tr.headers['x-client-key']).toBe(config.clientId);
    expect(
      await verifyB2bToken({
        clientId: config.clientId,
        timestamp: tr.headers['x-timestamp']!,
        signature: tr.headers['x-signature']!,
        publicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
      }),
    ).toBe(true);

    const got = merchant.notifications[0]!;
    const h = got.headers;
    expect(h.authorization).toBe('Bearer merchant-token-1');
    expect(h['x-partner-id']).toBe(config.clientId);
    const input = {
      method: 'POST',
      path: '/v1.0/debit/notify',
      accessToken: 'merchant-token-1',
      timestamp: h['x-timestamp']!,
      secretKey: config.secretKey,
      signature: h['x-signature']!,
    };
    expect(await verifySnapSymmetric({ ...input, body: got.body })).toBe(true);
    expect(await verifySnapSymmetric({ ...input, body: got.body, accessToken: 'another-token' })).toBe(false);
  });

  it('reuses the token until it expires on the sandbox clock, then fetches a new one', async () => {
    const { notifier, merchant, config, clock } = setupNotifier({ snapNotificationMode: 'hmac' });
    const send = () =>
      notifier.send({
        family: 'snap',
        url: config.snapNotificationUrl!,
        body: DEBIT_BODY,
        topic: 'kki.payment',
        reference: 'INV-2',
      });
    send();
    send();
    await notifier.idle();
    expect(merchant.tokenRequests).toHaveLength(1);
    clock.advance(900_000);
    send();
    await notifier.idle();
    expect(merchant.tokenRequests).toHaveLength(2);
    expect(merchant.notifications.map((n) => n.headers.authorization)).toEqual([
      'Bearer merchant-token-1',
      'Bearer merchant-token-1',
      'Bearer merchant-token-2',
    ]);
  });

  it('logs a refused token request as a failed attempt at the token stage and retries later', async () => {
    const { notifier, merchant, config, clock } = setupNotifier({ snapNotificationMode: 'hmac' });
    merchant.failTokens(true);
    notifier.send({
      family: 'snap',
      url: config.snapNotificationUrl!,
      body: DEBIT_BODY,
      topic: 'kki.payment',
      reference: 'INV-2',
    });
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(0);
    expect(notifier.log()).toMatchObject([{ attempt: 1, status: 401, stage: 'token' }]);
    merchant.failTokens(false);
    clock.advance(30 * 60_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    expect(notifier.log()[1]).toMatchObject({ attempt: 2, status: 200, stage: 'notify' });
  });

  it('fails at the token stage when no token URL is configured', async () => {
    const { notifier, merchant, config } = setupNotifier({
      snapNotificationMode: 'hmac',
      snapNotificationTokenUrl: null,
    });
    notifier.send({
      family: 'snap',
      url: config.snapNotificationUrl!,
      body: DEBIT_BODY,
      topic: 'kki.payment',
      reference: 'INV-2',
    });
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(0);
    expect(notifier.log()[0]).toMatchObject({ stage: 'token', status: 'network_error' });
    expect(notifier.log()[0]!.error).toMatch(/snapNotificationTokenUrl/);
  });
});
