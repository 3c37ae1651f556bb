// DOKU Checkout (KkiPayButton on the Checkout path): the kit's public configuration, opening DOKU's
// page for an order, and the return URL DOKU sends the customer back to, which confirms the result
// with DOKU before handing it to the shop's page.
import {
  CHECKOUT_RETURN_MESSAGE_TYPE,
  type CheckoutChannel,
  type CheckoutDisplay,
  type KitConfig,
} from '@kki-kit/contract';
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { CHECKOUT_RETURN_URL_FACT } from './service.js';
import { KkiDomainError } from '../errors.js';
import { defineRoute, type RouteDeps } from '../http/define.js';
import { shopReturnUrl } from '../http/urls.js';
import { payOrder } from '../orders/pay-order.js';
import { returningPayment } from '../security/return-token.js';
import type { PaymentRecord } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import { paymentView } from '../views.js';

/** The browser's methods narrowed to the merchant's: none left is refused (`operation_not_allowed`). */
export function narrowCheckoutMethods(
  asked: readonly CheckoutChannel[] | undefined,
  allowed: readonly CheckoutChannel[],
): CheckoutChannel[] {
  const kept = asked ? allowed.filter((m) => asked.includes(m)) : [...allowed];
  if (kept.length === 0) throw new KkiDomainError('operation_not_allowed', { field: 'methods' });
  return kept;
}

/** The shop page to return to: the browser's, when its origin is allowed, else the merchant's default. */
export function checkoutShopPage(
  asked: string | undefined,
  allowedOrigins: readonly string[],
  fallback: string,
) {
  if (asked === undefined) return fallback;
  let origin: string;
  try {
    origin = new URL(asked).origin;
  } catch {
    origin = '';
  }
  // Never an open redirect: only the shop's own origins.
  if (!allowedOrigins.includes(origin)) throw new KkiDomainError('validation_failed', { field: 'returnUrl' });
  return asked;
}

/** The shop page with the payment's id and (hinted) status appended. */
export function checkoutBackUrl(shopPage: string, payment: Pick<PaymentRecord, 'id' | 'status'>): string {
  return shopReturnUrl(shopPage, payment.id, payment.status);
}

const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The return page. `redirect`: back to the shop page (a meta refresh, no script needed). `popup` /
 * `overlay`: the confirmed status is posted to the opener / parent, on the shop's origins only; a
 * popup then closes itself.
 */
export function checkoutReturnPage(
  message: { paymentId: string; status: string },
  display: CheckoutDisplay,
  back: string,
  targetOrigins: readonly string[],
): string {
  const data = json({ type: CHECKOUT_RETURN_MESSAGE_TYPE, ...message });
  const script =
    display === 'redirect'
      ? ''
      : `(function(){var d=${data};var o=${json(targetOrigins)};var w=${display === 'popup' ? 'window.opener' : 'window.parent'};if(!w||w===window){window.location.replace(${json(back)});return;}for(var i=0;i<o.length;i++){try{w.postMessage(d,o[i]);}catch(e){}}${display === 'popup' ? 'window.close();' : ''}})();`;
  return html`<!doctype html><meta charset="utf-8" />${display === 'redirect' ? html`<meta http-equiv="refresh" content="0;url=${back}" />` : ''}<title>Payment</title><p>Payment ${message.status}. <a href="${back}">Back to the shop</a></p>${script ? html`<script>${raw(script)}</script>` : ''}`.toString();
}

/** Mounts `getKitConfig` always; the Checkout routes when Checkout is on and its service exists. */
export function registerCheckoutRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.checkout;
  const checkout = service ? deps.config.checkout : null;

  defineRoute(app, deps, 'getKitConfig', async () => {
    const body: KitConfig = {
      kki: { integration: deps.config.kki.integration },
      checkout: checkout ? { methods: checkout.methods } : null,
    };
    return { body };
  });

  if (!service || !checkout) return;

  defineRoute(app, deps, 'createCheckoutPayment', async ({ body, customerId, idem }) => {
    const customer = customerId ?? '';
    const methods = narrowCheckoutMethods(body.methods, checkout.methods);
    const returnUrl = checkoutShopPage(body.returnUrl, deps.config.allowedOrigins, checkout.returnUrl);
    // The amount and items are the stored order's; another customer's order answers like a missing one.
    const found = await deps.store.orders.getForCustomer(body.orderId, customer);
    const payment = await payOrder(deps.store, found, idem!, (order) =>
      service.create({
        customerId: customer,
        order,
        methods,
        language: body.language,
        returnUrl,
        display: body.display,
        ctx: idem!,
      }),
    );
    return { body: paymentView(payment) };
  });

  defineRoute(app, deps, 'checkoutReturn', async ({ c, params, query }) => {
    // The bearer of the return token (the URL DOKU was given), or the signed-in owner.
    const who = { store: deps.store, secret: deps.config.doku.secretKey, authenticate: deps.authenticate };
    const stored = await returningPayment(who, c, 'checkout', params.paymentId, query.token);
    if (stored?.method !== 'checkout') throw new KkiDomainError('not_found');
    // DOKU's redirect proves nothing: ask DOKU before telling the shop (throttled like a poll). The
    // customer cancelled on DOKU's page: closed here, after asking DOKU, unless DOKU took the money.
    const payment =
      query.result === 'cancel' && isOpenPayment(stored.status)
        ? await service.cancel(stored)
        : await deps.refreshPayment(stored);
    const shopPage = payment.doku[CHECKOUT_RETURN_URL_FACT];
    const back = checkoutBackUrl(typeof shopPage === 'string' ? shopPage : checkout.returnUrl, payment);
    // The overlay shows this page inside the shop's frame: framing by the shop's origins only.
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'unsafe-inline'; frame-ancestors ${deps.config.allowedOrigins.join(' ')}`,
    );
    return {
      body: checkoutReturnPage(
        { paymentId: payment.id, status: payment.status },
        query.display ?? 'redirect',
        back,
        deps.config.allowedOrigins,
      ),
    };
  });
}
