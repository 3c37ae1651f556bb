/**
 * `@kki-kit/contract`: the browser-safe single source of truth shared by the BFF, the sandbox and the
 * React kit. No Node APIs, no React.
 */
export {
  type ApiErrorBody,
  apiErrorBodySchema,
  kkiErrorFromApiErrorBody,
  toApiErrorBody,
} from './errors/api-error-body.js';
export {
  KKI_ERROR_CATALOGUE,
  type KkiErrorCatalogue,
  type KkiErrorCatalogueEntry,
} from './errors/catalogue.js';
export { isKkiErrorCode, KKI_ERROR_CODES, type KkiErrorCode } from './errors/codes.js';
export { type DokuFailureLike, kkiErrorFromDokuFailure } from './errors/doku-failure.js';
export { type KkiErrorDetails, kkiErrorDetailsSchema } from './errors/details.js';
export { isKkiErrorShape } from './errors/error-shape.js';
export {
  isKkiService,
  KKI_CASE_CODES,
  KKI_ERROR_HTTP_STATUSES,
  KKI_SERVICE_CODES,
  type KkiCaseCode,
  type KkiCaseCodeInfo,
  kkiErrorFromNonSnap,
  kkiErrorFromSnap,
  kkiFieldFromSnapMessage,
  NON_SNAP_ERROR_CODES,
  NON_SNAP_FAILURE_STATUSES,
  type NonSnapErrorCodeInfo,
  SNAP_STANDARD_CODES,
  type SnapStandardCode,
} from './errors/doku-mapping.js';
export {
  KKI_ERROR_FLOW_NAMES,
  KKI_ERROR_FLOWS,
  KKI_FLOW_CASES,
  KKI_ROUTE_COPY_FLOWS,
  type KkiCopyFlow,
  type KkiErrorFlow,
  type KkiErrorFlowInfo,
  type KkiErrorReader,
  type KkiFlowCase,
  type KkiFlowSource,
  kkiErrorTitle,
  kkiFlowCase,
  kkiFlowCopy,
} from './errors/flows.js';
export { KKI_FLOW_COPY } from './errors/flow-copy.js';
export { isKkiField, KKI_FIELD_LABELS, KKI_FIELDS, type KkiField } from './errors/fields.js';
export {
  type CreateKkiErrorOptions,
  createKkiError,
  getErrorCopy,
  isKkiError,
  type KkiCopyOverrides,
  type KkiError,
  kkiErrorFromSnapResponse,
  type SnapResponseLike,
} from './errors/kki-error.js';
export {
  createLocalKkiError,
  isLocalKkiErrorCode,
  LOCAL_KKI_ERRORS,
  type LocalKkiErrorCode,
  localErrorCopy,
} from './errors/local-errors.js';
export { DEFAULT_LOCALE, isKkiLocale, KKI_LOCALES, type KkiLocale, type LocalizedText } from './locale.js';
export {
  assertRupiah,
  formatIdr,
  isRupiah,
  MAX_RUPIAH,
  MoneyError,
  type MoneyErrorCode,
  parseNonSnapAmount,
  parseSnapAmount,
  SNAP_AMOUNT_PATTERN,
  toNonSnapAmount,
  toSnapAmount,
} from './money.js';
export { rupiahSchema, type SnapAmount, snapAmountSchema, toSnapAmountObject } from './money-schemas.js';
export {
  formatSnapResponseCode,
  parseSnapResponseCode,
  SNAP_SERVICE_CODES,
  type SnapResponseCode,
  type SnapServiceCode,
  type SnapServiceName,
} from './response-code.js';
export {
  CPAN_MAX_LENGTH,
  CPAN_MIN_LENGTH,
  isValidCpan,
  issuerById,
  issuerFromCpan,
  KKI_ISSUERS,
  type KkiIssuer,
  type KkiIssuerId,
  luhnValid,
  maskCpan,
  normalizeCpan,
} from './issuers.js';
export * from './api/index.js';
