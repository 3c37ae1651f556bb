// The shape of one route of the BFF's browser API, and the errors every route shares.
import type * as z from 'zod/mini';
import type { KkiErrorCode } from '../errors/codes.js';

/**
 * Who calls a route. `customer`: the shopper's browser, signed in (`authenticate` hook) and scoped to
 * their own orders and cards. `staff`: merchant staff's browser, allowed per call by the
 * `authorizeRefund` hook. `redirect`: a top-level navigation DOKU sends the customer to. `public`:
 * anyone, signed in or not; such a route only reads the kit's non-secret configuration.
 */
export type KkiRouteAudience = 'customer' | 'staff' | 'redirect' | 'public';

/** Per-customer attempt limits a route counts against. */
export type KkiRateLimitBucket = 'payment' | 'otp';

/** One route of the BFF's browser API. Paths use `:name` parameters and are relative to the mount. */
export interface KkiRouteSpec {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: `/${string}`;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  readonly audience: KkiRouteAudience;
  readonly params: z.ZodMiniObject | null;
  readonly query: z.ZodMiniObject | null;
  readonly body: z.ZodMiniType | null;
  /** The success body (`responseType: 'json'`), or the page's HTML (`'html'`). */
  readonly response: z.ZodMiniType;
  readonly responseType: 'json' | 'html';
  readonly successStatus: 200 | 201;
  /** Whether the call must carry an `Idempotency-Key` header (every state-changing call does). */
  readonly idempotent: boolean;
  readonly rateLimit: KkiRateLimitBucket | null;
  /** Error codes this route can answer with besides the common ones. */
  readonly errors: readonly KkiErrorCode[];
  /**
   * Mounted only with the host-to-host KKI integration (`integration: 'h2h'`, PCI DSS merchants):
   * the route takes card data (CPAN, OTT) or finishes a binding started with it.
   */
  readonly h2hOnly?: true;
}

/** Errors any JSON route can answer with. */
export const COMMON_ROUTE_ERRORS = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_rejected',
  'payload_too_large',
  'rate_limited',
  'internal_error',
] as const satisfies readonly KkiErrorCode[];

/** Errors of a state-changing call: idempotency and in-flight conflicts. */
export const IDEMPOTENT_ROUTE_ERRORS = [
  'idempotency_key_reused',
  'payment_in_progress',
] as const satisfies readonly KkiErrorCode[];
