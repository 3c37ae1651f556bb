// Registers one route of the contract's table with everything a route needs before its handler
// runs: the customer (authenticate hook), CSRF for state-changing calls, per-customer rate limits,
// zod validation of params/query/body, and the Idempotency-Key. The answer is parsed by the route's
// response schema on the way out, so nothing outside the contract reaches the browser.
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  KKI_RESPONSE_MEDIA_TYPES,
  KKI_ROUTE_COPY_FLOWS,
  type KkiRouteId,
  kkiRoutes,
  type KkiRouteSpec,
} from '@kki-kit/contract';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { AuthenticateHook, AuthorizeRefundHook, ResolvedConfig } from '../config.js';
import { KkiDomainError } from '../errors.js';
import type { Idempotency, IdempotencyContext } from '../idempotency.js';
import type { Log } from '../log.js';
import { clientAddress } from '../security/client-address.js';
import { csrfGuard } from '../security/csrf.js';
import { requestLocale } from '../security/error-handler.js';
import type { RateLimiter } from '../security/rate-limit.js';
import type { PaymentRefresh } from '../services/payment-refresh.js';
import type { KkiServices } from '../services/types.js';
import type { Store } from '../store/index.js';
import { withOfflinePageLanguage, wordViewErrors } from '../views.js';

/** What route modules are given. */
export interface RouteDeps {
  config: ResolvedConfig;
  store: Store;
  idempotency: Idempotency;
  log: Log;
  services: KkiServices;
  authenticate: AuthenticateHook;
  authorizeRefund: AuthorizeRefundHook | undefined;
  rateLimiters: { payment: RateLimiter; otp: RateLimiter };
  /** The throttled DOKU status refresh every browser-triggered check goes through. */
  refreshPayment: PaymentRefresh;
  /** Ids of the routes actually mounted (the OpenAPI document lists exactly these). */
  mounted: Set<string>;
}

type Input<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

/** What a handler receives: validated input, the customer (customer routes) and the idempotency context. */
export interface RouteInput<Id extends KkiRouteId> {
  c: Context;
  params: Input<(typeof kkiRoutes)[Id]['params']>;
  query: Input<(typeof kkiRoutes)[Id]['query']>;
  body: Input<(typeof kkiRoutes)[Id]['body']>;
  /** The signed-in customer; `null` on staff and redirect routes. */
  customerId: string | null;
  /** Present on idempotent routes. */
  idem: IdempotencyContext | null;
}

/** A handler's answer: the body (validated by the route's response schema), status defaults to the route's. */
export type RouteResult = { body: unknown; status?: number };

function validation(error: z.core.$ZodError): KkiDomainError {
  const path = error.issues[0]?.path.map(String) ?? [];
  // The last path segment names the field (`source.cpan` → `cpan`), so the UI can focus it.
  const field = path.at(-1);
  return new KkiDomainError('validation_failed', {
    ...(field !== undefined && { field }),
    internal: `invalid ${path.join('.') || 'request'}`,
  });
}

/**
 * `value` parsed by `schema` (a contract schema), or `validation_failed` naming the field. The
 * contract's schemas are zod/mini; zod's own parse functions take any zod schema, classic or mini.
 */
export function parseRequestPart<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validation(result.error);
  return result.data;
}

const isErrorBody = (body: unknown): body is { error: Record<string, unknown> } =>
  typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'object';

/** The request's JSON body (`{}` when empty), or `validation_failed` when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new KkiDomainError('validation_failed', { internal: 'body is not JSON' });
  }
}

/**
 * Registers route `id` of `kkiRoutes` on `app` with `handler`. A route that takes card data
 * (`h2hOnly`) is not mounted unless the merchant chose the host-to-host integration (PCI DSS).
 */
