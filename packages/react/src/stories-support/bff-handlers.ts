// msw handlers for stories: the BFF's routes from the contract's table, answering with contract-typed
// bodies. Errors are the BFF's own error body for a catalogue code, at the catalogue's HTTP status.
import {
  createKkiError,
  type KkiCopyFlow,
  type KkiErrorCode,
  type KkiLocale,
  type KkiRouteId,
  type KkiRouteResponse,
  kkiRoutes,
  toApiErrorBody,
} from '@kki-kit/contract';
import { bypass, delay, type HttpHandler, HttpResponse, http, type JsonBodyType } from 'msw';

/** Where the stories' KkiProvider sends its calls; same origin, so the service worker sees them. */
export const STORY_BFF_URL = '/api/kki';

function route(id: KkiRouteId, respond: (n: number) => Response | Promise<Response>): HttpHandler {
  const spec = kkiRoutes[id];
  const method = spec.method === 'GET' ? http.get : spec.method === 'POST' ? http.post : http.delete;
  let n = 0;
  return method(`${STORY_BFF_URL}${spec.path}`, () => respond(n++));
}

/** Answers route `id` with a success body; a function gets the 0-based call count (e.g. for polling). */
export function answer<Id extends KkiRouteId>(
  id: Id,
  body: KkiRouteResponse<Id> | ((n: number) => KkiRouteResponse<Id>),
): HttpHandler {
  return route(id, (n) =>
    HttpResponse.json((typeof body === 'function' ? body(n) : body) as JsonBodyType, {
      status: kkiRoutes[id].successStatus,
    }),
  );
}

/**
 * Answers image route `id` with a file Storybook serves (`.storybook/public`), as the BFF would draw
 * it (e.g. the QR code of the stories' issuer-app link).
 */
export function image(id: KkiRouteId, file: string): HttpHandler {
  return route(id, () => fetch(bypass(new URL(file, window.location.href))));
}

/** What a refusal carries besides its code. */
export interface RefusalOptions {
  /** Language of the copy, as the BFF would answer the browser's locale. */
  readonly locale: KkiLocale;
  /** DOKU's own code (SNAP `responseCode` or Non-SNAP `errors.code`), kept for support. */
  readonly dokuResponseCode?: string;
  /** The form field the error points at. */
  readonly field?: string;
  /** The flow whose reader gets the copy (staff for refunds, the card's owner for card removal). */
  readonly flow?: KkiCopyFlow;
}

/** The BFF's error response for `code`: `toApiErrorBody(createKkiError(code))` at the catalogue's status. */
function errorResponse(code: KkiErrorCode, options: RefusalOptions): Response {
  const error = createKkiError(code, options);
  return HttpResponse.json(toApiErrorBody(error, 'req_story'), { status: error.httpStatus });
}

/** Answers route `id` with the BFF's error body for `code`. */
export function refuse(id: KkiRouteId, code: KkiErrorCode, options: RefusalOptions): HttpHandler {
  return route(id, () => errorResponse(code, options));
}

/** Never answers route `id`, so the component stays in its submitting state. */
export function hang(id: KkiRouteId): HttpHandler {
  return route(id, async () => {
    await delay('infinite');
    return HttpResponse.error();
  });
}

/**
 * Loses route `id`'s first answer (a network error: the BFF may have acted), then answers with `body`,
 * as the BFF answers a retry with the same idempotency key.
 */
export function unanswered<Id extends KkiRouteId>(id: Id, body: KkiRouteResponse<Id>): HttpHandler {
  return route(id, (n) =>
    n === 0
      ? HttpResponse.error()
      : HttpResponse.json(body as JsonBodyType, { status: kkiRoutes[id].successStatus }),
  );
}

// Brings in the addon's typing of `context.msw` (the service worker) for stories' `beforeEach`.
export type { MswApi } from 'msw-storybook-addon/types';
