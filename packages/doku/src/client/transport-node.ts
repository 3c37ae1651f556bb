// The default transport on Node (the `node` condition of `#http-transport`): node:http and
// node:https instead of fetch. Node 20's fetch spends about four times node:http's CPU on a request
// (WHATWG streams, Request and Headers objects, signal bookkeeping): about 200 against 50 µs per
// call at 64 concurrent calls, some 15% of the BFF's CPU per KKI payment creation (issue 18).
// Requests go through Node's global agents: they keep connections alive (Node ≥ 19), and whatever
// the host set on them (a proxy agent, CA certificates) applies to DOKU calls too. TLS certificates
// are verified as fetch verifies them. An injected `fetch` option still wins over this.
import http from 'node:http';
import https from 'node:https';
import type { HttpTransport, TransportAnswer } from './transport.js';

// What Node's fetch sent unasked, so a DOKU endpoint sees the same request it saw before. No
// `accept-encoding`: this transport does not decompress, so it asks for the body as is.
const DEFAULT_HEADERS: Readonly<Record<string, string>> = { accept: '*/*', 'user-agent': 'node' };

// As fetch's `text()` decodes: UTF-8, a leading byte-order mark dropped, bad bytes replaced.
const utf8 = new TextDecoder();

/** The node:http transport. */
export function defaultTransport(): HttpTransport {
  return nodeTransport;
}

const nodeTransport: HttpTransport = (url, { method, headers, body, signal }) =>
  new Promise<TransportAnswer>((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (lib === null) throw new TypeError(`DOKU URL must be http or https, not ${target.protocol}`);
    const sent: Record<string, string | number> = { ...DEFAULT_HEADERS };
    // Lower-cased, so a caller's `Accept` replaces the default instead of going out twice.
    for (const name of Object.keys(headers)) sent[name.toLowerCase()] = headers[name] as string;
    const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
    if (bytes !== undefined) sent['content-length'] = bytes.byteLength;
    const req = lib.request(target, { method, headers: sent, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      // A connection lost mid-body ends in `close` without `end`: no partial text is an answer.
      res.on('close', () => {
        if (!res.complete) reject(new Error('the connection closed before the answer was complete'));
      });
      res.on('end', () => {
        try {
          const answerHeaders = new Headers();
          const raw = res.rawHeaders;
          for (let i = 0; i + 1 < raw.length; i += 2)
            answerHeaders.append(raw[i] as string, raw[i + 1] as string);
          const text = utf8.decode(Buffer.concat(chunks));
          resolve({ status: res.statusCode ?? 0, headers: answerHeaders, text });
        } catch (error) {
          // A header fetch's Headers refuses: no answer, as fetch would have none.
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
