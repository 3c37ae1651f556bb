// Real HTTP(S) servers on loopback for the node:http transport's tests: one that serves a fetch
// handler (the fake DOKU), and the raw node server for answers fetch handlers cannot give (a body in
// chunks, a connection cut mid-answer, no answer at all).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A listening server with its base URL and the sockets it accepted. */
export interface TestServer {
  url: string;
  /** Connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  readonly connections: Socket[];
  close(): Promise<void>;
}

/** The fixture certificate and key for `localhost` and 127.0.0.1 (self-signed: no CA trusts it). */
export const TLS_FIXTURE = {
  cert: readFileSync(new URL('./tls/localhost-cert.pem', import.meta.url), 'utf8'),
  key: readFileSync(new URL('./tls/localhost-key.pem', import.meta.url), 'utf8'),
};

/** Starts `handler` on a free loopback port (HTTPS with the fixture certificate when `tls`). */
export async function startRawServer(
  handler: http.RequestListener,
  options: { tls?: boolean } = {},
): Promise<TestServer> {
  const server = options.tls ? https.createServer(TLS_FIXTURE, handler) : http.createServer(handler);
  const connections: Socket[] = [];
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a fetch handler (e.g. the fake DOKU's) over real HTTP. */
export function startFetchServer(handle: (request: Request) => Promise<Response>): Promise<TestServer> {
  return startRawServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    const method = req.method ?? 'GET';
    const answer = await handle(
      new Request(`http://${req.headers.host}${req.url}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
}
