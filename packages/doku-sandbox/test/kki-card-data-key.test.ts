// cardData keyed by the merchant's sharedKey (seed 001: "AES-CBC with the merchant's sharedKey"):
// SANDBOX_CARD_DATA_KEY on the sandbox and cardDataKey on the client.
import { createDokuClient, encryptCardData, KKI_CARD_DATA_FORMAT, SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID, DEFAULT_SECRET_KEY, sandboxConfigFromEnv } from '../src/config.js';
import { SANDBOX_DOKU_PUBLIC_KEY, SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { KKI_TEST_OTP, kkiTestCpan } from '../src/test-values/kki.js';
import { BASE, bindBody, freshOtt, postForm, ref, setup } from './kki-support.js';

const SHARED_KEY = 'SHARED-7f3a9c21d8e4b6a0';

describe('cardData under a separate card-data key (sharedKey)', () => {
  it('reads SANDBOX_CARD_DATA_KEY, never shows it, and defaults to the secret key', async () => {
    expect(sandboxConfigFromEnv({}).cardDataKey).toBeNull();
    expect(sandboxConfigFromEnv({ SANDBOX_CARD_DATA_KEY: SHARED_KEY }).cardDataKey).toBe(SHARED_KEY);
    expect(() => sandboxConfigFromEnv({ SANDBOX_CARD_DATA_KEY: 'kunci-rahasia-é' })).toThrow(
      /SANDBOX_CARD_DATA_KEY must be printable ASCII/,
    );
    const { sb } = setup({ cardDataKey: SHARED_KEY });
    const shown = await (await sb.app.request(`${BASE}/__sandbox/config`)).text();
    expect(shown).not.toContain(SHARED_KEY);
  });

  it('binds and pays with a client whose cardDataKey matches; refuses cardData under the secret key with 401', async () => {
    const { sb, raw, sandboxFetch, settle } = setup({ cardDataKey: SHARED_KEY });
    const client = createDokuClient({
      baseUrl: BASE,
      clientId: DEFAULT_CLIENT_ID,
      secretKey: DEFAULT_SECRET_KEY,
      cardDataKey: SHARED_KEY,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      dokuPublicKeyPem: SANDBOX_DOKU_PUBLIC_KEY,
      fetch: sandboxFetch,
      now: () => sb.clock.nowMs(),
      retries: 0,
    });
    const bind = await client.bindCard({
      card: { cpan: kkiTestCpan('bri', undefined, 21) },
      custIdMerchant: 'CUST001',
      additionalInfo: { successRegistrationUrl: 'https://merchant.test/bind/ok' },
    });
    expect(bind.responseCode).toBe('2000100');
    const done = await postForm(sb, String(bind.data.redirectUrl), {
      otp: KKI_TEST_OTP.correct,
      action: 'verify',
    });
    expect(done.status).toBe(303);
    await settle();
    expect(sb.ledger().bindings).toMatchObject([{ status: 'SUCCESS' }]);

    const pay = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo: ref('SHK'),
      amount: { value: '50000.00', currency: 'IDR' },
      card: { cpan: kkiTestCpan('bri', undefined, 22), ott: freshOtt() },
    });
    expect(pay.data.responseCode).toBe('2005400');

    // The same request with cardData encrypted under the secret key (the old default) is refused.
    const refused = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bri', undefined, 23)));
    expect(refused.status).toBe(401);
    expect(refused.body.responseCode).toBe('4010100');
    const underSecret = await encryptCardData(
      JSON.stringify({ bankCardNo: kkiTestCpan('bri', undefined, 24), chargeToken: freshOtt() }),
      DEFAULT_SECRET_KEY,
      { format: KKI_CARD_DATA_FORMAT },
    );
    const refusedPay = await raw.call(SNAP_PATHS.payment, {
      partnerReferenceNo: ref('SHK'),
      cardData: underSecret,
      amount: { value: '50000.00', currency: 'IDR' },
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(refusedPay.status).toBe(401);
    expect(refusedPay.body.responseCode).toBe('4015400');
  });

  it('accepts cardData only in the encoding KKI_CARD_DATA_FORMAT names', async () => {
    const { raw } = setup();
    const plaintext = JSON.stringify({ bankCardNo: kkiTestCpan('bri', undefined, 25) });
    const other = KKI_CARD_DATA_FORMAT === 'ct|iv' ? 'iv+ct' : 'ct|iv';
    const body = (cardData: string) => ({
      cardData,
      custIdMerchant: 'CUST001',
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    const configured = await encryptCardData(plaintext, DEFAULT_SECRET_KEY, { format: KKI_CARD_DATA_FORMAT });
    expect((await raw.call(SNAP_PATHS.cardBind, body(configured))).status).toBe(200);
    const foreign = await encryptCardData(plaintext, DEFAULT_SECRET_KEY, { format: other });
    const refused = await raw.call(SNAP_PATHS.cardBind, body(foreign));
    expect(refused.status).toBe(401);
    expect(refused.body.responseCode).toBe('4010100');
  });
});
