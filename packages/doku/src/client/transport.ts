// How the client sends one HTTP request: a small function rather than `fetch` itself, so Node can
// use node:http (see transport-node.ts) while other runtimes and injected `fetch`es keep fetch.

/** One request as a transport sends it. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Aborts the request (timeout or the caller's signal); the transport stops and rejects. */
  signal: AbortSignal;
}

/** The answer, its body read whole as UTF-8 text (the exact text matters for response signatures). */
export interface TransportAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Sends one request and reads its answer; rejects on a network failure or an abort. */
export type HttpTransport = (url: string, request: TransportRequest) => Promise<TransportAnswer>;

/** A transport over a `fetch` (an injected one, or the runtime's own outside Node). */
export function fetchTransport(fetchImpl: typeof fetch): HttpTransport {
  return async (url, { method, headers, body, signal }) => {
    const res = await fetchImpl(url, { method, headers, ...(body === undefined ? {} : { body }), signal });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}
