// KKI payments of the four types, the issuer-app confirmation, OTT expiry on the clock, status and
// refunds.
import { SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { KKI_TEST_OTT, kkiTestCpan } from '../src/test-values/kki.js';
import {
  bindH2h,
  freshOtt,
  postForm,
  ref,
  setup,
  singlePaymentBody,
  tokenPaymentBody,
} from './kki-support.js';

const CHANNEL = { channel: 'KARTU_KREDIT_INDONESIA' } as const;

describe('single payment (CPAN + OTT)', () => {
  it('waits for the issuer app; Approve settles it, notifies and redirects', async () => {
    const { sb, raw, merchant, settle } = setup({ merchantName: 'Toko Batik Sari' });
    const body = await singlePaymentBody(kkiTestCpan('mandiri'), '150000.00');
    const res = await raw.call(SNAP_PATHS.payment, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responseCode: '2005400',
      partnerReferenceNo: body.partnerReferenceNo,
      additionalInfo: { status: 'PENDING' },
    });
    const url = String(res.body.webRedirectUrl);
    expect(url).toMatch(/^http:\/\/doku\.sandbox\.test\/kki\/issuer-app\/[A-Za-z0-9]+$/);

    const status = async () =>
      (
        await raw.call(SNAP_PATHS.status, {
          originalPartnerReferenceNo: body.partnerReferenceNo,
          serviceCode: '55',
        })
      ).body;
    expect((await status()).latestTransactionStatus).toBe('03');

    const page = await sb.app.request(url);
    const html = await page.text();
    expect(html).toContain('Toko Batik Sari');
    expect(html).toContain('IDR 150,000');
    expect(html).toContain('Mandiri');
    expect(html).toContain('value="approve"');
    // In the shop's language when the URL carries it (the BFF adds it offline).
    const inIndonesian = await (await sb.app.request(`${url}${url.includes('?') ? '&' : '?'}lang=id`)).text();
    expect(inIndonesian).toContain('<html lang="id">');
    expect(inIndonesian).toContain('Konfirmasi pembayaran ini?');
    expect(inIndonesian).toMatch(/Rp\s150\.000/);
    expect((await status()).latestTransactionStatus).toBe('02');

    const approved = await postForm(sb, url, { action: 'approve' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('Location')).toBe('https://merchant.test/pay/ok');
    await settle();

    const [n] = merchant.of('payment');
    expect(n?.signatureValid).toBe(true);
    expect(n?.schemaValid).toBe(true);
    expect(n?.path).toBe('/v1.0/debit/notify');
    expect(n?.body).toMatchObject({
      originalPartnerReferenceNo: body.partnerReferenceNo,
      originalReferenceNo: res.body.referenceNo,
      amount: { value: '150000.00', currency: 'IDR' },
      latestTransactionStatus: '00',
      transactionStatusDesc: 'Success',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA', originalResponseCode: '2005400' },
    });
    const final = await status();
    expect(final).toMatchObject({
      responseCode: '2005500',
      latestTransactionStatus: '00',
      originalResponseCode: '2005400',
      transAmount: { value: '150000.00', currency: 'IDR' },
      serviceCode: '55',
    });
    expect(String(final.approvalCode)).toMatch(/^\d{6}$/);
    expect(final.paidTime).toMatch(/\+07:00$/);
    // A second confirmation changes nothing.
    const again = await sb.app.request(
      `http://doku.sandbox.test/__sandbox/kki/payments/${body.partnerReferenceNo}/decline`,
      {
        method: 'POST',
      },
    );
    expect(again.status).toBe(409);
  });

  it('Decline fails it with Do Not Honor (case 05), notified and visible in status', async () => {
    const { sb, raw, merchant, settle } = setup();
    const body = await singlePaymentBody(kkiTestCpan('bri'), '50000.00');
    const res = await raw.call(SNAP_PATHS.payment, body);
    const declined = await postForm(sb, String(res.body.webRedirectUrl), { action: 'decline' });
    expect(declined.headers.get('Location')).toBe('https://merchant.test/pay/failed');
    await settle();
    expect(merchant.of('payment')[0]?.body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { originalResponseCode: '4035405' },
    });
    const st = await raw.call(SNAP_PATHS.status, {
      originalReferenceNo: res.body.referenceNo,
      serviceCode: '54',
    });
    expect(st.body).toMatchObject({
      latestTransactionStatus: '06',
      originalResponseCode: '4035405',
      serviceCode: '54',
    });
  });

  it('fails with OTT expired (case 12) when nobody confirms within ottTtlSeconds', async () => {
    const { sb, raw, merchant, settle } = setup({ ottTtlSeconds: 300 });
    const body = await singlePaymentBody(kkiTestCpan('dki'));
    const res = await raw.call(SNAP_PATHS.payment, body);
    sb.clock.advance(299_000);
    await settle();
    expect(merchant.of('payment')).toHaveLength(0);
    sb.clock.advance(1_000);
    await settle();
    expect(merchant.of('payment')[0]?.body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { originalResponseCode: '4035412' },
    });
    const page = await sb.app.request(String(res.body.webRedirectUrl));
    expect(await page.text()).toContain('Payment expired');
    const approve = await sb.kki.approve(body.partnerReferenceNo);
    expect(approve).toBe('not_pending');
  });

  it('an OTT is accepted once (case 02 after), and the test OTTs give cases 02 and 12', async () => {
    const { raw } = setup();
    const ott = freshOtt();
    const cpan = kkiTestCpan('bjb');
    expect((await raw.call(SNAP_PATHS.payment, await singlePaymentBody(cpan, '1000.00', ott))).status).toBe(
      200,
    );
    const reused = await raw.call(SNAP_PATHS.payment, await singlePaymentBody(cpan, '1000.00', ott));
    expect(reused.status).toBe(401);
    expect(reused.body.responseCode).toBe('4015402');
    expect(
      (await raw.call(SNAP_PATHS.payment, await singlePaymentBody(cpan, '1000.00', KKI_TEST_OTT.invalid)))
        .body.responseCode,
    ).toBe('4015402');
    const expired = await raw.call(
      SNAP_PATHS.payment,
      await singlePaymentBody(cpan, '1000.00', KKI_TEST_OTT.expired),
    );
    expect(expired.status).toBe(403);
    expect(expired.body).toMatchObject({ responseCode: '4035412' });
  });

  it('needs the OTT: 400xx00 chargeToken when neither cardData nor chargeToken has one', async () => {
    const { raw } = setup();
    const body = await singlePaymentBody(kkiTestCpan('bri'));
    const { cardData } = await import('./kki-support.js');
    const res = await raw.call(SNAP_PATHS.payment, {
      ...body,
      cardData: await cardData(kkiTestCpan('bri')),
      chargeToken: undefined,
    });
    expect(res.body).toMatchObject({
      responseCode: '4005400',
      responseMessage: 'Invalid Mandatory Field chargeToken',
    });
    const mismatch = await raw.call(SNAP_PATHS.payment, { ...body, chargeToken: '1' });
    expect(mismatch.body.responseCode).toBe('4005400');
  });

  it('auto-approves after autoApproveMs when configured', async () => {
    const { sb, raw, merchant, settle } = setup({ autoApproveMs: 3_000 });
    const body = await singlePaymentBody(kkiTestCpan('mandiri', undefined, 3));
    await raw.call(SNAP_PATHS.payment, body);
    sb.clock.advance(3_000);
    await settle();
    expect(merchant.of('payment')[0]?.body.latestTransactionStatus).toBe('00');
  });

  it('refuses a reused partnerReferenceNo with 409xx01, even after a failure', async () => {
    const { raw } = setup();
    const body = await singlePaymentBody(kkiTestCpan('bri'));
    await raw.call(SNAP_PATHS.payment, body);
    const dup = await raw.call(SNAP_PATHS.payment, {
      ...body,
      cardData: (await singlePaymentBody(kkiTestCpan('bri'))).cardData,
      chargeToken: undefined,
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      responseCode: '4095401',
      responseMessage: 'Duplicate partnerReferenceNo',
    });
  });
});

