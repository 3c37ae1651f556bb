// The default transport outside Node (the `default` condition of `#http-transport`): the runtime's
// own fetch, bound so a bare `fetch` keeps its `this` (browsers and some runtimes require it).
import { fetchTransport, type HttpTransport } from './transport.js';

/** The runtime's transport, or null when it has no `fetch`. */
export function defaultTransport(): HttpTransport | null {
  return typeof globalThis.fetch === 'function' ? fetchTransport(globalThis.fetch.bind(globalThis)) : null;
}
