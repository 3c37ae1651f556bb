// The KKI test values: which CPAN, OTT, OTP or amount makes the sandbox answer what. One table, used
// by the sandbox itself, its tests, the README, the React demo panel and Storybook.
//
// DOKU publishes no KKI test cards (doku-api.md §9 item 14), so every value here is the sandbox's
// own convention. Issuer prefixes come from @kki-kit/contract (KKI_ISSUERS), each case's meaning from
// KKI_CASE_CODES and its HTTP status from @kki-kit/doku's KKI_CASE_HTTP_STATUS (an open question).
import {
  formatSnapResponseCode,
  KKI_CASE_CODES,
  issuerById,
  KKI_ISSUERS,
  type KkiCaseCode,
  type KkiIssuerId,
  luhnValid,
  SNAP_SERVICE_CODES,
} from '@kki-kit/contract';
import { KKI_CASE_HTTP_STATUS } from '@kki-kit/doku';

/** The four KKI operations a test value can target. */
export type KkiTestFlow = 'bind' | 'payment' | 'unbind' | 'refund';

/**
 * Digit 9 of a "scenario" CPAN: which operation fails. The card works for every other operation,
 * so a refund-failure card can first be paid with, an unbind-failure card first bound.
 */
export const KKI_FLOW_DIGITS: { readonly [F in KkiTestFlow]: string } = {
  bind: '1',
  payment: '2',
  unbind: '3',
  refund: '4',
};

/** The SNAP service code of each flow (for the expected `responseCode`). */
export const KKI_FLOW_SERVICE_CODES: { readonly [F in KkiTestFlow]: string } = {
  bind: SNAP_SERVICE_CODES.cardBind,
  payment: SNAP_SERVICE_CODES.payment,
  unbind: SNAP_SERVICE_CODES.cardUnbind,
  refund: SNAP_SERVICE_CODES.refund,
};

/** Every KKI case code (doku-api.md §5.10), in order. */
export const KKI_CASE_CODE_LIST = Object.keys(KKI_CASE_CODES).sort() as KkiCaseCode[];

/** Digits 10-13 of a scenario CPAN: marks it as one. */
const SCENARIO_MARK = '9999';

