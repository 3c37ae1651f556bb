// Every row of the KKI test-values table, driven through the sandbox: the documented value must
// produce the documented response code, per flow (bind, payment, unbind, refund).
import { KKI_CASE_HTTP_STATUS, SNAP_PATHS } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import {
  KKI_CASE_CODE_LIST,
  KKI_TEST_CARDS,
  KKI_TEST_CASES,
  type KkiTestCase,
  kkiCpanScenario,
  kkiTestCpan,
} from '../src/test-values/kki.js';
import {
  bindBody,
  bindH2h,
  freshOtt,
  ref,
  setup,
  singlePaymentBody,
  tokenPaymentBody,
} from './kki-support.js';

type Ctx = ReturnType<typeof setup>;
interface Outcome {
  status: number;
  responseCode: string;
}

const CHANNEL = { channel: 'KARTU_KREDIT_INDONESIA' } as const;
const normalCard = (serial = 1) => kkiTestCpan('bri', undefined, serial);

async function payAndApprove(s: Ctx, cpan: string, amount = '100000.00'): Promise<string> {
  const body = await singlePaymentBody(cpan, amount);
  const res = await s.raw.call(SNAP_PATHS.payment, body);
  if (res.status !== 200) throw new Error(`payment failed: ${JSON.stringify(res.body)}`);
  expect(s.sb.kki.approve(body.partnerReferenceNo)).toBe('succeeded');
  return body.partnerReferenceNo;
}

const refundBody = (pref: string, amount = '1000.00', partnerRefundNo = ref('RF')) => ({
  originalPartnerReferenceNo: pref,
  partnerRefundNo,
  refundAmount: { value: amount, currency: 'IDR' },
  additionalInfo: CHANNEL,
});

const answer = (r: { status: number; body: Record<string, unknown> }): Outcome => ({
  status: r.status,
  responseCode: String(r.body.responseCode),
});

/** Final outcome of an asynchronous case: the payment's code in the status API. */
async function statusOutcome(s: Ctx, pref: string): Promise<Outcome> {
  await s.settle();
  const st = await s.raw.call(SNAP_PATHS.status, { originalPartnerReferenceNo: pref, serviceCode: '55' });
  const code = String(st.body.originalResponseCode);
  return { status: Number(code.slice(0, 3)), responseCode: code };
}

async function run(s: Ctx, row: KkiTestCase): Promise<Outcome> {
  const { raw } = s;
  if (row.trigger === 'cpan') {
    switch (row.flow) {
      case 'bind':
        return answer(await raw.call(SNAP_PATHS.cardBind, await bindBody(row.value)));
      case 'payment':
        return answer(await raw.call(SNAP_PATHS.payment, await singlePaymentBody(row.value)));
      case 'unbind': {
        const { token } = await bindH2h(raw, row.value);
        return answer(
          await raw.call(SNAP_PATHS.cardUnbind, {
            tokenId: token,
            additionalInfo: { channelId: CHANNEL.channel },
          }),
        );
      }
      case 'refund': {
        const pref = await payAndApprove(s, row.value);
        return answer(await raw.call(SNAP_PATHS.refund, refundBody(pref)));
      }
    }
  }
  if (row.trigger === 'ott') {
    if (row.flow === 'bind')
      return answer(await raw.call(SNAP_PATHS.cardBind, await bindBody(normalCard(), {}, row.value)));
    return answer(
      await raw.call(SNAP_PATHS.payment, await singlePaymentBody(normalCard(), '1000.00', row.value)),
    );
  }
  if (row.trigger === 'amount') {
    return answer(await raw.call(SNAP_PATHS.payment, await singlePaymentBody(normalCard(), row.value)));
  }
  // Sequences.
  const key = `${row.flow}:${row.caseCode}`;
  switch (key) {
    case 'bind:01': {
      await bindH2h(raw, normalCard(30), 'DUPE');
      return answer(
        await raw.call(SNAP_PATHS.cardBind, await bindBody(normalCard(30), { custIdMerchant: 'DUPE' })),
      );
    }
    case 'payment:01': {
      const body = await singlePaymentBody(normalCard());
      await raw.call(SNAP_PATHS.payment, body);
      return answer(
        await raw.call(SNAP_PATHS.payment, {
          ...body,
          ...(await singlePaymentBody(normalCard(), '1000.00', freshOtt(), body.partnerReferenceNo)),
        }),
      );
    }
    case 'payment:05': {
      const body = await singlePaymentBody(normalCard());
      await raw.call(SNAP_PATHS.payment, body);
      expect(s.sb.kki.decline(body.partnerReferenceNo)).toBe('failed');
      return statusOutcome(s, body.partnerReferenceNo);
    }
    case 'payment:08':
      return answer(await raw.call(SNAP_PATHS.payment, tokenPaymentBody('no-such-token')));
    case 'payment:12': {
      const body = await singlePaymentBody(normalCard());
      await raw.call(SNAP_PATHS.payment, body);
      s.sb.clock.advance(s.sb.config.ottTtlSeconds * 1000);
      return statusOutcome(s, body.partnerReferenceNo);
    }
    case 'unbind:08':
      return answer(
        await raw.call(SNAP_PATHS.cardUnbind, {
          tokenId: 'gone',
          additionalInfo: { channelId: CHANNEL.channel },
        }),
      );
    case 'refund:01': {
      const pref = await payAndApprove(s, normalCard());
      await raw.call(SNAP_PATHS.refund, refundBody(pref, '1000.00', 'RF-DUP'));
      return answer(await raw.call(SNAP_PATHS.refund, refundBody(pref, '1000.00', 'RF-DUP')));
    }
    case 'refund:13': {
      const pref = await payAndApprove(s, normalCard(), '5000.00');
      await raw.call(SNAP_PATHS.refund, refundBody(pref, '3000.00'));
      return answer(await raw.call(SNAP_PATHS.refund, refundBody(pref, '2001.00')));
    }
    default:
      throw new Error(`no driver for sequence ${key}`);
  }
}

