// The typed BFF client, built from the contract's route table: its types come from the full table,
// its requests from the zod-free descriptors, so neither zod nor the schemas ship to the browser.
import {
  buildKkiPath,
  createLocalKkiError,
  IDEMPOTENCY_KEY_HEADER,
  isKkiErrorShape,
  KKI_LOCALE_HEADER,
  KKI_REQUEST_HEADER,
  KKI_ROUTE_DESCRIPTORS,
  REQUEST_ID_HEADER,
  type KkiError,
  type KkiLocale,
  type KkiRouteBody,
  type KkiRouteId,
  type KkiRouteParams,
  type KkiRouteQuery,
  type KkiRouteResponse,
  type KkiRoutes,
} from '@kki-kit/contract';
import { KkiRequestError } from './request-error.js';
import { isUsableResponse } from './response-checks.js';

/** Routes answering JSON (the browser API minus the card page's return page). */
export type KkiJsonRouteId = {
  [K in KkiRouteId]: KkiRoutes[K]['responseType'] extends 'json' ? K : never;
}[KkiRouteId];

type ParamsInput<Id extends KkiRouteId> =
  KkiRouteParams<Id> extends undefined
    ? { readonly params?: undefined }
    : { readonly params: KkiRouteParams<Id> };
type QueryInput<Id extends KkiRouteId> =
  KkiRouteQuery<Id> extends undefined
    ? { readonly query?: undefined }
    : { readonly query?: KkiRouteQuery<Id> };
type BodyInput<Id extends KkiRouteId> =
  KkiRouteBody<Id> extends undefined ? { readonly body?: undefined } : { readonly body: KkiRouteBody<Id> };
type KeyInput<Id extends KkiRouteId> = KkiRoutes[Id]['idempotent'] extends true
  ? { readonly idempotencyKey: string }
  : { readonly idempotencyKey?: undefined };

/**
 * What one call needs: path parameters, query and body exactly as the route declares them, and an
 * idempotency key exactly when the route is state-changing.
 */
export type KkiRequestInput<Id extends KkiJsonRouteId> = ParamsInput<Id> &
  QueryInput<Id> &
  BodyInput<Id> &
  KeyInput<Id> & {
    /** Aborts the call (e.g. on unmount). */
    readonly signal?: AbortSignal;
    /** Language of error copy the BFF answers with. */
    readonly locale?: KkiLocale;
  };

/** A typed client of the BFF's browser API. Pass one to `KkiProvider`, or let it make one from a URL. */
export interface KkiClient {
  /** The BFF's mount, e.g. `/api/kki` or `https://shop.example/api/kki`. */
  readonly baseUrl: string;
  /**
   * Calls a route. Resolves to the route's response once the fields the UI relies on check out
   * (status, ids, amounts, safe URLs; see `response-checks.ts`); rejects with a
   * {@link KkiRequestError} carrying a catalogue error.
   */
  request<Id extends KkiJsonRouteId>(id: Id, input: KkiRequestInput<Id>): Promise<KkiRouteResponse<Id>>;
  /** The absolute or root-relative URL of a route (for pages the browser navigates to). */
  url(id: KkiRouteId, params?: Readonly<Record<string, string>>): string;
}

