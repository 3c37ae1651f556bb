// The shape of one route of the BFF's browser API, and the errors every route shares.
import type * as z from 'zod/mini';
import type { KkiErrorCode } from '../errors/codes.js';
import type { KkiRouteDescriptor } from './route-descriptors.js';

/**
 * Who calls a route. `customer`: the shopper's browser, signed in (`authenticate` hook) and scoped to
 * their own orders and cards. `staff`: merchant staff's browser, allowed per call by the
 * `authorizeRefund` hook. `redirect`: a top-level navigation DOKU sends the customer to. `public`:
 * anyone, signed in or not; such a route only reads the kit's non-secret configuration.
 */
export type KkiRouteAudience = 'customer' | 'staff' | 'redirect' | 'public';

/** Per-customer attempt limits a route counts against. */
export type KkiRateLimitBucket = 'payment' | 'otp';

/**
 * One route of the BFF's browser API: its descriptor (method, path, idempotency, answer type; see
 * `route-descriptors.ts`) plus what the BFF validates and documents.
 */
export interface KkiRouteSpec extends KkiRouteDescriptor {
  /** One line for the OpenAPI document. */
  readonly summary: string;
  readonly audience: KkiRouteAudience;
  readonly params: z.ZodMiniObject | null;
  readonly query: z.ZodMiniObject | null;
  readonly body: z.ZodMiniType | null;
  /** The success body (`responseType: 'json'`), the page's HTML (`'html'`) or the image (`'svg'`). */
  readonly response: z.ZodMiniType;
  readonly successStatus: 200 | 201;
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

/** The `Content-Type` of each `responseType`'s success answer. */
export const KKI_RESPONSE_MEDIA_TYPES = {
  json: 'application/json',
  html: 'text/html',
  svg: 'image/svg+xml',
} as const satisfies Record<KkiRouteSpec['responseType'], string>;