describe('the KKI test-values table', () => {
  it('covers every case code on every flow', () => {
    for (const flow of ['bind', 'payment', 'unbind', 'refund'] as const) {
      const codes = new Set(KKI_TEST_CASES.filter((r) => r.flow === flow).map((r) => r.caseCode));
      expect([...codes].sort(), flow).toEqual([...KKI_CASE_CODE_LIST].sort());
    }
    expect(KKI_CASE_CODE_LIST).toEqual([
      '00',
      '01',
      '02',
      '03',
      '04',
      '05',
      '08',
      '11',
      '12',
      '13',
      '14',
      '15',
    ]);
  });

  it('takes each HTTP status from the open question KKI_CASE_HTTP_STATUS', () => {
    for (const row of KKI_TEST_CASES) {
      expect(row.httpStatus, `${row.flow} ${row.caseCode}`).toBe(KKI_CASE_HTTP_STATUS[row.caseCode]);
      expect(row.responseCode.slice(0, 3)).toBe(String(row.httpStatus));
      expect(row.responseCode.slice(5)).toBe(row.caseCode);
    }
  });

  it('lists Luhn-valid 16-digit cards per issuer, and scenario CPANs decode to their row', () => {
    expect(KKI_TEST_CARDS.map((c) => c.issuer).sort()).toEqual(['bjb', 'bpd_bali', 'bri', 'dki', 'mandiri']);
    for (const issuer of KKI_TEST_CARDS) {
      for (const cpan of issuer.cards) {
        expect(cpan).toMatch(/^\d{16}$/);
        expect(cpan.startsWith(issuer.prefix)).toBe(true);
        expect(kkiCpanScenario(cpan)).toBeNull();
      }
    }
    for (const row of KKI_TEST_CASES.filter((r) => r.trigger === 'cpan' && r.caseCode !== '11')) {
      expect(kkiCpanScenario(row.value)).toEqual({ flow: row.flow, caseCode: row.caseCode });
    }
  });
});

describe.each(['bind', 'payment', 'unbind', 'refund'] as const)('%s: every documented test value', (flow) => {
  it.each(
    KKI_TEST_CASES.filter((r) => r.flow === flow).map(
      (r) => [`${r.caseCode} by ${r.trigger} ${r.value}`, r] as const,
    ),
  )('%s', async (_name, row) => {
    const s = setup();
    const got = await run(s, row);
    expect(got).toEqual({ status: row.httpStatus, responseCode: row.responseCode });
  });
});

describe('scenario cards work the same after any issuer prefix', () => {
  it.each(['mandiri', 'bjb', 'dki', 'bpd_bali'] as const)('%s', async (issuer) => {
    const s = setup();
    const cpan = kkiTestCpan(issuer, { flow: 'payment', caseCode: '14' });
    const res = await s.raw.call(SNAP_PATHS.payment, await singlePaymentBody(cpan));
    expect(res.body.responseCode).toBe('4035414');
    // ...and through a token bound from the same card.
    const { token } = await bindH2h(s.raw, cpan);
    const viaToken = await s.raw.call(SNAP_PATHS.payment, tokenPaymentBody(token, '1000.00', true));
    expect(viaToken.body.responseCode).toBe('4035414');
    // A failed payment is kept for status, as DOKU keeps declined transactions.
    expect(s.sb.ledger().payments.every((p) => p.status === 'FAILED')).toBe(true);
  });
});

describe('the README documents the table', () => {
  it('lists every test value with its response code', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const row of KKI_TEST_CASES) {
      const line = readme
        .split('\n')
        .find((l) => l.includes(row.value) && l.includes(`\`${row.responseCode}\``));
      expect(line, `${row.flow} ${row.caseCode} ${row.value}`).toBeDefined();
    }
    for (const issuer of KKI_TEST_CARDS) for (const cpan of issuer.cards) expect(readme).toContain(cpan);
  });
});
