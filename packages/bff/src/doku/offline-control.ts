// Offline, the sandbox's control routes (mounted with `offlineSandbox: { control: true }`) also take
// the kit's payment id. The sandbox knows DOKU's references only and must not know the BFF, so the
// BFF swaps a `pay_…` in the path for the payment's `partnerReferenceNo` (KKI's reference, the
// invoice number of Cards and Checkout) before the sandbox sees the request.
import { ID_PREFIXES, isOpaqueId } from '@kki-kit/contract';
import type { MiddlewareHandler } from 'hono';
import type { PaymentRepository } from '../store/index.js';
import { OFFLINE_SANDBOX_PATH } from './connection.js';

// The control routes keyed by a DOKU reference: `/kki/payments/:ref…`, `/checkout/:ref…`,
// `/cards/orders/:invoice…` (see the sandbox README's Control API).
const BY_REFERENCE = new RegExp(
  `${OFFLINE_SANDBOX_PATH}(/__sandbox/(?:kki/payments|checkout|cards/orders)/)([^/]+)(/[^/]*)?$`,
);

/**
 * Middleware for the paths under {@link OFFLINE_SANDBOX_PATH}: a control route naming a payment by
 * its `pay_…` id is answered by `sandbox` with the payment's DOKU reference in its place; anything
 * else (an unknown id included) goes on unchanged.
 */
export function paymentIdsForControl(
  sandbox: { fetch(request: Request): Response | Promise<Response> },
  payments: Pick<PaymentRepository, 'get'>,
): MiddlewareHandler {
  return async (c, next) => {
    const match = BY_REFERENCE.exec(c.req.path);
    // The contract's payment id pattern: anything else is a DOKU reference, for the sandbox as is.
    const id = match?.[2];
    const payment = id !== undefined && isOpaqueId(id, ID_PREFIXES.payment) ? await payments.get(id) : null;
    if (!match || !payment) return next();
    const url = new URL(c.req.url);
    url.pathname = `${match[1]}${encodeURIComponent(payment.partnerReferenceNo)}${match[3] ?? ''}`;
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.arrayBuffer();
    return sandbox.fetch(new Request(url, { method: c.req.method, headers: c.req.raw.headers, body }));
  };
}

// The offline sandbox's OTP page names its binding session by the binding's `authCode` in the path
// (`/kki/otp/:authCode`), a credential the kit otherwise keeps sealed.
const OTP_PAGE = new RegExp(`(${OFFLINE_SANDBOX_PATH}/kki/otp/)[^/]+`);

/** `path` as a log line may show it: the offline OTP page's session code is left out. */
export function loggablePath(path: string): string {
  return path.replace(OTP_PAGE, '$1[REDACTED]');
}
