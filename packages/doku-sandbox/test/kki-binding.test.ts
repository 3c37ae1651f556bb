// Card binding (DH hosted OTP page and H2H OTP API), its notification, and unbinding.
import { SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { KKI_TEST_OTP, kkiTestCpan } from '../src/test-values/kki.js';
import { bindBody, bindH2h, postForm, setup, tokenPaymentBody } from './kki-support.js';

describe('card binding, DH (hosted OTP page)', () => {
  it('returns a redirectUrl; the right OTP completes the binding, notifies and redirects to the success URL', async () => {
    const { sb, raw, merchant, settle } = setup();
    const res = await raw.call(
      SNAP_PATHS.cardBind,
      await bindBody(kkiTestCpan('bri'), { partnerReferenceNo: 'BIND-1' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      responseCode: '2000100',
      responseMessage: 'Successful',
      additionalInfo: { custIdMerchant: 'CUST001', status: 'PENDING' },
    });
    expect(res.body.bankCardToken).toBeUndefined();
    const redirectUrl = String(res.body.redirectUrl);
    expect(redirectUrl).toMatch(/^http:\/\/doku\.sandbox\.test\/kki\/otp\/[A-Za-z0-9]+$/);

    const page = await sb.app.request(redirectUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<label for="otp">');
    expect(html).toContain('936000******');
    expect(html).not.toContain(kkiTestCpan('bri'));

    const done = await postForm(sb, redirectUrl, { otp: KKI_TEST_OTP.correct, action: 'verify' });
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe('https://merchant.test/bind/ok');
    await settle();

    const [n] = merchant.of('binding');
    expect(n?.signatureValid).toBe(true);
    expect(n?.schemaValid).toBe(true);
    expect(n?.body).toMatchObject({
      originalPartnerReferenceNo: 'BIND-1',
      originalReferenceNo: res.body.referenceNo,
      latestTransactionStatus: '00',
      additionalInfo: { status: 'SUCCESS', custIdMerchant: 'CUST001', serviceCode: '01', issuer: 'BRI' },
    });
    const token = String(n?.body.bankCardToken);
    expect(token.length).toBeGreaterThanOrEqual(32);

    // The token pays (payment with token waits for the issuer app like any authenticated payment).
    const pay = await raw.call(SNAP_PATHS.payment, tokenPaymentBody(token));
    expect(pay.status).toBe(200);
    expect(pay.body.webRedirectUrl).toMatch(/\/kki\/issuer-app\//);

    const ledger = sb.ledger();
    expect(ledger.bindings).toMatchObject([
      { status: 'SUCCESS', channel: 'DH', hasToken: true, issuer: 'BRI' },
    ]);
    expect(JSON.stringify(ledger)).not.toContain(token);
  });

  it('shows an error for a wrong OTP, allows retries, and fails after the last attempt', async () => {
    const { sb, raw, merchant, settle } = setup();
    const res = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('mandiri')));
    const url = String(res.body.redirectUrl);
    const first = await postForm(sb, url, { otp: '000000', action: 'verify' });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('2 attempts left');
    expect(html).toContain('aria-invalid="true"');
    // The form posts to its own URL, so a page opened in Indonesian answers in Indonesian.
    const second = await postForm(sb, `${url}?lang=id`, { otp: '111111', action: 'verify' });
    const secondHtml = await second.text();
    expect(secondHtml).toContain('<html lang="id">');
    expect(secondHtml).toContain('Kode tidak benar. Sisa 1 kali percobaan.');
    expect(secondHtml).toContain('<label for="otp">Kode sekali pakai (OTP)</label>');
    const third = await postForm(sb, url, { otp: '222222', action: 'verify' });
    expect(third.status).toBe(303);
    expect(third.headers.get('Location')).toBe('https://merchant.test/bind/failed');
    // Even the right code is too late now.
    const late = await postForm(sb, url, { otp: KKI_TEST_OTP.correct, action: 'verify' });
    expect(late.headers.get('Location')).toBe('https://merchant.test/bind/failed');
    await settle();
    const notes = merchant.of('binding');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.schemaValid).toBe(true);
    expect(notes[0]?.body).toMatchObject({
      latestTransactionStatus: '06',
      additionalInfo: { status: 'FAILED', originalResponseCode: '4030411' },
    });
    expect(notes[0]?.body.bankCardToken).toBeUndefined();
    expect(sb.ledger().bindings[0]).toMatchObject({ status: 'FAILED', hasToken: false });
  });

  it('fails on Cancel, and shows a result page when the merchant gave no URLs', async () => {
    const { sb, raw } = setup();
    const body = await bindBody(kkiTestCpan('bjb'));
    body.additionalInfo = {
      channel: 'KARTU_KREDIT_INDONESIA',
      customerName: 'Siti',
    } as typeof body.additionalInfo;
    const res = await raw.call(SNAP_PATHS.cardBind, body);
    const cancelled = await postForm(sb, String(res.body.redirectUrl), { action: 'cancel' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Card not registered');
    expect(sb.ledger().bindings[0]).toMatchObject({ status: 'FAILED', failureCode: '4040104' });
  });

  it('expires the OTP session after ottTtlSeconds on the sandbox clock', async () => {
    const { sb, raw, merchant, settle } = setup({ ottTtlSeconds: 120 });
    const res = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('dki')));
    sb.clock.advance(121_000);
    await settle();
    expect(sb.ledger().bindings[0]).toMatchObject({ status: 'FAILED', failureCode: '4030412' });
    expect(merchant.of('binding')[0]?.body.latestTransactionStatus).toBe('06');
    const page = await sb.app.request(String(res.body.redirectUrl));
    expect(await page.text()).toContain('Card not registered');
  });

  it('refuses an unknown OTP page link with 404', async () => {
    const { sb } = setup();
    const res = await sb.app.request('http://doku.sandbox.test/kki/otp/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('text/html');
  });

  it('uses publicBaseUrl for hosted page links when configured', async () => {
    const { raw } = setup({ publicBaseUrl: 'https://sandbox.example.com/' });
    const res = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bpd_bali')));
    expect(String(res.body.redirectUrl)).toMatch(/^https:\/\/sandbox\.example\.com\/kki\/otp\//);
  });
});

describe('card binding, H2H (OTP verification API, service 04)', () => {
  it('returns authCode; otp-verification completes with a bankCardToken', async () => {
    const { raw, merchant, settle, client } = setup();
    const bind = await client.bindCard(
      {
        card: { cpan: kkiTestCpan('bri', undefined, 2) },
        custIdMerchant: 'CUST777',
        partnerReferenceNo: 'B-H2H-1',
      },
      { channelId: 'H2H' },
    );
    expect(bind.data.responseCode).toBe('2000100');
    expect(bind.data.redirectUrl).toBeUndefined();
    const authCode = bind.data.additionalInfo?.authCode as string;
    expect(authCode).toMatch(/^[A-Za-z0-9]{32}$/);

    const wrong = await raw.call(SNAP_PATHS.otpVerification, {
      originalReferenceNo: bind.data.referenceNo,
      otp: '999999',
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ responseCode: '4040415', responseMessage: 'Invalid OTP' });

    const ok = await client.verifyOtp({
      originalReferenceNo: bind.data.referenceNo as string,
      authCode,
      otp: KKI_TEST_OTP.correct,
    });
    expect(ok.data).toMatchObject({
      responseCode: '2000400',
      additionalInfo: { status: 'SUCCESS', custIdMerchant: 'CUST777' },
    });
    expect(ok.data.bankCardToken).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(ok.data.additionalInfo?.maskedCardNo).toMatch(/^936000\*{6}\d{4}$/);
    await settle();
    expect(merchant.of('binding')[0]?.body.bankCardToken).toBe(ok.data.bankCardToken);

    const again = await raw.call(SNAP_PATHS.otpVerification, {
      originalReferenceNo: bind.data.referenceNo,
      otp: KKI_TEST_OTP.correct,
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode },
    });
    expect(again.body.responseCode).toBe('4040400');
  });

  it('answers unknown bindings, wrong sessions, blocked and expired OTPs', async () => {
    const { sb, raw } = setup({ ottTtlSeconds: 60 });
    const h2h = { headers: { 'CHANNEL-ID': 'H2H' } };
    const unknown = await raw.call(SNAP_PATHS.otpVerification, {
      originalReferenceNo: '999999999999',
      otp: '123456',
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode: 'x' },
    });
    expect(unknown.body.responseCode).toBe('4040401');

    const b1 = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bjb', undefined, 4)), h2h);
    const verify = (otp: string, authCode = (b1.body.additionalInfo as { authCode: string }).authCode) =>
      raw.call(SNAP_PATHS.otpVerification, {
        originalReferenceNo: b1.body.referenceNo,
        otp,
        additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA', authCode },
      });
    expect((await verify('123456', 'wrong-session')).body.responseCode).toBe('4040407');
    expect((await verify('1')).body.responseCode).toBe('4040415');
    expect((await verify('2')).body.responseCode).toBe('4040415');
    const blocked = await verify('3');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ responseCode: '4030411', responseMessage: 'OTP Blocked' });

    const b2 = await raw.call(SNAP_PATHS.cardBind, await bindBody(kkiTestCpan('bjb', undefined, 5)), h2h);
    sb.clock.advance(61_000);
    raw.forgetToken();
    const late = await raw.call(SNAP_PATHS.otpVerification, {
      originalReferenceNo: b2.body.referenceNo,
      otp: '123456',
      additionalInfo: {
        channel: 'KARTU_KREDIT_INDONESIA',
        authCode: (b2.body.additionalInfo as { authCode: string }).authCode,
      },
    });
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({ responseCode: '4030412', responseMessage: 'OTP Lifetime Expired' });
    expect(sb.ledger().bindings.find((b) => b.referenceNo === b2.body.referenceNo)?.failureCode).toBe(
      '4030412',
    );
    // A blocked session stays blocked, whatever code comes next.
    expect((await verify('123456')).body.responseCode).toBe('4030411');
  });

  it('refuses to bind a card already bound to the same customer (case 01) but not to another one', async () => {
    const { raw } = setup();
    const cpan = kkiTestCpan('mandiri', undefined, 9);
    await bindH2h(raw, cpan, 'ALICE');
    const dup = await raw.call(SNAP_PATHS.cardBind, await bindBody(cpan, { custIdMerchant: 'ALICE' }));
    expect(dup.status).toBe(409);
    expect(dup.body.responseCode).toBe('4090101');
    const other = await raw.call(SNAP_PATHS.cardBind, await bindBody(cpan, { custIdMerchant: 'BOB' }));
    expect(other.status).toBe(200);
  });

  it('refuses a reused partnerReferenceNo with 409xx01', async () => {
    const { raw } = setup();
    const a = await raw.call(
      SNAP_PATHS.cardBind,
      await bindBody(kkiTestCpan('bri', undefined, 7), { partnerReferenceNo: 'SAME' }),
    );
    expect(a.status).toBe(200);
    const b = await raw.call(
      SNAP_PATHS.cardBind,
      await bindBody(kkiTestCpan('bri', undefined, 8), { partnerReferenceNo: 'SAME' }),
    );
    expect(b.body).toMatchObject({
      responseCode: '4090101',
      responseMessage: 'Duplicate partnerReferenceNo',
    });
  });
});

