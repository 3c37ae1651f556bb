// Which catalogue codes each DOKU flow can hand the shopper, derived from the contract's tables (the
// KKI case list, the SNAP standard table and the Non-SNAP Cards codes), never copied by hand. The
// stories show one failure per (flow, code); test/story-coverage.test.ts checks none is missing.
import {
  formatSnapResponseCode,
  KKI_CASE_CODES,
  KKI_ERROR_HTTP_STATUSES,
  type KkiErrorCode,
  kkiErrorFromSnap,
  NON_SNAP_ERROR_CODES,
  NON_SNAP_FAILURE_STATUSES,
  SNAP_SERVICE_CODES,
  SNAP_STANDARD_CODES,
} from '@kki-kit/contract';

/**
 * The DOKU flows a story can fail in: four SNAP services, the Non-SNAP Cards API, and DOKU Checkout
 * (whose outcome the BFF reads with the same Non-SNAP tables).
 */
export type KkiStoryFlow = 'binding' | 'unbinding' | 'payment' | 'refund' | 'cards' | 'checkout';

/** The SNAP service behind each KKI flow (binding 01, unbinding 05, payment 54, refund 58). */
const SNAP_FLOW_SERVICES = {
  binding: SNAP_SERVICE_CODES.cardBind,
  unbinding: SNAP_SERVICE_CODES.cardUnbind,
  payment: SNAP_SERVICE_CODES.payment,
  refund: SNAP_SERVICE_CODES.refund,
} as const satisfies Record<Exclude<KkiStoryFlow, 'cards' | 'checkout'>, string>;

/** One code a flow can return, with DOKU's own codes that lead to it. */
export interface FlowCase {
  readonly code: KkiErrorCode;
  /** SNAP `responseCode`s (e.g. `4030105`) or Non-SNAP `errors.code` / failure statuses. */
  readonly dokuCodes: readonly string[];
}

function group(pairs: Iterable<readonly [string, KkiErrorCode | null]>): readonly FlowCase[] {
  const byCode = new Map<KkiErrorCode, string[]>();
  for (const [doku, code] of pairs) {
    if (code === null) continue;
    const list = byCode.get(code) ?? [];
    if (!list.includes(doku)) list.push(doku);
    byCode.set(code, list);
  }
  return [...byCode].map(([code, dokuCodes]) => ({ code, dokuCodes }));
}

/** SNAP's wording of a field error (§6.3), which DOKU's message may carry with any code. */
const FIELD_MESSAGES = ['Invalid Field Format {field}', 'Invalid Mandatory Field {field}'] as const;

/** Every error `responseCode` a SNAP service can answer with, read as the kit reads it. */
function snapCases(serviceCode: string): readonly FlowCase[] {
  const pairs: [string, KkiErrorCode | null][] = [];
  // A KKI case reads the same at every status seed 001 documents, so each is listed; case 00's
  // message may name a field ("Invalid Field Format {field}"), which makes it a field error.
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
  return group(pairs);
}

/** Every code the Non-SNAP Cards API can lead to: its error codes, their messages, failure statuses. */
function cardsCases(): readonly FlowCase[] {
  const pairs: [string, KkiErrorCode][] = [];
  for (const [dokuCode, info] of Object.entries(NON_SNAP_ERROR_CODES)) {
    pairs.push([dokuCode, info.kkiErrorCode]);
    for (const [message, code] of Object.entries(info.messages))
      pairs.push([`${dokuCode}: ${message}`, code]);
  }
  for (const failure of Object.values(NON_SNAP_FAILURE_STATUSES))
    pairs.push([failure.status, failure.kkiErrorCode]);
  return group(pairs);
}

/** Per flow, every catalogue code it can return. */
export const FLOW_CASES: { readonly [F in KkiStoryFlow]: readonly FlowCase[] } = {
  binding: snapCases(SNAP_FLOW_SERVICES.binding),
  unbinding: snapCases(SNAP_FLOW_SERVICES.unbinding),
  payment: snapCases(SNAP_FLOW_SERVICES.payment),
  refund: snapCases(SNAP_FLOW_SERVICES.refund),
  cards: cardsCases(),
  // A failed Checkout payment carries what the BFF reads from DOKU's status answer or notification
  // with kkiErrorFromNonSnap: the Non-SNAP tables again.
  checkout: cardsCases(),
};

/** DOKU's codes behind `code` in `flow` (empty when the flow cannot return it). */
export function dokuCodesFor(flow: KkiStoryFlow, code: KkiErrorCode): readonly string[] {
  return FLOW_CASES[flow].find((c) => c.code === code)?.dokuCodes ?? [];
}
