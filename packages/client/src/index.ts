/**
 * `@kki-kit/client`: the framework-free core of kki-kit. The typed client of the BFF's browser API,
 * the action runner (one call in flight, idempotency keys kept only while an outcome is unknown),
 * and the payment flow (polling, expiry, resume) that any UI layer can drive.
 */
export {
  createAction,
  createActionRunner,
  createSingleFlight,
  isOutcomeUnknown,
  type KkiAction,
  type KkiActionOptions,
  type KkiActionRunner,
  type KkiOutcome,
  OutcomeGate,
  outcomeKey,
  type SingleFlight,
} from './action.js';
export { DEFAULT_POLLING, isExpired, type KkiPollingOptions, nextPoll, pollDelay } from './backoff.js';
export {
  createKkiClient,
  type KkiClient,
  type KkiClientOptions,
  type KkiJsonRouteId,
  type KkiRequestInput,
} from './bff-client.js';
export {
  checkoutReturnFrom,
  type KkiCheckoutReturn,
  onCheckoutReturnMessage,
  withoutCheckoutReturn,
} from './checkout-return.js';
export { fingerprint } from './fingerprint.js';
export { AttemptKeys, newIdempotencyKey } from './idempotency.js';
export { localError, localizeError, requestErrorToKki } from './localize.js';
export { onPageShown } from './page-shown.js';
export {
  createPaymentFlow,
  createPaymentFlowCore,
  createPaymentFlowWith,
  type KkiFocusSource,
  type KkiPaymentFlow,
  type KkiPaymentFlowCoreOptions,
  type KkiPaymentFlowOptions,
  type KkiPaymentFlowState,
  type KkiPaymentSource,
  type KkiPaymentStart,
} from './payment-flow.js';
export {
  firePaymentCallbacks,
  type KkiPaymentAction,
  type KkiPaymentCallbacks,
  localizedPaymentResult,
  type PaymentOutcomeInput,
  paymentOutcome,
  paymentOutcomeKey,
} from './payment-outcome.js';
export { isOpenPayment, type KkiPaymentPhase, paymentPhase } from './payment-phase.js';
export {
  clearPendingPayment,
  type PendingPaymentStore,
  readPendingPayment,
  sessionPendingPayments,
  writePendingPayment,
} from './pending-payment.js';
export { KkiRequestError, resendFailure } from './request-error.js';