export function defineRoute<Id extends KkiRouteId>(
  app: Hono,
  deps: RouteDeps,
  id: Id,
  handler: (input: RouteInput<Id>) => Promise<RouteResult>,
): void {
  const spec: KkiRouteSpec = kkiRoutes[id];
  if (spec.h2hOnly && deps.config.kki.integration !== 'h2h') return;
  const csrf = csrfGuard(deps.config.allowedOrigins);
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'delete';
  const stateChanging = spec.method !== 'GET';
  deps.mounted.add(id);

  const flow = KKI_ROUTE_COPY_FLOWS[id];
  app[method](spec.path, async (c) => {
    // Errors of this route are worded for its reader (staff for refunds, the card's owner for removal).
    if (flow !== undefined) c.set('kkiCopyFlow', flow);
    if (stateChanging && spec.audience !== 'redirect') await csrf(c, async () => {});
    let customerId: string | null = null;
    if (spec.audience === 'customer') {
      customerId = await deps.authenticate(c);
      if (typeof customerId !== 'string' || customerId === '') throw new KkiDomainError('unauthenticated');
    }
    if (spec.audience === 'staff' && !deps.authorizeRefund) {
      // No hook, no refunds (and no refund data): the safe default.
      throw new KkiDomainError('refund_not_authorized');
    }
    const params = spec.params ? parseRequestPart(spec.params, c.req.param()) : undefined;
    const query = spec.query ? parseRequestPart(spec.query, c.req.query()) : undefined;
    const body = spec.body ? parseRequestPart(spec.body, await readJson(c)) : undefined;
    const limiter = spec.rateLimit && customerId ? deps.rateLimiters[spec.rateLimit] : null;
    const address = limiter ? clientAddress(c, deps.config.trustProxy) : null;
    const run = async (idem: IdempotencyContext | null) => {
      // Counted when the attempt really runs: a replayed double submit is not a second attempt. A
      // claim of the key counted it already in its own statement (`counted`).
      if (limiter && customerId) {
        if (idem?.counted) limiter.check(idem.counted);
        else await limiter.hit(customerId, address);
      }
      const result = await handler({ c, params, query, body, customerId, idem } as RouteInput<Id>);
      const status = result.status ?? spec.successStatus;
      return {
        status,
        body: spec.responseType === 'json' ? z.parse(spec.response, result.body) : result.body,
      };
    };

    let answer: { status: number; body: unknown };
    if (spec.idempotent) {
      const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
      const checked = idempotencyKeySchema.safeParse(key);
      if (!checked.success) throw new KkiDomainError('validation_failed', { field: IDEMPOTENCY_KEY_HEADER });
      answer = await deps.idempotency.run(
        {
          // Keys are per route and per caller: one customer's key can never replay another's answer.
          scope: `${id}:${customerId ?? 'staff'}`,
          key: checked.data,
          request: { params, body },
          locale: requestLocale(c, deps.config.locale),
          // The stored refusal is worded like every other error, with the merchant's copy.
          ...(deps.config.copyOverrides && { overrides: deps.config.copyOverrides }),
          ...(flow !== undefined && { flow }),
          ...(limiter && customerId && { counters: limiter.counters(customerId, address) }),
        },
        (ctx) => run(ctx),
      );
    } else {
      answer = await run(null);
    }
    if (spec.responseType === 'html')
      return c.html(String(answer.body), answer.status as ContentfulStatusCode);
    if (spec.responseType === 'svg')
      return c.body(String(answer.body), answer.status as ContentfulStatusCode, {
        'Content-Type': KKI_RESPONSE_MEDIA_TYPES.svg,
      });
    // A replayed refusal names this request, the one whose id the caller has.
    const answered =
      answer.status >= 400 && isErrorBody(answer.body)
        ? { error: { ...answer.body.error, requestId: c.get('requestId') } }
        : answer.body;
    // Worded here, after any replay, so a replayed answer speaks this request's language too.
    const locale = requestLocale(c, deps.config.locale);
    const worded = wordViewErrors(answered, { locale, overrides: deps.config.copyOverrides, flow });
    // The in-process sandbox's KKI pages follow the shop's language (see withOfflinePageLanguage).
    const sent =
      deps.config.doku.environment === 'offline' ? withOfflinePageLanguage(worded, locale) : worded;
    return c.json(sent as object, answer.status as ContentfulStatusCode);
  });
}
