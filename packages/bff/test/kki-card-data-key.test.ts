// cardData keyed by the merchant's sharedKey (seed 001 Card Binding): `cardDataKey` on the BFF (env
// KKI_DOKU_CARD_DATA_KEY) and the same key on its sandbox. Binding and paying work; card data under
// the secret key is then refused with 401.
import { createDokuClient } from '@kki-kit/doku';
import * as sandboxModule from '@kki-kit/doku-sandbox';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_SECRET_KEY,
  KKI_TEST_OTP,
  kkiTestCpan,
  SANDBOX_DOKU_PUBLIC_KEY,
  SANDBOX_MERCHANT_PRIVATE_KEY,
} from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config.js';
import { optionsFromEnv } from '../src/config-env.js';
import { credentialsOf } from '../src/doku/index.js';
import { type KkiHarness, newKey, newOtt, startKki } from './kki-setup.js';

const SHARED_KEY = 'SHARED-KEY-5c0e2a9b7d41';
const authenticate = () => 'x';
const SANDBOX = credentialsOf(sandboxModule);

describe('cardDataKey option', () => {
  it('is read from KKI_DOKU_CARD_DATA_KEY and defaults to the secret key', () => {
    const env = { KKI_DOKU_ENV: 'http://127.0.0.1:4010', KKI_PUBLIC_URL: 'http://127.0.0.1:4020' };
    expect(resolveConfig(optionsFromEnv(env, { authenticate }), SANDBOX).doku.cardDataKey).toBe(
      DEFAULT_SECRET_KEY,
    );
    const withKey = optionsFromEnv({ ...env, KKI_DOKU_CARD_DATA_KEY: SHARED_KEY }, { authenticate });
    expect(resolveConfig(withKey, SANDBOX).doku.cardDataKey).toBe(SHARED_KEY);
    expect(
      resolveConfig({ ...withKey, cardDataKey: undefined, secretKey: 'SK-own-secret-0001' }, SANDBOX).doku
        .cardDataKey,
    ).toBe('SK-own-secret-0001');
  });
});

describe('a BFF and its sandbox sharing a cardDataKey', () => {
  let h: KkiHarness;
  beforeAll(async () => {
    h = await startKki({ cardDataKey: SHARED_KEY });
  }, 60_000);
  afterAll(() => h.close());

  it('binds a card and pays with a card', async () => {
    const bind = await h.call('ida', '/kki/bindings', {
      method: 'POST',
      key: newKey(),
      json: { cpan: kkiTestCpan('bri', undefined, 31), mode: 'otp' },
    });
    expect(bind.status).toBe(201);
    const binding = await bind.json();
    const otp = await h.call('ida', `/kki/bindings/${binding.id}/otp`, {
      method: 'POST',
      key: newKey(),
      json: { otp: KKI_TEST_OTP.correct },
    });
    expect((await otp.json()).status).toBe('active');

    const order = await h.bff.merchant.createOrder({ customerId: 'ida', amount: 80_000 });
    const pay = await h.call('ida', '/kki/payments', {
      method: 'POST',
      key: newKey(),
      json: { orderId: order.id, source: { type: 'card', cpan: kkiTestCpan('bri'), ott: newOtt() } },
    });
    expect(pay.status).toBe(201);
    expect((await pay.json()).status).toBe('pending');
  });

  it('refuses cardData encrypted under the secret key with 401', async () => {
    const secretKeyed = createDokuClient({
      baseUrl: 'http://doku.offline',
      clientId: DEFAULT_CLIENT_ID,
      secretKey: DEFAULT_SECRET_KEY,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
      fetch: async (input, init) => h.sandbox.app.fetch(new Request(input, init)),
      now: () => h.sandbox.clock.nowMs(),
      retries: 0,
    });
    await expect(
      secretKeyed.bindCard({ card: { cpan: kkiTestCpan('bri', undefined, 32) }, custIdMerchant: 'ida' }),
    ).rejects.toMatchObject({ httpStatus: 401, responseCode: '4010100' });
  });
});
