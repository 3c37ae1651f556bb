// The mock BFF: msw handlers at the contract's route paths, answering with contract-typed bodies.
import {
  createKkiError,
  type KkiErrorCode,
  type KkiErrorDetails,
  type KkiRouteId,
  type KkiRouteResponse,
  kkiRoutes,
  toApiErrorBody,
} from '@kki-kit/contract';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';

export const BFF_URL = 'http://shop.test/api/kki';

/** One recorded call: method, path, headers and parsed body. */
export interface RecordedCall {
  readonly route: KkiRouteId;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: unknown;
  readonly params: Record<string, string>;
}

/** The config of a PCI DSS merchant's BFF (host-to-host KKI): what the existing journeys run against. */
export const H2H_CONFIG: KkiRouteResponse<'getKitConfig'> = { kki: { integration: 'h2h' }, checkout: null };

// The kit's config is read by every KkiPayButton; unless a test says otherwise, the H2H path.
export const server = setupServer(
  http.get(`${BFF_URL}${kkiRoutes.getKitConfig.path}`, () => HttpResponse.json(H2H_CONFIG)),
);
export const calls: RecordedCall[] = [];

type Answer<Id extends KkiRouteId> =
  | { readonly status?: number; readonly json: KkiRouteResponse<Id> }
  | {
      readonly error: KkiErrorCode;
      readonly field?: string;
      readonly details?: KkiErrorDetails;
      readonly status?: number;
    }
  | { readonly network: true };

type Responder<Id extends KkiRouteId> = (call: RecordedCall, n: number) => Answer<Id> | Promise<Answer<Id>>;

/** Answers route `id` with `respond` (called with the call and its 0-based count). */
export function on<Id extends KkiRouteId>(id: Id, respond: Responder<Id> | Answer<Id>): void {
  const route = kkiRoutes[id];
  const method = route.method.toLowerCase() as 'get' | 'post' | 'delete';
  let n = 0;
  server.use(
    http[method](`${BFF_URL}${route.path}`, async ({ request, params }) => {
      const text = await request.text();
      const call: RecordedCall = {
        route: id,
        url: new URL(request.url),
        headers: request.headers,
        body: text === '' ? undefined : JSON.parse(text),
        params: params as Record<string, string>,
      };
      calls.push(call);
      const answer = typeof respond === 'function' ? await respond(call, n++) : respond;
      if ('network' in answer) return HttpResponse.error();
      if ('error' in answer) {
        const error = createKkiError(answer.error, {
          ...(answer.field !== undefined && { field: answer.field }),
          ...(answer.details !== undefined && { details: answer.details }),
        });
        return HttpResponse.json(toApiErrorBody(error), { status: answer.status ?? error.httpStatus });
      }
      return HttpResponse.json(answer.json as JsonBodyType, { status: answer.status ?? route.successStatus });
    }),
  );
}

/** The calls made to a route. */
export const callsTo = (id: KkiRouteId) => calls.filter((c) => c.route === id);
