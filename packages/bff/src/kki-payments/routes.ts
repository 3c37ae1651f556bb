// KKI payments (KkiPayButton): create, read/poll, cancel. Reads work from the store alone; create,
// cancel and the DOKU status refresh need the KKI payment service and are mounted with it.
import type { Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import type { PaymentRecord } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import { requestLocale } from '../security/error-handler.js';
import { offlinePageUrl, paymentView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';
import { payOrderWithKki } from '../orders/pay-order.js';
import { appLinkQrSvg } from './app-link-qr.js';

async function ownPayment(
  deps: RouteDeps,
  paymentId: string,
  customerId: string | null,
): Promise<PaymentRecord> {
  const payment = await deps.store.payments.getForCustomer(paymentId, customerId ?? '');
  if (!payment) throw new KkiDomainError('not_found');
  return payment;
}

/**
 * Mounts `getPayment` and `getPaymentAppLinkQr` always; `createKkiPayment` (H2H only) and `cancelPayment` when the KKI payment
 * service exists; with only the Checkout service, `cancelPayment` for checkout payments.
 */
export function registerKkiPaymentRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.kkiPayments;
  const checkout = deps.services.checkout;

  defineRoute(app, deps, 'getPayment', async ({ params, query, customerId }) => {
    const payment = await ownPayment(deps, params.paymentId, customerId);
    return { body: paymentView(query.refresh === 'true' ? await deps.refreshPayment(payment) : payment) };
  });

  defineRoute(app, deps, 'getPaymentAppLinkQr', async ({ c, params, customerId }) => {
    const payment = await ownPayment(deps, params.paymentId, customerId);
    // Exactly the link the payment's view shows the customer, and only while it is shown.
    const action = paymentView(payment).nextAction;
    if (action.type !== 'issuer_app')
      throw new KkiDomainError('not_found', { internal: `no issuer-app link (${action.type})` });
    c.header('Cache-Control', 'no-store');
    // Shown by the shop's page as an <img>: a shop on another origin of the same site may embed it.
    c.header('Cross-Origin-Resource-Policy', 'same-site');
    // Offline, the link in the page's language, as the JSON answers show it (withOfflinePageLanguage).
    const url =
      deps.config.doku.environment === 'offline'
        ? offlinePageUrl(action.url, requestLocale(c, deps.config.locale))
        : action.url;
    return { body: appLinkQrSvg(url) };
  });

  if (service || checkout) {
    defineRoute(app, deps, 'cancelPayment', async ({ params, customerId, idem }) => {
      const own = await ownPayment(deps, params.paymentId, customerId);
      const paid = (p: PaymentRecord) =>
        p.status === 'succeeded' || p.status === 'partially_refunded' || p.status === 'refunded';
      if (paid(own)) throw new KkiDomainError('already_paid');
      if (!isOpenPayment(own.status)) return { body: paymentView(own) };
      // Each method's cancel asks DOKU first; a card page is kept asked about until its own deadline.
      const cancel =
        own.method === 'checkout'
          ? checkout?.cancel
          : own.method === 'card'
            ? deps.services.cardPayments?.cancel
            : service?.cancel;
      if (!cancel)
        throw new KkiDomainError('operation_not_allowed', { internal: `no ${own.method} service` });
      const after = await cancel(own, idem!);
      // A card page paid meanwhile is refused as paid, as it was before its status was asked.
      if (own.method === 'card' && paid(after)) throw new KkiDomainError('already_paid');
      return { body: paymentView(after) };
    });
  }

  if (!service) return;

  defineRoute(app, deps, 'createKkiPayment', async ({ body, customerId, idem }) => {
    // The amount is the stored order's; the body has no amount field (the schema drops one).
    // Another customer's order answers exactly like a missing one, so ids cannot be probed.
    const payment = await payOrderWithKki(deps.store, service, {
      orderId: body.orderId,
      customerId: customerId ?? '',
      source: body.source,
      ctx: idem!,
    });
    return { body: paymentView(payment) };
  });
}
