// Refunds (RefundForm): merchant staff, each call allowed by the `authorizeRefund` hook. Without
// the hook every refund route answers `refund_not_authorized`.
import type { Context, Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import { refundView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';

// An unknown payment answers exactly like one the caller may not refund (403
// `refund_not_authorized`): the hook decides per payment, so there is no staff identity to answer
// a 404 to, and two different answers would let anyone probe which payment ids exist.
async function authorizedPayment(deps: RouteDeps, c: Context, paymentId: string) {
  const payment = await deps.store.payments.get(paymentId);
  if (!payment || !deps.authorizeRefund || (await deps.authorizeRefund(c, payment)) !== true) {
    throw new KkiDomainError('refund_not_authorized', {
      internal: payment ? 'refused by authorizeRefund' : 'unknown payment',
    });
  }
  return payment;
}

/** Mounts `listRefunds` always; `createRefund` when the refund service exists. */
export function registerRefundRoutes(app: Hono, deps: RouteDeps): void {
  defineRoute(app, deps, 'listRefunds', async ({ c, params }) => {
    const payment = await authorizedPayment(deps, c, params.paymentId);
    return { body: { refunds: (await deps.store.refunds.listByPayment(payment.id)).map(refundView) } };
  });

  const service = deps.services.refunds;
  if (!service) return;

  defineRoute(app, deps, 'createRefund', async ({ c, params, body, idem }) => {
    const payment = await authorizedPayment(deps, c, params.paymentId);
    return { body: refundView(await service.refund(payment, body, idem!)) };
  });
}
