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
  isMaskedCpan,
  isValidCpan,
  issuerById,
  issuerFromCpan,
  KKI_ISSUERS,
  type KkiIssuer,
  type KkiIssuerId,
  luhnValid,
  MASKED_CPAN_PATTERN,
  maskCpan,
  normalizeCpan,
} from './issuers.js';
// The API's values by name, not `export *`: a bundler that wraps this module (esbuild, for a module
// loaded with `import()` when it does not split chunks) keeps every module a star re-export names,
// zod schemas included. Types need no such care. A test checks that every value of `api/` is here.
export {
  bindingParamsSchema,
  bindingResponseSchema,
  cardHolderSchema,
  cardParamsSchema,
  createBindingRequestSchema,
  listSavedCardsResponseSchema,
  removeSavedCardResponseSchema,
  verifyBindingOtpRequestSchema,
} from './api/bindings.js';
export {
  cardPageThemeSchema,
  cardReturnMessageSchema,
  cardReturnQuerySchema,
  createCardPaymentRequestSchema,
} from './api/card-payments.js';
export { CARD_RETURN_MESSAGE_TYPE, readCardReturnMessage } from './api/card-return-message.js';
export {
  checkoutReturnMessageSchema,
  checkoutReturnQuerySchema,
  createCheckoutPaymentRequestSchema,
  kitConfigResponseSchema,
} from './api/checkout.js';
export { CHECKOUT_RETURN_MESSAGE_TYPE, CHECKOUT_RETURN_PARAMS } from './api/checkout-return.js';
export {
  bindingIdSchema,
  cardIdSchema,
  cpanInputSchema,
  currencySchema,
  customerIdSchema,
  eventIdSchema,
  expirySchema,
  idempotencyKeySchema,
  kkiErrorSchema,
  kkiIssuerIdSchema,
  lineItemSchema,
  localeSchema,
  maskedCpanSchema,
  orderIdSchema,
  otpSchema,
  ottSchema,
  paymentIdSchema,
  plainTextSchema,
  refundIdSchema,
  timestampSchema,
} from './api/common.js';
export {
  CARD_EVENT_TYPES,
  cardEventSchema,
  eventDeliveryListSchema,
  eventDeliverySchema,
  eventPageSchema,
  KKI_EVENT_CONSUMERS,
  KKI_EVENT_TYPES,
  kkiEventSchema,
  PAYMENT_EVENT_TYPES,
  paymentEventSchema,
  REFUND_EVENT_TYPES,
  redeliveryResultSchema,
  refundEventSchema,
} from './api/events.js';
export {
  IDEMPOTENCY_KEY_HEADER,
  KKI_LOCALE_HEADER,
  KKI_REQUEST_HEADER,
  REQUEST_ID_HEADER,
} from './api/headers.js';
export { ID_PREFIXES, isOpaqueId, opaqueIdPattern, shortId } from './api/ids.js';
export {
  createKkiPaymentRequestSchema,
  getPaymentQuerySchema,
  kkiNewCardSourceSchema,
  kkiSavedCardSourceSchema,
  paymentParamsSchema,
  paymentResponseSchema,
} from './api/kki-payments.js';
export {
  capturePaymentRequestSchema,
  chargeSavedCardRequestSchema,
  createOrderRequestSchema,
  eventCursorSchema,
  eventDeliveriesQuerySchema,
  eventFeedQuerySchema,
  MAX_ORDER_METADATA_KEYS,
  merchantOrderParamsSchema,
  redeliverEventsRequestSchema,
} from './api/merchant.js';
export { kkiMerchantRoutes, MERCHANT_API_PREFIX, MERCHANT_COMMON_ERRORS } from './api/merchant-routes.js';
export { PAYMENT_STATUS_LABELS, paymentMethodLabel, paymentStatusLabel } from './api/payment-labels.js';
export {
  canPaymentTransition,
  isOpenPaymentStatus,
  OPEN_PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
  REOPENABLE_PAYMENT_STATUSES,
} from './api/payment-states.js';
export {
  CARD_PAGE_FALLBACK_HEIGHT_PX,
  CARD_PAGE_FRAME_SANDBOX,
  CARD_PAGE_HEIGHT_MESSAGE_TYPE,
  CARD_PAGE_MAX_HEIGHT_PX,
  readCardPageHeight,
} from './api/card-page-height.js';
export { cardAcquirerName, installmentMonthly } from './api/installments.js';
export { createRefundRequestSchema, listRefundsResponseSchema, refundResponseSchema } from './api/refunds.js';
export { bindingActionResult, paymentActionResult } from './api/results.js';
export { buildKkiPath, KKI_ROUTE_DESCRIPTORS } from './api/route-descriptors.js';
export { COMMON_ROUTE_ERRORS, IDEMPOTENT_ROUTE_ERRORS, KKI_ROUTE_IDS, kkiRoutes } from './api/routes.js';
export { KKI_RESPONSE_MEDIA_TYPES } from './api/route-spec.js';
export {
  BINDING_MODES,
  BINDING_STATUSES,
  CHECKOUT_CHANNELS,
  CHECKOUT_DISPLAYS,
  KKI_INTEGRATIONS,
  KKI_PAYMENT_KINDS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  SAVED_CARD_STATUSES,
} from './api/view-enums.js';
export {
  bindingNextActionSchema,
  bindingViewSchema,
  binSchema,
  CARD_INSTALLMENT_ACQUIRERS,
  CARD_PAYMENT_TYPES,
  cardAcquirerSchema,
  cardPageActionSchema,
  cardPaymentTypeSchema,
  cardPromoSchema,
  checkoutChannelSchema,
  checkoutPageActionSchema,
  issuerAppActionSchema,
  noActionSchema,
  orderCardOptionsSchema,
  orderViewSchema,
  otpInputActionSchema,
  otpRedirectActionSchema,
  paymentCardSchema,
  paymentNextActionSchema,
  paymentStatusSchema,
  paymentViewSchema,
  REFUND_TYPES,
  refundTypeSchema,
  refundViewSchema,
  savedCardViewSchema,
} from './api/views.js';
export type * from './api/index.js';
