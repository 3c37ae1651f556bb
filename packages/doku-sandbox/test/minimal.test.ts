// Minimal mode (`SANDBOX_MINIMAL=1` / `minimal: true`): the sandbox answers only with fields DOKU
// documents, and a client still learns every outcome, from the status API.
import { createDokuClient, SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { resolveSandboxConfig, sandboxConfigFromEnv } from '../src/config.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { kkiTestCpan } from '../src/test-values/kki.js';
import { bindH2h, postForm, setup, singlePaymentBody, tokenPaymentBody } from './kki-support.js';

describe('minimal mode', () => {
  it('is off by default, on with SANDBOX_MINIMAL=1, and an explicit option wins', () => {
    expect(sandboxConfigFromEnv({}).minimal).toBe(false);
    expect(sandboxConfigFromEnv({ SANDBOX_MINIMAL: '1' }).minimal).toBe(true);
    expect(resolveSandboxConfig({ minimal: true }).minimal).toBe(true);
    expect(resolveSandboxConfig({ minimal: false }).minimal).toBe(false);
  });

  it('leaves invented fields out of payment, status, refund and notification bodies', async () => {
    const { sb, raw, merchant, settle } = setup({ minimal: true });
    const body = await singlePaymentBody(kkiTestCpan('bri'), '70000.00');
    const pay = await raw.call(SNAP_PATHS.payment, body);
    expect(pay.body).toMatchObject({ responseCode: '2005400' });
    expect(pay.body).not.toHaveProperty('additionalInfo');
    expect(String(pay.body.webRedirectUrl)).toContain('/kki/issuer-app/');

    const declined = await postForm(sb, String(pay.body.webRedirectUrl), { action: 'decline' });
    expect(declined.status).toBe(303);
    await settle();
    const notified = merchant.of('payment')[0]?.body as { additionalInfo?: Record<string, unknown> };
    expect(notified).toMatchObject({ latestTransactionStatus: '06' });
    for (const key of ['originalResponseCode', 'originalResponseMessage', 'issuer', 'maskedCardNo']) {
      expect(notified.additionalInfo).not.toHaveProperty(key);
    }
    // The documented status answer still says why.
    const status = await raw.call(SNAP_PATHS.status, {
      originalPartnerReferenceNo: body.partnerReferenceNo,
      serviceCode: '55',
    });
    expect(status.body).toMatchObject({ latestTransactionStatus: '06', originalResponseCode: '4035405' });
    expect(status.body.additionalInfo).toEqual({});

    const { token } = await bindH2h(raw, kkiTestCpan('mandiri', undefined, 5));
    const paid = tokenPaymentBody(token, '40000.00', true);
    const settled = await raw.call(SNAP_PATHS.payment, paid);
    expect(settled.body).toMatchObject({ responseCode: '2005400' });
    expect(String(settled.body.approvalCode)).toMatch(/^\d{6}$/);
    expect(settled.body).not.toHaveProperty('additionalInfo');
    const refund = await raw.call(SNAP_PATHS.refund, {
      originalPartnerReferenceNo: paid.partnerReferenceNo,
      partnerRefundNo: `R-${paid.partnerReferenceNo}`,
      refundAmount: { value: '40000.00', currency: 'IDR' },
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(refund.body).toMatchObject({ responseCode: '2005800' });
    expect(refund.body).not.toHaveProperty('additionalInfo');
  });

  it('answers a replay with the documented 409 body only; the client reads the outcome from the status API', async () => {
    const { sb, raw, sandboxFetch } = setup({ minimal: true });
    const body = await singlePaymentBody(kkiTestCpan('bri', undefined, 9), '21000.00');
    const first = await raw.call(SNAP_PATHS.payment, body, { externalId: '99887766554433' });
    expect(first.status).toBe(200);
    const again = await raw.call(SNAP_PATHS.payment, body, { externalId: '99887766554433' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ responseCode: '4095400', responseMessage: 'Conflict' });

    const client = createDokuClient({
      baseUrl: 'http://doku.sandbox.test',
      clientId: sb.config.clientId,
      secretKey: sb.config.secretKey,
      privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
      fetch: sandboxFetch,
      now: () => sb.clock.nowMs(),
      retries: 2,
      retryDelayMs: 1,
    });
    // The answer to the first send is lost; the retry is a replay answered with the bare 409.
    sb.faults.setRules([{ endpoint: 'kki.payment', kind: 'drop', times: 1, phase: 'after' }]);
    const res = await client.kkiPayment({
      type: 'single',
      partnerReferenceNo: 'MINIMAL-LOST-1',
      amount: { value: '12000.00', currency: 'IDR' },
      card: { cpan: kkiTestCpan('bri', undefined, 10), ott: '246802' },
    });
    expect(res).toMatchObject({ source: 'status', replayed: true, pending: true });
    expect(sb.ledger().payments.filter((p) => p.partnerReferenceNo === 'MINIMAL-LOST-1')).toHaveLength(1);
  });
});
