/**
 * DOKU's codes → {@link KkiErrorCode}. Everything the kit believes about what DOKU's codes mean lives
 * in this module and the tables it re-exports (KKI case codes, SNAP's table and field wording,
 * Non-SNAP errors), so when DOKU confirms (or contradicts) an inference, one edit fixes the BFF,
 * the sandbox and the UI together. Section numbers (§) cite the DOKU research notes, doku-api.md.
 */
import { SNAP_LAYER_ANSWERS } from '@kki-kit/doku/open-questions';
import { parseSnapResponseCode } from '../response-code.js';
import type { KkiErrorCode } from './codes.js';
import { isKkiCase, isKkiService, KKI_CASE_CODES } from './kki-case-codes.js';
import { SNAP_STANDARD_CODES } from './snap-codes.js';
import { fieldErrorOf } from './snap-field-errors.js';

export {
  isKkiService,
  KKI_CASE_CODES,
  KKI_ERROR_HTTP_STATUSES,
  KKI_SERVICE_CODES,
  type KkiCaseCode,
  type KkiCaseCodeInfo,
} from './kki-case-codes.js';
export {
  kkiErrorFromNonSnap,
  NON_SNAP_ERROR_CODES,
  NON_SNAP_FAILURE_STATUSES,
  type NonSnapErrorCodeInfo,
} from './non-snap-mapping.js';
export { SNAP_STANDARD_CODES, type SnapStandardCode } from './snap-codes.js';
export { kkiFieldFromSnapMessage } from './snap-field-errors.js';

const SNAP_LAYER_ANY_CASE: readonly number[] = SNAP_LAYER_ANSWERS.anyCase;
const SNAP_LAYER_PAIRS: Readonly<Partial<Record<number, readonly string[]>>> = SNAP_LAYER_ANSWERS.pairs;

/**
 * Whether an answer comes from DOKU's SNAP layer, before a KKI service reads the request, and so is
 * read by the SNAP table even on KKI services (B2B token, 409-00, 429, 504: a guess, see
 * `SNAP_LAYER_ANSWERS` in `@kki-kit/doku/open-questions`).
 */
const SNAP_LAYER = (httpStatus: number, caseCode: string): boolean =>
  SNAP_LAYER_ANY_CASE.includes(httpStatus) || (SNAP_LAYER_PAIRS[httpStatus]?.includes(caseCode) ?? false);

const pairKey = (httpStatus: number, caseCode: string): string => `${httpStatus}-${caseCode}`;

const SNAP_PAIRS: ReadonlyMap<string, KkiErrorCode | null> = new Map(
  SNAP_STANDARD_CODES.map((r) => [pairKey(r.httpStatus, r.caseCode), r.kkiErrorCode] as const),
);

/**
 * Reads a SNAP `responseCode` (§6.1) as a kit error code.
 *
 * - Any 2xx → `null`: not an error (202 "in progress" is a pending state for the caller to handle).
 * - KKI services ({@link KKI_SERVICE_CODES}): a case of seed 001's table means what the table says
 *   whatever the HTTP status (`4030108` is "No Card Record", `4000101` a duplicate), in the
 *   service's reading ({@link KKI_CASE_CODES}); answers of the SNAP layer (B2B token, 409-00, 429, 504)
 *   and cases outside the table are read by the SNAP table.
 * - Other services: the SNAP table (§6.3).
 * - Anything else (unknown pair, malformed code) → `'unknown_doku_error'`; never throws.
 *
 * KKI case 00 is "General / Format Error": given DOKU's `responseMessage`, SNAP's wording
 * ("Invalid Field Format {field}", "Invalid Mandatory Field {field}") tells a field error apart.
 */
export function kkiErrorFromSnap(responseCode: string, responseMessage?: string): KkiErrorCode | null {
  const parsed = parseSnapResponseCode(responseCode);
  if (!parsed) return 'unknown_doku_error';
  const { httpStatus, serviceCode, caseCode } = parsed;
  if (httpStatus >= 200 && httpStatus < 300) return null;
  if (
    httpStatus >= 400 &&
    isKkiService(serviceCode) &&
    isKkiCase(caseCode) &&
    !SNAP_LAYER(httpStatus, caseCode)
  ) {
    const info = KKI_CASE_CODES[caseCode];
    const code = info.byService[serviceCode] ?? info.kkiErrorCode;
    return code === 'bad_request' ? (fieldErrorOf(responseMessage) ?? code) : code;
  }
  return SNAP_PAIRS.get(pairKey(httpStatus, caseCode)) ?? 'unknown_doku_error';
}
