// DOKU Cards hosted page (CardPaymentFrame): create the page, and the return URL DOKU sends the
// customer back to, which confirms the result with DOKU before telling the page.
import type { CreateCardPaymentParsed, OrderCardOptions } from '@kki-kit/contract';
import type { Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import { defineRoute, type RouteDeps } from '../http/define.js';
import { payOrder } from '../orders/pay-order.js';
import { requestLocale } from '../security/error-handler.js';
import { returningPayment } from '../security/return-token.js';
import { cardReturnPage } from './return-page.js';
import { paymentView } from '../views.js';

/**
 * The browser's choices narrowed to what the order allows: a payment type the order does not list is
 * refused; BINs and tenors are intersected with the order's (the browser can only narrow them).
 */
export function narrowCardRequest(
  request: CreateCardPaymentParsed,
  options: OrderCardOptions | null,
): CreateCardPaymentParsed {
  if (options?.paymentTypes && !options.paymentTypes.includes(request.paymentType)) {
    throw new KkiDomainError('operation_not_allowed', { field: 'paymentType' });
  }
  const narrow = <T>(asked: T[] | undefined, allowed: T[] | undefined): T[] | undefined => {
    if (!allowed) return asked;
    if (!asked) return allowed;
    const kept = asked.filter((v) => allowed.includes(v));
    if (kept.length === 0) throw new KkiDomainError('operation_not_allowed');
    return kept;
  };
  const allowedBins = narrow(request.allowedBins, options?.allowedBins);
  const allowedTenors = narrow(request.allowedTenors, options?.allowedTenors);
  if (request.installment && allowedTenors && !allowedTenors.includes(request.installment.tenor)) {
    throw new KkiDomainError('operation_not_allowed', { field: 'tenor' });
  }
  return {
    ...request,
    ...(allowedBins !== undefined && { allowedBins }),
    ...(allowedTenors !== undefined && { allowedTenors }),
  };
}

/** Mounts the Cards routes when the card-payment service exists. */
export function registerCardPaymentRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.cardPayments;
  if (!service) return;

  defineRoute(app, deps, 'createCardPayment', async ({ body, customerId, idem }) => {
    const customer = customerId ?? '';
    // Another customer's order answers exactly like a missing one, so ids cannot be probed.
    const found = await deps.store.orders.getForCustomer(body.orderId, customer);
    const payment = await payOrder(deps.store, found, idem!, (order) =>
      service.createPage({
        customerId: customer,
        order,
        request: narrowCardRequest(body, order.cardOptions),
        ctx: idem!,
      }),
    );
    return { body: paymentView(payment) };
  });

  defineRoute(app, deps, 'cardPaymentReturn', async ({ c, params, query }) => {
    // The bearer of the single-use return token (the URL DOKU was given), or the signed-in owner;
    // anything else answers like an unknown id.
    const who = { store: deps.store, secret: deps.config.doku.secretKey, authenticate: deps.authenticate };
    const stored = await returningPayment(who, c, 'card', params.paymentId, query.token);
    if (stored?.method !== 'card') throw new KkiDomainError('not_found');
    // DOKU's redirect proves nothing: ask DOKU before telling the page (throttled like a poll).
    const payment = await deps.refreshPayment(stored);
    // This page runs inside the shop's iframe: allow framing by the shop's origins only, and the inline script.
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors ${deps.config.allowedOrigins.join(' ')}`,
    );
    // In the card page's language (on the URL DOKU was given), else the browser's.
    const locale = query.lang ?? requestLocale(c, deps.config.locale);
    return {
      body: cardReturnPage(
        { paymentId: payment.id, status: payment.status },
        deps.config.allowedOrigins,
        locale,
      ),
    };
  });
}
