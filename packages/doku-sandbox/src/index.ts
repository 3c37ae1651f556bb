/**
 * `@kki-kit/doku-sandbox`: an offline DOKU for KKI (SNAP), Cards and Checkout (Non-SNAP). Same paths,
 * headers, signatures and response codes as DOKU; hosted OTP, issuer-app, card and Checkout pages;
 * signed notifications; a controllable clock, fault injection and a ledger for tests.
 */
export { createSandbox, type Sandbox, type SandboxOptions } from './app.js';
export { type ControllableClock, createClock } from './clock.js';
export {
  DEFAULT_CLIENT_ID,
  DEFAULT_PORT,
  DEFAULT_SANDBOX_CONFIG,
  DEFAULT_SECRET_KEY,
  hostedUrl,
  parseFaultRule,
  resolveSandboxConfig,
  SANDBOX_ENV,
  SandboxConfigError,
  sandboxConfigFromEnv,
  sandboxPortFromEnv,
} from './config.js';
export type {
  FaultInjector,
  FaultKind,
  FaultRule,
  NotificationAttempt,
  NotificationFaultKind,
  Notifier,
  OutboundNotification,
  SandboxClock,
  SandboxConfig,
  SandboxContext,
  SandboxModule,
  SeededRandom,
  SnapNotificationMode,
} from './context.js';
export {
  CHECKOUT_FAULT_ENDPOINT,
  CHECKOUT_PAGE_PREFIX,
  type CheckoutLedger,
  type CheckoutLedgerSession,
} from './checkout/index.js';
export { CONTROL_PREFIX } from './control.js';
export { DroppedConnectionError, type FiredFault, type SandboxFaultInjector } from './faults.js';
export type { SandboxLedger } from './ledger.js';
export { createRandom, type SandboxRandom } from './random.js';
export { startSandboxServer, type SandboxServer } from './server.js';
export { KKI_ENDPOINT_KEYS } from './snap/index.js';
export { REPLAY_HEADER } from './snap/pipeline.js';
export * from './test-keys.js';
export * from './test-values/kki.js';
export { CARD_TEST_VALUES, type CardTestValues } from './test-values/card-page.js';
export type { CardBrand, CardOutcome, TestCard } from './test-values/cards.js';
