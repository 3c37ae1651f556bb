// The one throttle on asking DOKU for an open payment's status on a browser's behalf (a poll with
// `refresh=true`, the card return page): a page polling every second, or a URL hit in a loop, must
// not become a DOKU call per hit and drain the merchant's DOKU quota.
import { PAYMENT_RECHECK_UNTIL_FACT, type PaymentRecord, type Store } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import type { KkiServices } from './types.js';

/** An open payment is checked with DOKU again only once this long has passed since the last check. */
export const REFRESH_AFTER_MS = 15_000;

/** Asks DOKU for `payment`'s status when due, else returns it as stored. */
export type PaymentRefresh = (payment: PaymentRecord) => Promise<PaymentRecord>;

/**
 * The throttled status refresh. Due when the payment is still open (`created`, `pending`), or closed
 * by the BFF while DOKU could still take it (marked for the closed-payment recheck: the customer who
 * cancelled in the shop and then confirmed in the issuer app comes back to the shop's page, which
 * reads the payment), and was never checked with DOKU, or last checked {@link REFRESH_AFTER_MS} ago.
 * The check is recorded before
 * DOKU is asked, so a failing or slow DOKU call throttles the next hits too; concurrent calls for one
 * payment share one DOKU call.
 */
export function createPaymentRefresh(services: KkiServices, store: Store): PaymentRefresh {
  const inFlight = new Map<string, Promise<PaymentRecord>>();
  return async (payment) => {
    const askable =
      isOpenPayment(payment.status) || typeof payment.doku[PAYMENT_RECHECK_UNTIL_FACT] === 'string';
    const lastCheck = payment.lastCheckedAt?.getTime();
    if (!askable || (lastCheck !== undefined && Date.now() - lastCheck < REFRESH_AFTER_MS)) return payment;
    const refresher = {
      kki: services.kkiPayments?.refresh,
      card: services.cardPayments?.confirm,
      checkout: services.checkout?.confirm,
    }[payment.method];
    if (!refresher) return payment;
    const running = inFlight.get(payment.id);
    if (running) return running;
    const call = store.payments
      .update(payment.id, { lastCheckedAt: new Date() })
      .then((claimed) => refresher(claimed))
      .finally(() => inFlight.delete(payment.id));
    inFlight.set(payment.id, call);
    return call;
  };
}
