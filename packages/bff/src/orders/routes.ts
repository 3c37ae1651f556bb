// The order the payment page shows: read-only, the customer's own.
import type { Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import { orderView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';

/** Mounts `getOrder`. Needs no DOKU call. */
export function registerOrderRoutes(app: Hono, deps: RouteDeps): void {
  defineRoute(app, deps, 'getOrder', async ({ params, customerId }) => {
    // Another customer's order answers exactly like a missing one, so ids cannot be probed.
    const order = await deps.store.orders.getForCustomer(params.orderId, customerId ?? '');
    if (!order) throw new KkiDomainError('not_found');
    return { body: orderView(order, await deps.store.payments.findOpenForOrder(order.id)) };
  });
}
