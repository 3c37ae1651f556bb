// The load generator's HTTP client for the BFF: node:http through Node's global agent (keep-alive),
// the client the DOKU paths already use (@kki-kit/doku's Node transport). Node 20's fetch spends
// several times node:http's CPU per request, and the generator shares the cores with what it
// measures: one client for every path keeps that cost out of the comparison.
import http from 'node:http';

/** An answer: status and the body parsed as JSON. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** Sends one request to a loopback `http:` URL and parses the JSON answer. */
export function requestJson(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    const bytes = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    if (bytes) headers['content-length'] = bytes.byteLength;
    const req = http.request(url, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
        } catch {
          reject(new Error(`HTTP ${res.statusCode}: not JSON`));
        }
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}
