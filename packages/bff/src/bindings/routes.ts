// Card binding (KkiBindCard): start, verify OTP, read. All three need the binding service.
import type { Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import { bindingView } from '../views.js';
import { defineRoute, type RouteDeps } from '../http/define.js';

/** Mounts the binding routes when the binding service exists. */
export function registerBindingRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.bindings;
  if (!service) return;

  const own = async (bindingId: string, customerId: string | null) => {
    const binding = await deps.store.bindings.getForCustomer(bindingId, customerId ?? '');
    if (!binding) throw new KkiDomainError('not_found');
    return binding;
  };

  defineRoute(app, deps, 'createBinding', async ({ body, customerId, idem }) => {
    const binding = await service.create({ customerId: customerId ?? '', request: body, ctx: idem! });
    return { body: bindingView(binding) };
  });

  defineRoute(app, deps, 'getBinding', async ({ params, customerId }) => {
    const binding = await own(params.bindingId, customerId);
    return { body: bindingView(binding.status === 'pending' ? await service.refresh(binding) : binding) };
  });

  defineRoute(app, deps, 'verifyBindingOtp', async ({ params, body, customerId, idem }) => {
    const binding = await own(params.bindingId, customerId);
    if (binding.mode !== 'otp' || binding.status !== 'pending') {
      throw new KkiDomainError('invalid_transaction_status');
    }
    return { body: bindingView(await service.verifyOtp(binding, body.otp, idem!)) };
  });
}
