/**
 * Which catalogue codes can reach each DOKU flow of the kit, and who reads the error there. A flow
 * names its DOKU source (a SNAP service, or a Non-SNAP operation); the codes are read from the
 * contract's own DOKU tables (KKI case list, SNAP standard table, Non-SNAP codes), so a code added to
 * those tables reaches every flow that can receive it. Its copy for the flow's reader is in
 * `flow-copy.ts`. Storybook shows one story per (flow, code). Not used by the browser kit.
 */
import { KKI_CASE_HTTP_STATUS } from '@kki-kit/doku/open-questions';
import type { KkiRouteId } from '../api/routes.js';
import type { LocalizedText } from '../locale.js';
import { formatSnapResponseCode, SNAP_SERVICE_CODES, type SnapServiceName } from '../response-code.js';
import { KKI_ERROR_CATALOGUE } from './catalogue.js';
import type { KkiErrorCode } from './codes.js';
import { kkiErrorFromSnap } from './doku-mapping.js';
import { type KkiCopyFlow, KKI_FLOW_COPY } from './flow-copy.js';
import { KKI_CASE_CODES, KKI_ERROR_HTTP_STATUSES } from './kki-case-codes.js';
import { NON_SNAP_ERROR_CODES, NON_SNAP_FAILURE_STATUSES } from './non-snap-mapping.js';
import { SNAP_STANDARD_CODES } from './snap-codes.js';

export type { KkiCopyFlow } from './flow-copy.js';

/** Who reads an error in a flow: the shopper paying or binding, store staff refunding, the card owner managing saved cards. */
export type KkiErrorReader = 'shopper' | 'staff' | 'account';

/** Where a flow's DOKU answers come from. */
export type KkiFlowSource =
  | { readonly snap: SnapServiceName }
  | { readonly nonSnap: keyof typeof NON_SNAP_FAILURE_STATUSES };

/** One DOKU flow of the kit. */
export interface KkiErrorFlowInfo {
  /** Who reads the error. */
  readonly reader: KkiErrorReader;
  /** Which copy the reader gets (see `KKI_FLOW_COPY`). */
  readonly copy: KkiCopyFlow;
  /** The DOKU API behind the flow. */
  readonly source: KkiFlowSource;
}

/** The DOKU flows: KKI (SNAP) binding, payment, refund, unbinding; Cards (Non-SNAP) payment, refund, token removal; Checkout. */
export const KKI_ERROR_FLOWS = {
  kki_payment: { reader: 'shopper', copy: 'payment', source: { snap: 'payment' } },
  kki_binding: { reader: 'shopper', copy: 'binding', source: { snap: 'cardBind' } },
  kki_refund: { reader: 'staff', copy: 'refund', source: { snap: 'refund' } },
  kki_unbinding: { reader: 'account', copy: 'card_removal', source: { snap: 'cardUnbind' } },
  card_payment: { reader: 'shopper', copy: 'payment', source: { nonSnap: 'payment' } },
  // A failed Checkout payment carries what the BFF reads from DOKU's status answer with the Non-SNAP tables.
  checkout_payment: { reader: 'shopper', copy: 'payment', source: { nonSnap: 'payment' } },
  card_refund: { reader: 'staff', copy: 'refund', source: { nonSnap: 'refund' } },
  card_removal: { reader: 'account', copy: 'card_removal', source: { nonSnap: 'deleteTokenization' } },
} as const satisfies Record<string, KkiErrorFlowInfo>;

/** A DOKU flow of the kit, e.g. `'kki_refund'`. */
export type KkiErrorFlow = keyof typeof KKI_ERROR_FLOWS;

/** The flows, in the order above. */
export const KKI_ERROR_FLOW_NAMES = Object.keys(KKI_ERROR_FLOWS) as KkiErrorFlow[];

/**
 * The copy flow of the BFF routes whose errors are not read by a shopper paying: the BFF words their
 * refusals, and the errors in their views, for that reader. Other routes use the catalogue's copy.
 */
export const KKI_ROUTE_COPY_FLOWS: { readonly [R in KkiRouteId]?: KkiCopyFlow } = {
  createBinding: 'binding',
  getBinding: 'binding',
  verifyBindingOtp: 'binding',
  removeSavedCard: 'card_removal',
  createRefund: 'refund',
  listRefunds: 'refund',
};

/** One code a flow can return, with DOKU's codes that lead to it. */
export interface KkiFlowCase {
  readonly code: KkiErrorCode;
  /** SNAP `responseCode`s (e.g. `4035414`) or Non-SNAP `errors.code`s / failure statuses, in table order. */
  readonly dokuCodes: readonly string[];
  /** Two-digit SNAP case codes behind it (e.g. `['14']`); empty for Non-SNAP flows. */
  readonly caseCodes: readonly string[];
  /**
   * The DOKU code to show for each case (the status the sandbox answers a KKI case with, else the
   * first), or the Non-SNAP codes themselves.
   */
  readonly shownCodes: readonly string[];
}

/** SNAP's wording of a field error (§6.3), which DOKU's message may carry with any code. */
const FIELD_MESSAGES = ['Invalid Field Format {field}', 'Invalid Mandatory Field {field}'] as const;

