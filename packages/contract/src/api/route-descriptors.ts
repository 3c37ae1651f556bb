// The route table's zod-free half: method, path, idempotency and answer type of every browser-facing
// route. The browser client builds its requests from this alone, so zod and the schemas stay out of
// the browser bundles; `routes.ts` adds the schemas, docs and limits the BFF needs, and spreads
// these entries, so each fact is written once.

/** What the browser client needs to know about a route to call it. */
export interface KkiRouteDescriptor {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the BFF's mount, with `:name` parameters. */
  readonly path: `/${string}`;
  /** Whether the call must carry an `Idempotency-Key` header (every state-changing call does). */
  readonly idempotent: boolean;
  /**
   * `json` for API answers, `html` for a page the browser navigates to, `svg` for an image the
   * browser shows (`<img src>`).
   */
  readonly responseType: 'json' | 'html' | 'svg';
}

/** Every browser-facing route's descriptor, by id (the ids of `kkiRoutes`). */
export const KKI_ROUTE_DESCRIPTORS = {
  getOrder: { method: 'GET', path: '/orders/:orderId', idempotent: false, responseType: 'json' },
  createKkiPayment: { method: 'POST', path: '/kki/payments', idempotent: true, responseType: 'json' },
  getPayment: { method: 'GET', path: '/payments/:paymentId', idempotent: false, responseType: 'json' },
  getPaymentAppLinkQr: {
    method: 'GET',
    path: '/payments/:paymentId/app-link.svg',
    idempotent: false,
    responseType: 'svg',
  },
  cancelPayment: {
    method: 'POST',
    path: '/payments/:paymentId/cancel',
    idempotent: true,
    responseType: 'json',
  },
  createBinding: { method: 'POST', path: '/kki/bindings', idempotent: true, responseType: 'json' },
  getBinding: { method: 'GET', path: '/kki/bindings/:bindingId', idempotent: false, responseType: 'json' },
  verifyBindingOtp: {
    method: 'POST',
    path: '/kki/bindings/:bindingId/otp',
    idempotent: true,
    responseType: 'json',
  },
  listSavedCards: { method: 'GET', path: '/kki/cards', idempotent: false, responseType: 'json' },
  removeSavedCard: { method: 'DELETE', path: '/kki/cards/:cardId', idempotent: true, responseType: 'json' },
  createCardPayment: { method: 'POST', path: '/cards/payments', idempotent: true, responseType: 'json' },
  cardPaymentReturn: {
    method: 'GET',
    path: '/cards/payments/:paymentId/return',
    idempotent: false,
    responseType: 'html',
  },
  createRefund: {
    method: 'POST',
    path: '/payments/:paymentId/refunds',
    idempotent: true,
    responseType: 'json',
  },
  listRefunds: {
    method: 'GET',
    path: '/payments/:paymentId/refunds',
    idempotent: false,
    responseType: 'json',
  },
  getKitConfig: { method: 'GET', path: '/config', idempotent: false, responseType: 'json' },
  createCheckoutPayment: {
    method: 'POST',
    path: '/checkout/payments',
    idempotent: true,
    responseType: 'json',
  },
  checkoutReturn: {
    method: 'GET',
    path: '/checkout/payments/:paymentId/return',
    idempotent: false,
    responseType: 'html',
  },
} as const satisfies Record<string, KkiRouteDescriptor>;

/** A route id, e.g. `'createKkiPayment'`. */
export type KkiRouteDescriptorId = keyof typeof KKI_ROUTE_DESCRIPTORS;

/**
 * A route's path with its parameters filled in (URI-encoded), relative to the BFF's mount, e.g.
 * `buildKkiPath('getPayment', { paymentId: 'pay_…' })` → `/payments/pay_…`.
 *
 * @throws TypeError when a parameter the path names is missing.
 */
export function buildKkiPath(id: KkiRouteDescriptorId, params?: Readonly<Record<string, string>>): string {
  return KKI_ROUTE_DESCRIPTORS[id].path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new TypeError(`${id}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
