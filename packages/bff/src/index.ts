/**
 * `@kki-kit/bff`: the Hono backend-for-frontend for DOKU KKI and Cards payments. Mount
 * `createKkiBff(options).app` in your server; use `.merchant` from your own code.
 */
export { createKkiBff, type KkiBff, type ServiceFactory } from './app.js';
export {
  type AuthenticateHook,
  type AuthorizeRefundHook,
  type CheckoutOptions,
  KkiBffConfigError,
  type KkiBffOptions,
  type KkiIntegrationOptions,
  type KkiMerchantApiOptions,
  type RateLimitRule,
  type ResolvedConfig,
  resolveConfig,
} from './config.js';
export { BFF_ENV, optionsFromEnv } from './config-env.js';
export {
  DEFAULT_EVENT_RETRY_SCHEDULE,
  type KkiEventHandler,
  type KkiEventOptions,
  type KkiWebhookOptions,
} from './config-events.js';
export type { KkiEventConsumer, KkiEventDelivery, KkiEvents } from './events/setup.js';
export * from './webhook-signature.js';
export { H2H_NEEDS_PCI_DSS } from './config-integration.js';
export {
  isKkiDomainError,
  isKkiHttpError,
  KkiDomainError,
  type KkiDomainErrorOptions,
  KkiHttpError,
  type KkiHttpErrorOptions,
} from './errors.js';
export {
  canonicalJson,
  createIdempotency,
  type Idempotency,
  type IdempotencyContext,
  type IdempotentCall,
  type IdempotentResponse,
} from './idempotency.js';
export {
  createLog,
  jsonLinesLogger,
  type KkiLogger,
  type KkiLogLevel,
  type KkiLogLine,
  type Log,
  redact,
  redactText,
} from './log.js';
export {
  type ChargeSavedCardInput,
  type CreateOrderInput,
  createMerchantApi,
  type KkiMerchantApi,
  type MerchantCaptureOptions,
  type MerchantCreateOrderOptions,
  type MerchantOperationDeps,
  type MerchantRefundOptions,
} from './merchant.js';
export { createOpenApiDocument, type OpenApiDocument } from './openapi.js';
export { NOTIFICATION_PATHS } from './notifications/paths.js';
export type * from './services/types.js';
export * from './store/index.js';
export { createCustomerToken, verifyCustomerToken } from './session-token.js';
export {
  type CookieSource,
  CUSTOMER_SESSION_SECRET_MIN_LENGTH,
  type CustomerSession,
  type CustomerSessionOptions,
  createCustomerSession,
  DEFAULT_CUSTOMER_COOKIE,
} from './customer-session.js';
