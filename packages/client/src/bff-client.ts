// The typed BFF client, built from the contract's route table: paths, methods and schemas live there.
import {
  buildKkiPath,
  createKkiError,
  IDEMPOTENCY_KEY_HEADER,
  KKI_LOCALE_HEADER,
  KKI_REQUEST_HEADER,
  type KkiLocale,
  type KkiRouteBody,
  type KkiRouteId,
  type KkiRouteParams,
  type KkiRouteQuery,
  type KkiRouteResponse,
  type KkiRoutes,
  kkiErrorFromApiErrorBody,
  kkiRoutes,
} from '@kki-kit/contract';
import { KkiRequestError } from './request-error.js';

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
   * Calls a route. Resolves to the route's response, validated against its schema; rejects with a
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

/** Builds a {@link KkiClient} from the contract's route table. */
export function createKkiClient(options: KkiClientOptions): KkiClient {
  const baseUrl = trimSlash(options.baseUrl);
  const url = (id: KkiRouteId, params?: Readonly<Record<string, string>>) =>
    `${baseUrl}${buildKkiPath(id, params)}`;

  async function request<Id extends KkiJsonRouteId>(
    id: Id,
    input: KkiRequestInput<Id>,
  ): Promise<KkiRouteResponse<Id>> {
    const route: KkiRoutes[KkiJsonRouteId] = kkiRoutes[id];
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
      const error = kkiErrorFromApiErrorBody(body, res.status);
      if (error !== null) {
        throw new KkiRequestError(
          error,
          error.code === 'doku_timeout' || error.code === 'internal_error',
          false,
          locale,
        );
      }
      throw new KkiRequestError(localized('internal_error', locale), res.status >= 500, false, locale);
    }
    const parsed = route.response.safeParse(body);
    // A success body that breaks the contract: the action may have happened, so keep the key.
    if (!parsed.success) throw new KkiRequestError(localized('internal_error', locale), true, false, locale);
    return parsed.data as KkiRouteResponse<Id>;
  }

  return { baseUrl, request, url };
}

function localized(code: 'internal_error', locale: KkiLocale | undefined) {
  return createKkiError(code, locale === undefined ? {} : { locale });
}
