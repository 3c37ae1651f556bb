/**
 * `@kki-kit/doku/codes`: DOKU's SNAP response codes, service codes and amount pattern, with no
 * imports and no side effects, so browser code (the contract's error catalogue) can read them without
 * the client, its crypto or its schemas.
 */
export {
  formatSnapResponseCode,
  KKI_CASE_SERVICE_CODES,
  parseSnapResponseCode,
  SNAP_AMOUNT_PATTERN,
  SNAP_SERVICE_CODES,
  type SnapResponseCode,
  type SnapServiceCode,
  type SnapServiceName,
} from './wire/response-code.js';
