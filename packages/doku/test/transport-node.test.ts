// The node:http transport the client uses on Node when no `fetch` is injected (issue 18): the same
// requests DOKU saw through fetch, the same answers read back, and every way an answer can fail to
// arrive reported as fetch's did (timeout, refused connection, cut connection, untrusted TLS).
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultTransport } from '#http-transport';
import { fetchTransport, type TransportAnswer } from '../src/client/transport.js';
import { createDokuClient, DokuError, SNAP_PATHS } from '../src/index.js';
import { pem } from './vectors.js';
import { amount, CLIENT_ID, NS_CLIENT_ID, NS_SECRET, SECRET, setup } from './support/setup.js';
import { startFetchServer, startRawServer, type TestServer, TLS_FIXTURE } from './support/node-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const started = async (server: Promise<TestServer>) => {
  const s = await server;
  servers.push(s);
  return s;
};

const pay = { partnerReferenceNo: 'INV-1', amount, type: 'token' as const, bankCardToken: 'BCT-1' };
const node = defaultTransport();
if (node === null) throw new Error('Node has a default transport');
const viaFetch = fetchTransport(globalThis.fetch);
const never = () => new AbortController().signal;
const plain = (a: TransportAnswer) => ({ status: a.status, text: a.text, headers: [...a.headers.entries()] });

/** A client with no `fetch`: it must choose the node transport itself. */
function nodeClient(baseUrl: string, overrides: { timeoutMs?: number; retries?: number } = {}) {
  return createDokuClient({
    baseUrl,
    clientId: CLIENT_ID,
    secretKey: SECRET,
    privateKeyPem: pem('merchant-private.pem'),
    nonSnapClientId: NS_CLIENT_ID,
    nonSnapSecretKey: NS_SECRET,
    retryDelayMs: 1,
    ...overrides,
  });
}

