// The typed DOKU client and its result and error types.
export type { KkiCardInput } from './card-input.js';
export {
  createDokuClient,
  type DokuClient,
  type NonSnapStatusResult,
  type RsaNotificationInput,
  type SnapStatusResult,
} from './client.js';
export {
  DokuError,
  type DokuErrorInit,
  type DokuErrorKind,
  type DokuErrorReason,
  DokuRequestError,
  isDokuError,
} from './errors.js';
export type {
  BindCardInput,
  BindingCallOptions,
  DebitRefundInput,
  DebitStatusInput,
  KkiPaymentBase,
  KkiPaymentInput,
  UnbindCardInput,
  VerifyOtpInput,
} from './inputs.js';
export type { NonSnapCallOptions, NonSnapResult } from './non-snap-call.js';
export { type DokuClientOptions, type DokuLogEvent, type DokuLogger, resolveBaseUrl } from './options.js';
export type { SnapCallOptions, SnapResult } from './snap-call.js';
export { type B2bToken, B2bTokenCache, type FetchedToken } from './token-cache.js';
