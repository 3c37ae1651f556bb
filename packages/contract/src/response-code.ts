// DOKU's SNAP response and service codes are DOKU's (`@kki-kit/doku/codes`); the contract re-exports
// them for its users, and reads them in `errors/doku-mapping.ts`.
export {
  formatSnapResponseCode,
  KKI_CASE_SERVICE_CODES,
  parseSnapResponseCode,
  SNAP_SERVICE_CODES,
  type SnapResponseCode,
  type SnapServiceCode,
  type SnapServiceName,
} from '@kki-kit/doku/codes';
