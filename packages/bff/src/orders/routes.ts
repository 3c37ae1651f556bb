// The order the payment page shows: read-only, the customer's own.
import type { Hono } from 'hono';
import { KkiHttpError } from '../errors.js';
import type { IdempotencyContext } from '../idempotency.js';
import type { OrderRecord, PaymentRecord, Store } from '../store/index.js';
import { orderView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';

/**
 * The order a payment call is about to pay (`null`: not found). A paid order is refused
 * (`already_paid`) unless this very call paid it: a retry with the same idempotency key, e.g. one
 * that took the key over after the first instance died mid-call, gets that payment back instead of
 * an error.
 */
export async function orderToPay(
  store: Store,
  order: OrderRecord | null,
  idem: IdempotencyContext,
): Promise<{ order: OrderRecord; paidByThisCall: PaymentRecord | null }> {
  if (!order) throw new KkiHttpError('not_found', { field: 'orderId' });
  if (order.status !== 'paid') return { order, paidByThisCall: null };
  const same = await store.payments.findByPartnerReference(idem.externalId);
  if (same?.orderId !== order.id) throw new KkiHttpError('already_paid');
  return { order, paidByThisCall: same };
}

/** Mounts `getOrder`. Needs no DOKU call. */
export function registerOrderRoutes(app: Hono, deps: RouteDeps): void {
  defineRoute(app, deps, 'getOrder', async ({ params, customerId }) => {
    // Another customer's order answers exactly like a missing one, so ids cannot be probed.
    const order = await deps.store.orders.getForCustomer(params.orderId, customerId ?? '');
    if (!order) throw new KkiHttpError('not_found');
    return { body: orderView(order) };
  });
}
