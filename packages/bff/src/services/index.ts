// The default service layer: every KKI, Cards and Checkout flow over one DOKU connection. createKkiBff uses it
// when no factory is passed, so a merchant gets every route without wiring anything.
import type { DokuConnection } from '../doku/index.js';
import { createBindingService } from '../bindings/service.js';
import { createCardPaymentService } from '../card-payments/service.js';
import { createCardReconciler } from '../card-payments/reconciliation.js';
import { createCheckoutReconciler } from '../checkout/reconciliation.js';
import { createCheckoutPaymentService } from '../checkout/service.js';
import { createExtraChargeService } from '../refunds/extra-charges.js';
import { createPendingRefunds } from '../refunds/pending-refunds.js';
import { createKkiPaymentApplier } from '../kki-payments/outcome.js';
import { createKkiPaymentService, DEFAULT_OTT_LIFETIME_MS } from '../kki-payments/service.js';
import { createNonSnapNotificationHandler } from '../notifications/non-snap.js';
import { createNonSnapReplay } from '../notifications/non-snap-replay.js';
import { createReconciliationService, type PaymentReconciler } from './reconciliation.js';
import { createRefundService } from '../refunds/service.js';
import { createSavedCardService } from '../saved-cards/service.js';
import { createSnapNotificationHandlers } from '../notifications/snap.js';
import type { KkiServices, ServiceDeps } from './types.js';

export { applyBindingOutcome, createBindingService } from '../bindings/service.js';
export { createExtraChargeService, extraChargeRefundContext } from '../refunds/extra-charges.js';
export {
  createKkiPaymentApplier,
  type KkiPaymentApplier,
  type KkiPaymentOutcome,
} from '../kki-payments/outcome.js';
export { createKkiPaymentService, DEFAULT_OTT_LIFETIME_MS } from '../kki-payments/service.js';
export { createReconciliationService, type PaymentReconciler } from './reconciliation.js';
export { createSavedCardService } from '../saved-cards/service.js';
export { createSnapNotificationHandlers, NOTIFICATION_MAX_SKEW_MS } from '../notifications/snap.js';

/** What the default services are built from: the BFF's dependencies and its DOKU connection. */
export interface DefaultServiceDeps extends ServiceDeps {
  doku: DokuConnection;
}

/** Builds every service over `deps.doku`. */
export function createDefaultServices(deps: DefaultServiceDeps): KkiServices {
  const client = deps.doku.client;
  const core: ServiceDeps = { config: deps.config, store: deps.store, log: deps.log };
  const refunds = createRefundService(core, client);
  // Every service that applies DOKU's word refunds a charge the order does not keep at once.
  const base: ServiceDeps = { ...core, extraCharges: createExtraChargeService(core, refunds) };
  const applier = createKkiPaymentApplier(base);
  // Offline, the customer's confirmation window is the sandbox's OTT lifetime.
  const ottSeconds = deps.doku.sandbox?.config.ottTtlSeconds;
  const kkiPayments = createKkiPaymentService({
    ...base,
    doku: client,
    applier,
    ottLifetimeMs: ottSeconds === undefined ? DEFAULT_OTT_LIFETIME_MS : ottSeconds * 1000,
  });
  const cardPayments = createCardPaymentService(base, client);
  const checkout = createCheckoutPaymentService(base, client);
  const snap = createSnapNotificationHandlers({
    ...base,
    doku: client,
    applier,
    checkPayment: (payment) => kkiPayments.refresh(payment),
  });
  const nonSnap = createNonSnapNotificationHandler(base, {
    checkPayment: (payment) => cardPayments.confirm(payment),
    checkCheckout: (payment) => checkout.confirm(payment),
  });
  const reconcilers: PaymentReconciler[] = [
    { method: 'kki', settle: (payment) => kkiPayments.refresh(payment) },
    createCardReconciler(cardPayments),
    createCheckoutReconciler(checkout),
  ];
  return {
    kkiPayments,
    bindings: createBindingService({ ...base, doku: client }),
    savedCards: createSavedCardService({ ...base, doku: client }),
    cardPayments,
    checkout,
    refunds,
    notifications: {
      snap: snap.snap,
      nonSnap,
      snapToken: snap.snapToken,
    },
    reconciliation: createReconciliationService({
      ...base,
      reconcilers,
      inboxReplays: [snap.replayReceived, createNonSnapReplay(base, reconcilers)],
      pendingRefunds: createPendingRefunds(base, refunds),
    }),
  };
}