describe('card unbinding (service 05)', () => {
  it('answers PENDING, stops the token at once, finishes on the clock with a notification', async () => {
    const { sb, raw, merchant, settle, client } = setup({ unbindDelayMs: 10_000 });
    const { token, referenceNo } = await bindH2h(raw, kkiTestCpan('bpd_bali'));
    const res = await client.unbindCard({ tokenId: token });
    expect(res.data).toMatchObject({
      responseCode: '2000500',
      additionalInfo: { status: 'PENDING', custIdMerchant: 'CUST001' },
    });
    const unbindRef = res.data.referenceNo as string;
    expect(sb.ledger().bindings[0]?.unbinding).toMatchObject({ status: 'PENDING', referenceNo: unbindRef });

    const pay = await raw.call(SNAP_PATHS.payment, tokenPaymentBody(token, '10000.00', true));
    expect(pay.body.responseCode).toBe('4045408');
    const twice = await raw.call(SNAP_PATHS.cardUnbind, {
      tokenId: token,
      additionalInfo: { channel: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(twice.body.responseCode).toBe('4040508');

    await settle();
    expect(merchant.of('unbinding')).toHaveLength(0);
    sb.clock.advance(10_000);
    await settle();
    const [n] = merchant.of('unbinding');
    expect(n?.signatureValid).toBe(true);
    expect(n?.schemaValid).toBe(true);
    expect(n?.body).toMatchObject({
      originalReferenceNo: unbindRef,
      latestTransactionStatus: '00',
      additionalInfo: { status: 'SUCCESS', serviceCode: '05', bindingReferenceNo: referenceNo },
    });
    expect(sb.ledger().bindings[0]?.unbinding?.status).toBe('SUCCESS');
  });

  it('answers an unknown token with case 08', async () => {
    const { raw } = setup();
    const res = await raw.call(SNAP_PATHS.cardUnbind, {
      tokenId: 'no-such-token',
      additionalInfo: { channelId: 'KARTU_KREDIT_INDONESIA' },
    });
    expect(res.status).toBe(404);
    expect(res.body.responseCode).toBe('4040508');
  });
});
