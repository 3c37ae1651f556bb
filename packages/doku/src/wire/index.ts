// DOKU wire formats: zod schemas of every request and response body the kit sends or receives,
// shared by the client (which builds them) and the sandbox (which validates them).
export * from './card-data.js';
export * from './checkout.js';
export * from './checkout-outcome.js';
export {
  kkiChannelSchema,
  SNAP_PARTNER_ID_MAX,
  SNAP_TIMESTAMP_PATTERN,
  SNAP_TRANSACTION_STATUSES,
  type SnapErrorResponse,
  type SnapLineItem,
  type SnapMoney,
  type SnapTransactionStatus,
  snapAmountValueSchema,
  snapErrorResponseSchema,
  snapLineItemSchema,
  snapMoneyResponseSchema,
  snapMoneySchema,
  snapResponseCodeSchema,
  snapTransactionStatusSchema,
} from './common.js';
export * from './endpoints.js';
export {
  formatSnapResponseCode,
  parseSnapResponseCode,
  SNAP_AMOUNT_PATTERN,
  type SnapResponseCode,
  type SnapServiceCode,
  type SnapServiceName,
} from './response-code.js';
export * from './issues.js';
export * from './non-snap.js';
export * from './open-questions.js';
export * from './snap-binding.js';
export * from './snap-notification.js';
export * from './snap-payment.js';
export * from './snap-refund.js';
export * from './snap-status.js';
export * from './snap-token.js';