/** Options of {@link createKkiClient}. */
export interface KkiClientOptions {
  /** The BFF's mount, e.g. `/api/kki`. */
  readonly baseUrl: string;
  /** `fetch` to use; defaults to the global one at call time (so SSR imports never touch it). */
  readonly fetch?: typeof fetch;
  /** Extra headers on every call (e.g. the merchant's own session header). */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Defaults to `'include'`: the BFF identifies the customer by the merchant's session cookie. */
  readonly credentials?: RequestCredentials;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** Builds a {@link KkiClient} from the contract's route descriptors. */
export function createKkiClient(options: KkiClientOptions): KkiClient {
  const baseUrl = trimSlash(options.baseUrl);
  const url = (id: KkiRouteId, params?: Readonly<Record<string, string>>) =>
    `${baseUrl}${buildKkiPath(id, params)}`;

  async function request<Id extends KkiJsonRouteId>(
    id: Id,
    input: KkiRequestInput<Id>,
  ): Promise<KkiRouteResponse<Id>> {
    const route = KKI_ROUTE_DESCRIPTORS[id];
    const locale = input.locale;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(typeof options.headers === 'function' ? options.headers() : options.headers),
    };
    if (locale !== undefined) headers[KKI_LOCALE_HEADER] = locale;
    if (route.method !== 'GET') headers[KKI_REQUEST_HEADER] = '1';
    if (input.idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = input.idempotencyKey;
    if (input.body !== undefined) headers['Content-Type'] = 'application/json';

    let target = url(id, input.params as Readonly<Record<string, string>> | undefined);
    if (input.query !== undefined) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(input.query)) if (typeof v === 'string') q.set(k, v);
      const qs = q.toString();
      if (qs !== '') target += `?${qs}`;
    }

    const doFetch = options.fetch ?? globalThis.fetch;
    let res: Response;
    try {
      res = await doFetch(target, {
        method: route.method,
        headers,
        credentials: options.credentials ?? 'include',
        ...(input.body !== undefined && { body: JSON.stringify(input.body) }),
        ...(input.signal !== undefined && { signal: input.signal }),
      });
    } catch (cause) {
      if (input.signal?.aborted) throw cause;
      // No answer at all: the BFF may or may not have acted.
      throw new KkiRequestError(localized('internal_error', locale), true, true, locale);
    }

    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      // The body's id, else the header's (a proxy's or an error page's answer has no kit body).
      const requestId = res.headers.get(REQUEST_ID_HEADER) ?? undefined;
      const read = readErrorBody(body, res.status);
      if (read !== null) {
        const error = read.requestId === undefined && requestId ? { ...read, requestId } : read;
        // The BFF says the request may have acted; the same request still running at the BFF
        // (payment_in_progress) has no outcome yet either.
        throw new KkiRequestError(
          error,
          error.outcomeUnknown === true ||
            error.code === 'doku_timeout' ||
            error.code === 'internal_error' ||
            error.code === 'payment_in_progress',
          false,
          locale,
        );
      }
      const fallback = localized('internal_error', locale);
      throw new KkiRequestError(
        requestId ? { ...fallback, requestId } : fallback,
        res.status >= 500,
        false,
        locale,
      );
    }
    // A success body that breaks the contract: the action may have happened, so keep the key.
    if (!isUsableResponse(id, body)) {
      throw new KkiRequestError(localized('internal_error', locale), true, false, locale);
    }
    return body as KkiRouteResponse<Id>;
  }

  return { baseUrl, request, url };
}

function localized(code: 'internal_error', locale: KkiLocale | undefined) {
  return createLocalKkiError(code, locale === undefined ? {} : { locale });
}

/**
 * The error in a BFF error body (`{ error: { code, message, retryable, … } }`, the contract's
 * `apiErrorBodySchema`), with the response's status; `null` when the body is not one. The message is
 * shown as the BFF worded it, in the language the call asked for.
 */
export function readErrorBody(body: unknown, httpStatus: number): KkiError | null {
  const e = (body as { error?: unknown } | null)?.error;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message, retryable, dokuResponseCode, field, details, requestId, outcomeUnknown } =
    e as Record<string, unknown>;
  const error = {
    code,
    message,
    retryable,
    httpStatus,
    ...(dokuResponseCode !== undefined && { dokuResponseCode }),
    ...(field !== undefined && { field }),
    ...(details !== undefined && { details }),
    ...(requestId !== undefined && { requestId }),
    ...(outcomeUnknown === true && { outcomeUnknown }),
  };
  return isKkiErrorShape(error) ? error : null;
}