function group(pairs: Iterable<readonly [string, KkiErrorCode | null]>): Map<KkiErrorCode, string[]> {
  const byCode = new Map<KkiErrorCode, string[]>();
  for (const [doku, code] of pairs) {
    if (code === null) continue;
    const list = byCode.get(code) ?? [];
    if (!list.includes(doku)) list.push(doku);
    byCode.set(code, list);
  }
  return byCode;
}

const SANDBOX_STATUS: Readonly<Record<string, number>> = KKI_CASE_HTTP_STATUS;

function snapCases(serviceCode: string): KkiFlowCase[] {
  const pairs: [string, KkiErrorCode | null][] = [];
  // A KKI case reads the same at every status seed 001 documents, so each is listed; case 00's
  // message may name a field, which makes it a field error.
  for (const caseCode of Object.keys(KKI_CASE_CODES)) {
    for (const httpStatus of KKI_ERROR_HTTP_STATUSES) {
      const responseCode = formatSnapResponseCode(httpStatus, serviceCode, caseCode);
      for (const message of [undefined, ...FIELD_MESSAGES])
        pairs.push([responseCode, kkiErrorFromSnap(responseCode, message)]);
    }
  }
  for (const row of SNAP_STANDARD_CODES) {
    const responseCode = formatSnapResponseCode(row.httpStatus, serviceCode, row.caseCode);
    pairs.push([responseCode, kkiErrorFromSnap(responseCode, row.message)]);
  }
  return [...group(pairs)].map(([code, dokuCodes]) => {
    const caseCodes = [...new Set(dokuCodes.map((c) => c.slice(5)))].sort();
    const shownCodes = caseCodes.map((caseCode) => {
      const ofCase = dokuCodes.filter((c) => c.slice(5) === caseCode);
      const sandbox = ofCase.find((c) => Number(c.slice(0, 3)) === SANDBOX_STATUS[caseCode]);
      return sandbox ?? (ofCase[0] as string);
    });
    return { code, dokuCodes, caseCodes, shownCodes };
  });
}

function nonSnapCases(failure: keyof typeof NON_SNAP_FAILURE_STATUSES): KkiFlowCase[] {
  const pairs: [string, KkiErrorCode][] = [];
  for (const [dokuCode, info] of Object.entries(NON_SNAP_ERROR_CODES)) {
    pairs.push([dokuCode, info.kkiErrorCode]);
    for (const [message, code] of Object.entries(info.messages))
      pairs.push([`${dokuCode}: ${message}`, code]);
  }
  const status = NON_SNAP_FAILURE_STATUSES[failure];
  pairs.push([status.status, status.kkiErrorCode]);
  return [...group(pairs)].map(([code, dokuCodes]) => ({
    code,
    dokuCodes,
    caseCodes: [],
    shownCodes: [...new Set(dokuCodes.map((c) => c.split(':')[0] as string))],
  }));
}

function casesOf(info: KkiErrorFlowInfo): readonly KkiFlowCase[] {
  return 'snap' in info.source
    ? snapCases(SNAP_SERVICE_CODES[info.source.snap])
    : nonSnapCases(info.source.nonSnap);
}

const byCaseCode = (a: KkiFlowCase, b: KkiFlowCase): number =>
  (a.caseCodes[0] ?? '').localeCompare(b.caseCodes[0] ?? '') ||
  (a.shownCodes[0] ?? '').localeCompare(b.shownCodes[0] ?? '') ||
  a.code.localeCompare(b.code);

function allFlowCases(): { readonly [F in KkiErrorFlow]: readonly KkiFlowCase[] } {
  const cases = {} as Record<KkiErrorFlow, readonly KkiFlowCase[]>;
  for (const flow of KKI_ERROR_FLOW_NAMES) cases[flow] = [...casesOf(KKI_ERROR_FLOWS[flow])].sort(byCaseCode);
  return cases;
}

/** Per flow, every catalogue code DOKU's answers can lead to there, sorted by case code then code. */
export const KKI_FLOW_CASES: { readonly [F in KkiErrorFlow]: readonly KkiFlowCase[] } = allFlowCases();

/** The case of `code` in `flow`, or `undefined` when the flow cannot return it. */
export const kkiFlowCase = (flow: KkiErrorFlow, code: KkiErrorCode): KkiFlowCase | undefined =>
  KKI_FLOW_CASES[flow].find((c) => c.code === code);

/**
 * The copy of `code` written for the reader of `copyFlow`: the flow's own wording, else (for the
 * shopper's flows only) the catalogue's shopper copy; `undefined` when staff or account copy is missing.
 */
export function kkiFlowCopy(copyFlow: KkiCopyFlow, code: KkiErrorCode): LocalizedText | undefined {
  const own = (KKI_FLOW_COPY[copyFlow] as Partial<Record<KkiErrorCode, LocalizedText>>)[code];
  if (own) return own;
  return copyFlow === 'payment' || copyFlow === 'binding' ? KKI_ERROR_CATALOGUE[code].copy : undefined;
}

/** A code's name as a developer reads it: `insufficient_funds` → "Insufficient funds". */
export const kkiErrorTitle = (code: KkiErrorCode): string =>
  `${code.charAt(0).toUpperCase()}${code.slice(1).replaceAll('_', ' ')}`
    .replace(/\bott\b/gi, 'OTT')
    .replace(/\botp\b/gi, 'OTP')
    .replace(/\bcpan\b/gi, 'CPAN')
    .replace(/\bapi\b/gi, 'API')
    .replace(/\bdoku\b/gi, 'DOKU');