describe('node:http transport', () => {
  it('is what a client without `fetch` sends with on Node, and the fake DOKU accepts every header and signature', async () => {
    const { fake } = setup();
    const server = await started(startFetchServer((request) => fake.fetch(request)));
    const client = nodeClient(server.url);
    const answer = await client.kkiPayment(pay);
    expect(answer.responseCode).toBe('2005400');
    expect(fake.state.failures).toEqual([]);
    const sent = fake.requestsTo(SNAP_PATHS.payment)[0];
    // What Node's fetch sent unasked, and no compression asked for.
    expect(sent?.headers).toMatchObject({ accept: '*/*', 'user-agent': 'node' });
    expect(sent?.headers['accept-encoding']).toBeUndefined();
    expect(Number(sent?.headers['content-length'])).toBe(Buffer.byteLength(sent?.body ?? ''));
    // Two calls (token, payment) on one kept-alive connection.
    expect(server.connections).toHaveLength(1);
  });

  it('reads answers exactly as fetch reads them: chunked UTF-8, byte-order mark, repeated headers, empty bodies', async () => {
    const text = '{"responseMessage":"Pembayaran berhasil — terima kasih ✓ 🇮🇩"}';
    const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
    // A fixed Date: the two reads compared may fall in different seconds.
    const date = 'Tue, 26 Mar 2024 09:01:41 GMT';
    const server = await started(
      startRawServer((req, res) => {
        if (req.url === '/empty') {
          res.writeHead(204, { 'X-Request-Id': 'r-1', Date: date });
          res.end();
          return;
        }
        res.writeHead(req.url === '/error' ? 500 : 200, [
          ['Content-Type', 'application/json; charset=utf-8'],
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['X-Timestamp', '2024-03-26T16:01:41+07:00'],
          ['Date', date],
        ]);
        // Split inside a multi-byte character, as TCP may split it.
        const cut = bytes.indexOf(0xe2) + 1;
        res.write(bytes.subarray(0, cut));
        setTimeout(() => res.end(bytes.subarray(cut)), 5);
      }),
    );
    for (const path of ['/ok', '/error', '/empty']) {
      const request = { method: 'GET' as const, headers: {}, signal: never() };
      const [a, b] = [await node(server.url + path, request), await viaFetch(server.url + path, request)];
      // fetch adds no headers of its own to an answer; Connection/Keep-Alive come from the server.
      expect(plain(a), path).toEqual(plain(b));
    }
    expect((await node(`${server.url}/ok`, { method: 'GET', headers: {}, signal: never() })).text).toBe(text);
  });

  it("sends the caller's headers once each, whatever their case, and the body's exact byte length", async () => {
    let seen: { headers: string[]; body: string } | null = null;
    const server = await started(
      startRawServer(async (req, res) => {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        seen = { headers: req.rawHeaders, body };
        res.end('{}');
      }),
    );
    const body = JSON.stringify({ name: 'Budi Santoso — Jl. Melati №5' });
    await node(server.url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-EXTERNAL-ID': '42' },
      body,
      signal: never(),
    });
    const raw = (seen as { headers: string[] } | null)?.headers ?? [];
    const names = raw.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names.filter((n) => n === 'accept')).toHaveLength(1);
    expect(raw[raw.findIndex((n) => n.toLowerCase() === 'accept') + 1]).toBe('application/json');
    expect(raw[raw.findIndex((n) => n.toLowerCase() === 'content-length') + 1]).toBe(
      String(Buffer.byteLength(body)),
    );
    expect((seen as { body: string } | null)?.body).toBe(body);
  });

  it('a DOKU that never answers is a timeout, and the connection is closed', async () => {
    const server = await started(startRawServer(() => {}));
    const client = nodeClient(server.url, { timeoutMs: 100, retries: 0 });
    const err = await client.getB2bToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DokuError);
    expect(err).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
    await expect.poll(() => server.connections[0]?.destroyed).toBe(true);
  });

  it("stops at the caller's abort with the caller's reason, and closes the connection", async () => {
    // The fake DOKU answers the token; the payment is never answered.
    const { fake } = setup();
    let paymentSent = false;
    const server = await started(
      startFetchServer((request) => {
        if (new URL(request.url).pathname !== SNAP_PATHS.payment) return fake.fetch(request);
        paymentSent = true;
        return new Promise<Response>(() => {});
      }),
    );
    const client = nodeClient(server.url, { retries: 0 });
    const controller = new AbortController();
    const call = client.kkiPayment(pay, { signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => paymentSent).toBe(true);
    const reason = new Error('customer left');
    controller.abort(reason);
    expect(await call).toBe(reason);
    // The payment's connection (the token's, kept alive) is closed, not left waiting.
    await expect.poll(() => server.connections.every((c) => c.destroyed)).toBe(true);
  });

  it('a refused connection is a network failure', async () => {
    const server = await startRawServer(() => {});
    await server.close();
    const err = await nodeClient(server.url, { retries: 0 })
      .getB2bToken()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', reason: 'network' });
  });

  it('a connection cut in the middle of the answer is a network failure, never a partial answer', async () => {
    const server = await started(
      startRawServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' });
        res.write('{"responseCode":"2007300","accessToken":"tok');
        setTimeout(() => res.socket?.destroy(), 10);
      }),
    );
    await expect(node(server.url, { method: 'GET', headers: {}, signal: never() })).rejects.toThrow();
    const err = await nodeClient(server.url, { retries: 0 })
      .getB2bToken()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'unavailable', reason: 'network' });
  });

  it("verifies TLS certificates, and uses what the host set on Node's global agent", async () => {
    const server = await started(startRawServer((_req, res) => res.end('{"ok":true}'), { tls: true }));
    const request = { method: 'GET' as const, headers: {}, signal: never() };
    // Self-signed: no trusted CA issued it.
    await expect(node(server.url, request)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const before = https.globalAgent.options.ca;
    https.globalAgent.options.ca = TLS_FIXTURE.cert;
    try {
      expect((await node(server.url, request)).text).toBe('{"ok":true}');
    } finally {
      https.globalAgent.options.ca = before;
    }
  });

  it('refuses a URL that is neither http nor https', async () => {
    await expect(node('ftp://127.0.0.1/x', { method: 'GET', headers: {}, signal: never() })).rejects.toThrow(
      /http or https/,
    );
  });
});