/** The Luhn check digit that completes `partial` (all digits but the last). */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${partial}${d}`)) return String(d);
  // Unreachable for a digit string: exactly one check digit always exists.
  throw new RangeError('luhnCheckDigit needs a digit string');
}

function issuerPrefix(issuer: KkiIssuerId): string {
  const found = issuerById(issuer);
  if (!found) throw new RangeError(`unknown KKI issuer ${issuer}`);
  return found.prefix;
}

/**
 * A test CPAN (16 digits, Luhn-valid) of `issuer`: `prefix(8) + 7 digits + check digit`.
 * Without `scenario`, a card that always succeeds (`serial` 1-999 picks one of many).
 * With `scenario`, `prefix + flowDigit + 9999 + caseCode + check`: the card makes `flow` fail with
 * `caseCode` (e.g. BRI, payment, case 05 → `936000022999905` + check digit).
 */
export function kkiTestCpan(
  issuer: KkiIssuerId,
  scenario?: { flow: KkiTestFlow; caseCode: KkiCaseCode },
  serial = 1,
): string {
  const prefix = issuerPrefix(issuer);
  if (!scenario) {
    if (!Number.isInteger(serial) || serial < 1 || serial > 999)
      throw new RangeError('serial must be 1..999');
    const plain = `${prefix}0000${String(serial).padStart(3, '0')}`;
    return plain + luhnCheckDigit(plain);
  }
  const partial = `${prefix}${KKI_FLOW_DIGITS[scenario.flow]}${SCENARIO_MARK}${scenario.caseCode}`;
  return partial + luhnCheckDigit(partial);
}

/** What a scenario CPAN asks for. */
export interface KkiCpanScenario {
  flow: KkiTestFlow;
  caseCode: KkiCaseCode;
}

/** Reads a scenario CPAN (`null` for an ordinary card or anything else). */
export function kkiCpanScenario(cpan: string): KkiCpanScenario | null {
  if (!/^\d{16}$/.test(cpan)) return null;
  const flowDigit = cpan[8];
  const flow = (Object.keys(KKI_FLOW_DIGITS) as KkiTestFlow[]).find((f) => KKI_FLOW_DIGITS[f] === flowDigit);
  if (!flow || cpan.slice(9, 13) !== SCENARIO_MARK) return null;
  const caseCode = cpan.slice(13, 15) as KkiCaseCode;
  return caseCode in KKI_CASE_CODES ? { flow, caseCode } : null;
}

/** A BRI-prefixed CPAN whose check digit is wrong (Luhn fails): case 11 on bind and payment. */
export const KKI_INVALID_LUHN_CPAN: string = (() => {
  const valid = kkiTestCpan('bri');
  return `${valid.slice(0, 15)}${(Number(valid[15]) + 1) % 10}`;
})();

/** The sandbox's one-time values. */
export const KKI_TEST_OTP = {
  /** The OTP that completes a binding (hosted page or `otp-verification`). Any other value is wrong. */
  correct: '123456',
  /** Wrong OTPs allowed before the binding fails (the last wrong try fails it). */
  maxAttempts: 3,
} as const;

/** OTT (one-time token from the issuer app) values. Any other value is a valid, fresh OTT. */
export const KKI_TEST_OTT = {
  /** A valid OTT to copy (any value not below works; each is accepted once). */
  valid: '481516',
  /** Rejected as invalid: case 02. */
  invalid: '999902',
  /** Rejected as already expired: case 12. */
  expired: '999912',
} as const;

/** Amounts (IDR) with a meaning on payment and refund. */
export const KKI_TEST_AMOUNTS = {
  /** Every test card's available credit: a payment above it fails with case 14. */
  creditLimit: 50_000_000,
  /** Below this (e.g. `0.00`), or with a fraction of a rupiah, a payment fails with case 13. */
  minimum: 1,
} as const;

/** How a test value is applied. */
export type KkiTriggerKind = 'cpan' | 'ott' | 'amount' | 'sequence';

/** One row of the test-values table: do `trigger` in `flow`, get `responseCode`. */
export interface KkiTestCase {
  flow: KkiTestFlow;
  caseCode: KkiCaseCode;
  /** DOKU's meaning of the case (from KKI_CASE_CODES). */
  meaning: string;
  httpStatus: number;
  /** The SNAP `responseCode` the sandbox answers, e.g. `4035405`. */
  responseCode: string;
  trigger: KkiTriggerKind;
  /** The CPAN / OTT / amount to use, or a short description for a sequence. */
  value: string;
  /** Whether the answer comes in the API response ('sync') or later, by notification and status ('async'). */
  timing: 'sync' | 'async';
  note?: string;
}

const code = (flow: KkiTestFlow, http: number, caseCode: string) =>
  formatSnapResponseCode(http, KKI_FLOW_SERVICE_CODES[flow], caseCode);

function row(
  flow: KkiTestFlow,
  caseCode: KkiCaseCode,
  trigger: KkiTriggerKind,
  value: string,
  extra: { timing?: 'sync' | 'async'; note?: string; httpStatus?: number } = {},
): KkiTestCase {
  const info = KKI_CASE_CODES[caseCode];
  const httpStatus = extra.httpStatus ?? KKI_CASE_HTTP_STATUS[caseCode];
  const out: KkiTestCase = {
    flow,
    caseCode,
    meaning: info.meaning,
    httpStatus,
    responseCode: code(flow, httpStatus, caseCode),
    trigger,
    value,
    timing: extra.timing ?? 'sync',
  };
  if (extra.note) out.note = extra.note;
  return out;
}

/** Issuer used for the scenario CPANs listed in the table (any issuer's prefix works the same way). */
export const KKI_TABLE_ISSUER: KkiIssuerId = 'bri';

/**
 * Every KKI case code on every flow, with the value that produces it. Scenario CPANs are listed for
 * BRI; the same digits after any other issuer's prefix (plus the check digit) work too.
 * Rows with `trigger` other than `cpan` are the natural ways to reach a case.
 */
export const KKI_TEST_CASES: readonly KkiTestCase[] = [
  ...(['bind', 'payment', 'unbind', 'refund'] as const).flatMap((flow) =>
    KKI_CASE_CODE_LIST.map((caseCode) =>
      row(flow, caseCode, 'cpan', kkiTestCpan(KKI_TABLE_ISSUER, { flow, caseCode }), {
        note:
          flow === 'unbind'
            ? 'bind this card first; unbinding its token fails'
            : flow === 'refund'
              ? 'pay with this card first; refunding the payment fails'
              : flow === 'payment'
                ? 'also through a token bound from this card'
                : undefined,
      }),
    ),
  ),
  row('bind', '01', 'sequence', 'bind a card already bound to the same custIdMerchant', {
    note: 'Duplicate Token',
  }),
  row('bind', '02', 'ott', KKI_TEST_OTT.invalid, { note: 'as chargeToken inside cardData' }),
  row('bind', '11', 'cpan', KKI_INVALID_LUHN_CPAN, {
    note: 'fails the Luhn check; any unknown issuer prefix too',
  }),
  row('bind', '12', 'ott', KKI_TEST_OTT.expired, { note: 'as chargeToken inside cardData' }),
  row('payment', '01', 'sequence', 'reuse a partnerReferenceNo', { note: 'Duplicate partnerReferenceNo' }),
  row('payment', '02', 'ott', KKI_TEST_OTT.invalid, { note: 'or any OTT already used once' }),
  row('payment', '05', 'sequence', 'press Decline on the issuer-app page', {
    timing: 'async',
    note: 'or POST /__sandbox/kki/payments/:ref/decline',
  }),
  row('payment', '08', 'sequence', 'pay with an unknown or unbound bankCardToken', {
    note: 'No Card Record',
  }),
  row('payment', '11', 'cpan', KKI_INVALID_LUHN_CPAN, { note: 'fails the Luhn check' }),
  row('payment', '12', 'ott', KKI_TEST_OTT.expired),
  row('payment', '12', 'sequence', 'leave the payment unconfirmed past ottTtlSeconds', {
    timing: 'async',
    note: 'the OTT expires on the sandbox clock',
  }),
  row('payment', '13', 'amount', '0.00', { note: 'below 1.00, or a fraction of a rupiah' }),
  row('payment', '14', 'amount', '50000001.00', { note: 'above the card limit of 50,000,000.00' }),
  row('unbind', '08', 'sequence', 'unbind an unknown or already unbound tokenId', { note: 'No Card Record' }),
  row('refund', '01', 'sequence', 'reuse a partnerRefundNo', { note: 'Duplicate partnerRefundNo' }),
  row('refund', '13', 'sequence', 'refund more than the amount not yet refunded', {
    note: 'refunds never add up to more than the payment',
  }),
];

/** One issuer's cards that always succeed. */
export interface KkiTestIssuerCards {
  issuer: KkiIssuerId;
  name: string;
  /** The 8-digit prefix the kit reads the issuer from. */
  prefix: string;
  /** Cards that succeed on every flow. */
  cards: string[];
}

/** Three always-succeeding test cards per issuer. */
export const KKI_TEST_CARDS: readonly KkiTestIssuerCards[] = KKI_ISSUERS.map((i) => ({
  issuer: i.id,
  name: i.name,
  prefix: i.prefix,
  cards: [1, 2, 3].map((serial) => kkiTestCpan(i.id, undefined, serial)),
}));

/** The whole table in one object (what `GET /__sandbox/kki/test-values` returns). */
export const KKI_TEST_VALUES = {
  cards: KKI_TEST_CARDS,
  cases: KKI_TEST_CASES,
  otp: KKI_TEST_OTP,
  ott: KKI_TEST_OTT,
  amounts: KKI_TEST_AMOUNTS,
  cardExpiry: 'any future MMYY, e.g. 1230 (optional)',
} as const;