describe('payment with binding, with token, without authentication', () => {
  it('bind-and-pay issues a bankCardToken on success, in the notification and the status', async () => {
    const { client, merchant, settle, sb } = setup();
    const cpan = kkiTestCpan('bri', undefined, 11);
    const res = await client.kkiPayment({
      type: 'bind_and_pay',
      partnerReferenceNo: ref('BNP'),
      amount: { value: '75000.00', currency: 'IDR' },
      card: { cpan, ott: freshOtt() },
      custIdMerchant: 'CUST042',
    });
    expect(res.data.responseCode).toBe('2005400');
    const pref = (res.data as { partnerReferenceNo: string }).partnerReferenceNo;
    expect(sb.kki.approve(pref)).toBe('succeeded');
    await settle();
    // At the top level, as the binding response and notification carry it (BANK_CARD_TOKEN_AT_TOP_LEVEL).
    const tokenOf = (i: number) =>
      (merchant.of('payment')[i]?.body as { bankCardToken?: string })?.bankCardToken;
    const body = merchant.of('payment')[0]?.body as { additionalInfo?: object };
    const token = tokenOf(0);
    expect(token).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(body?.additionalInfo).not.toHaveProperty('bankCardToken');
    const st = await client.debitStatus({ originalPartnerReferenceNo: pref });
    expect(st.data.bankCardToken).toBe(token);
    expect(st.data.additionalInfo).not.toHaveProperty('bankCardToken');
    expect(sb.ledger().bindings).toMatchObject([
      { channel: 'PAYMENT', status: 'SUCCESS', custIdMerchant: 'CUST042' },
    ]);

    // The token pays without authentication, synchronously.
    const sub = await client.kkiPayment({
      type: 'no_auth',
      partnerReferenceNo: ref('SUB'),
      amount: { value: '49000.00', currency: 'IDR' },
      bankCardToken: token as string,
    });
    expect(sub.data).toMatchObject({ responseCode: '2005400', additionalInfo: { status: 'SUCCESS' } });
    expect(String((sub.data as { approvalCode?: string }).approvalCode)).toMatch(/^\d{6}$/);
    await settle();
    expect(merchant.of('payment')).toHaveLength(2);
    expect(merchant.of('payment')[1]?.body.latestTransactionStatus).toBe('00');

    // Binding the same card again for the same customer keeps the one token.
    const again = await client.kkiPayment({
      type: 'bind_and_pay',
      partnerReferenceNo: ref('BNP'),
      amount: { value: '1000.00', currency: 'IDR' },
      card: { cpan, ott: freshOtt() },
      custIdMerchant: 'CUST042',
    });
    sb.kki.approve((again.data as { partnerReferenceNo: string }).partnerReferenceNo);
    await settle();
    expect(tokenOf(2)).toBe(token);
    expect(sb.ledger().bindings).toHaveLength(1);
  });

  it('payment with token waits for the issuer app; unknown tokens and other customers get case 08', async () => {
    const { raw, sb } = setup();
    const { token } = await bindH2h(raw, kkiTestCpan('mandiri', undefined, 12), 'CUSTA');
    const res = await raw.call(SNAP_PATHS.payment, tokenPaymentBody(token));
    expect(res.body.webRedirectUrl).toBeDefined();
    expect(sb.ledger().payments[0]).toMatchObject({
      kind: 'token',
      status: 'PENDING',
      custIdMerchant: 'CUSTA',
    });
    const unknown = await raw.call(SNAP_PATHS.payment, tokenPaymentBody('unknown-token'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.responseCode).toBe('4045408');
    const body = tokenPaymentBody(token);
    const stranger = await raw.call(SNAP_PATHS.payment, {
      ...body,
      additionalInfo: { ...CHANNEL, custIdMerchant: 'CUSTB' },
    });
    expect(stranger.body.responseCode).toBe('4045408');
  });

  it('a token payment left unconfirmed expires as Transaction Expired (403xx00)', async () => {
    const { raw, sb, settle } = setup({ ottTtlSeconds: 30 });
    const { token } = await bindH2h(raw, kkiTestCpan('bri', undefined, 13));
    const body = tokenPaymentBody(token);
    await raw.call(SNAP_PATHS.payment, body);
    sb.clock.advance(30_000);
    await settle();
    expect(sb.ledger().payments[0]).toMatchObject({ status: 'FAILED', responseCode: '4035400' });
  });
});

describe('refunds (service 58)', () => {
  async function paid(setupResult: ReturnType<typeof setup>, amount: string) {
    const { raw, sb } = setupResult;
    const body = await singlePaymentBody(kkiTestCpan('bri', undefined, 20), amount);
    await raw.call(SNAP_PATHS.payment, body);
    sb.kki.approve(body.partnerReferenceNo);
    return body.partnerReferenceNo;
  }
  const refund = (partnerReferenceNo: string, partnerRefundNo: string, value: string) => ({
    originalPartnerReferenceNo: partnerReferenceNo,
    partnerRefundNo,
    refundAmount: { value, currency: 'IDR' as const },
    reason: 'customer request',
    additionalInfo: CHANNEL,
  });

  it('refunds in part then in full, never more than was paid, with the history in status', async () => {
    const s = setup();
    const { raw, client } = s;
    const pref = await paid(s, '100000.00');
    const r1 = await raw.call(SNAP_PATHS.refund, refund(pref, 'RF-1', '30000.00'));
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({
      responseCode: '2005800',
      originalPartnerReferenceNo: pref,
      partnerRefundNo: 'RF-1',
      refundAmount: { value: '30000.00', currency: 'IDR' },
      additionalInfo: { refundType: 'PARTIAL' },
    });
    expect(r1.body.refundNo).toMatch(/^\d{12}$/);
    expect(r1.body.refundTime).toMatch(/\+07:00$/);

    const tooMuch = await raw.call(SNAP_PATHS.refund, refund(pref, 'RF-2', '70000.01'));
    expect(tooMuch.status).toBe(404);
    expect(tooMuch.body.responseCode).toBe('4045813');
    const over = await raw.call(SNAP_PATHS.refund, refund(pref, 'RF-2', '80000.00'));
    expect(over.body.responseCode).toBe('4045813');
    const rest = await client.debitRefund(refund(pref, 'RF-3', '70000.00'));
    expect(rest.data.responseCode).toBe('2005800');
    const more = await raw.call(SNAP_PATHS.refund, refund(pref, 'RF-4', '1.00'));
    expect(more.body.responseCode).toBe('4045813');
    const dup = await raw.call(SNAP_PATHS.refund, refund(pref, 'RF-1', '1.00'));
    expect(dup.body).toMatchObject({ responseCode: '4095801', responseMessage: 'Duplicate partnerRefundNo' });

    const st = await client.debitStatus({ originalPartnerReferenceNo: pref });
    expect(st.data.latestTransactionStatus).toBe('04');
    expect(st.data.refundHistory).toMatchObject([
      {
        partnerRefundNo: 'RF-1',
        refundAmount: { value: '30000.00' },
        refundStatus: '00',
        reason: 'customer request',
      },
      { partnerRefundNo: 'RF-3', refundAmount: { value: '70000.00' }, refundStatus: '00' },
    ]);
    const ledger = s.sb.ledger();
    expect(ledger.payments[0]).toMatchObject({ refundedAmount: 100000, amount: 100000 });
    expect(ledger.refunds.map((r) => r.partnerRefundNo)).toEqual(['RF-1', 'RF-3']);
  });

  it('a full refund in one go is FULL; unknown and unpaid payments are refused', async () => {
    const s = setup();
    const pref = await paid(s, '20000.00');
    const full = await s.raw.call(SNAP_PATHS.refund, refund(pref, 'RF-F', '20000.00'));
    expect(full.body.additionalInfo).toEqual({ refundType: 'FULL' });
    const unknown = await s.raw.call(SNAP_PATHS.refund, refund('NOPE', 'RF-X', '1.00'));
    expect(unknown.body.responseCode).toBe('4045808');
    const pending = await singlePaymentBody(kkiTestCpan('bri', undefined, 21));
    await s.raw.call(SNAP_PATHS.payment, pending);
    const notPaid = await s.raw.call(SNAP_PATHS.refund, refund(pending.partnerReferenceNo, 'RF-Y', '1.00'));
    expect(notPaid.body.responseCode).toBe('4045800');
  });

  it('status of an unknown payment is 404xx01 with latestTransactionStatus 07', async () => {
    const { raw } = setup();
    const res = await raw.call(SNAP_PATHS.status, { originalPartnerReferenceNo: 'NOPE', serviceCode: '55' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ responseCode: '4045501', latestTransactionStatus: '07' });
  });
});

describe('notification bodies follow the wire schemas', () => {
  it('every KKI notification of a busy run parses with @kki-kit/doku', async () => {
    const { sb, raw, merchant, settle } = setup({ unbindDelayMs: 1_000 });
    const { token } = await bindH2h(raw, kkiTestCpan('bjb', undefined, 60));
    const ok = await singlePaymentBody(kkiTestCpan('bjb', undefined, 61));
    const ko = await singlePaymentBody(kkiTestCpan('bjb', undefined, 62));
    await raw.call(SNAP_PATHS.payment, ok);
    await raw.call(SNAP_PATHS.payment, ko);
    sb.kki.approve(ok.partnerReferenceNo);
    sb.kki.decline(ko.partnerReferenceNo);
    await raw.call(SNAP_PATHS.payment, tokenPaymentBody(token, '5000.00', true));
    await raw.call(SNAP_PATHS.cardUnbind, {
      tokenId: token,
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    sb.clock.advance(1_000);
    await settle();
    expect(merchant.received).toHaveLength(5);
    for (const n of merchant.received) {
      expect(n.signatureValid).toBe(true);
      expect(n.schemaValid, n.raw).toBe(true);
    }
  });
});
