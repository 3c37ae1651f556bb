// The merchant HTTP API: the in-process merchant API (`bff.merchant`) and the event feed over HTTP,
// for a merchant backend in any language. Routes come from the contract's table; bodies, params and
// queries are validated with its schemas, every POST needs an `Idempotency-Key` (the merchant API's
// own idempotency: the same key and body replays the first answer), and answers are checked against
// the response schemas. Server to server: an API key, no CSRF header, no CORS, no customer session.
import {
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKeySchema,
  type KkiMerchantRouteId,
  type KkiMerchantRouteSpec,
  kkiMerchantRoutes,
} from '@kki-kit/contract';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { checkMerchantApiKeys, type ResolvedConfig } from '../config.js';
import { KkiDomainError } from '../errors.js';
import type { KkiEvents } from '../events/setup.js';
import type { Idempotency } from '../idempotency.js';
import { parseRequestPart, readJson } from '../http/define.js';
import { type KkiMerchantApi, runMerchantOperation } from '../merchant.js';
import { requestLocale } from '../security/error-handler.js';
import { wordViewErrors } from '../views.js';
import { merchantKeyAuth } from './auth.js';

/** What the merchant HTTP API serves: the merchant API, the event feed, and the wording settings. */
export interface MerchantHttpDeps {
  merchant: KkiMerchantApi;
  events: Pick<KkiEvents, 'list' | 'deliveries' | 'redeliver'>;
  /** The BFF's idempotency runner: the event routes' POST replays its first answer like the others. */
  idempotency: Idempotency;
  config: Pick<ResolvedConfig, 'locale' | 'copyOverrides'>;
}

type Input<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

/** A route handler's input: validated params, query and body, and the POST's idempotency key. */
type MerchantRouteInput<Id extends KkiMerchantRouteId> = {
  params: Input<(typeof kkiMerchantRoutes)[Id]['params']>;
  query: Input<(typeof kkiMerchantRoutes)[Id]['query']>;
  body: Input<(typeof kkiMerchantRoutes)[Id]['body']>;
  /** The `Idempotency-Key` (POST routes; `''` on GET routes, which take none). */
  key: string;
};

type Handlers = { [Id in KkiMerchantRouteId]: (input: MerchantRouteInput<Id>) => Promise<unknown> };

function found<T>(value: T | null, field: string): T {
  if (value === null) throw new KkiDomainError('not_found', { field });
  return value;
}

function handlers({ merchant, events, idempotency }: MerchantHttpDeps): Handlers {
  return {
    merchantCreateOrder: ({ body, key }) => merchant.createOrder(body, { idempotencyKey: key }),
    merchantGetOrder: async ({ params }) => found(await merchant.getOrder(params.orderId), 'orderId'),
    merchantGetPayment: async ({ params }) => found(await merchant.getPayment(params.paymentId), 'paymentId'),
    merchantCapturePayment: ({ params, body, key }) =>
      merchant.capture(params.paymentId, { ...body, idempotencyKey: key }),
    merchantCreateRefund: ({ params, body, key }) =>
      merchant.refund(params.paymentId, { ...body, idempotencyKey: key }),
    merchantChargeSavedCard: ({ body, key }) => merchant.chargeSavedCard({ ...body, idempotencyKey: key }),
    merchantListEvents: ({ query }) => events.list(query),
    merchantListEventDeliveries: async ({ query }) => ({ deliveries: await events.deliveries(query) }),
    // Once per key, as `bff.merchant`'s operations: a retry replays the count.
    merchantRedeliverEvents: ({ body, key }) =>
      runMerchantOperation(idempotency, 'redeliverEvents', key, body, async () => ({
        redelivered: await events.redeliver(body),
      })),
  };
}

/**
 * The merchant HTTP API as a Hono app whose routes start with `/merchant`, mounted by `createKkiBff`
 * in its app when `merchantApi.keys` is set (its error handler answers the refusals thrown here).
 *
 * @throws KkiBffConfigError when `keys` is empty or a key is too short.
 */
export function createMerchantHttpApi(deps: MerchantHttpDeps, options: { keys: readonly string[] }): Hono {
  checkMerchantApiKeys(options.keys);
  const app = new Hono();
  app.use('/merchant/*', merchantKeyAuth([...options.keys]));
  app.use('/merchant', merchantKeyAuth([...options.keys]));
  const all = handlers(deps);
  for (const [id, spec] of Object.entries(kkiMerchantRoutes) as [
    KkiMerchantRouteId,
    KkiMerchantRouteSpec,
  ][]) {
    const handler = all[id] as (input: MerchantRouteInput<KkiMerchantRouteId>) => Promise<unknown>;
    app.on(spec.method, spec.path, async (c) => {
      let key = '';
      if (spec.idempotent) {
        const checked = idempotencyKeySchema.safeParse(c.req.header(IDEMPOTENCY_KEY_HEADER));
        if (!checked.success) {
          throw new KkiDomainError('validation_failed', {
            field: IDEMPOTENCY_KEY_HEADER,
            internal: `every POST needs an ${IDEMPOTENCY_KEY_HEADER} of 8 to 255 letters, digits or _ - . :`,
          });
        }
        key = checked.data;
      }
      const params = spec.params ? parseRequestPart(spec.params, c.req.param()) : undefined;
      const query = spec.query ? parseRequestPart(spec.query, c.req.query()) : undefined;
      const body = spec.body ? parseRequestPart(spec.body, await readJson(c)) : undefined;
      const result = await handler({ params, query, body, key } as MerchantRouteInput<KkiMerchantRouteId>);
      const worded = wordViewErrors(z.parse(spec.response, result), {
        locale: requestLocale(c, deps.config.locale),
        overrides: deps.config.copyOverrides,
      });
      return c.json(worded as object, spec.successStatus as ContentfulStatusCode);
    });
  }
  return app;
}
