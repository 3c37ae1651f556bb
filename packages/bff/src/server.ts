#!/usr/bin/env node
// The standalone BFF (`pnpm bff`, `kki-bff`): for merchants who do not embed it. Configuration from
// the environment (every variable is listed in server-help.ts, printed by `kki-bff --help`).
// Customers are identified by a signed token (`KKI_SESSION_SECRET`, see session-token.ts); refunds are
// allowed to callers presenting `KKI_STAFF_TOKEN`, and refused when it is unset.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { timingSafeEqual } from '@kki-kit/doku';
import type { Context } from 'hono';
import { createKkiBff, type KkiBff } from './app.js';
import { KkiBffConfigError, type KkiBffOptions } from './config.js';
import { optionsFromEnv } from './config-env.js';
import { bffVersion, serverHelp } from './server-help.js';
import { verifyCustomerToken } from './session-token.js';

const bearer = (c: Context) => /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? null;

/** The running standalone server. */
export interface BffServer {
  bff: KkiBff;
  url: string;
  /**
   * Stops accepting connections, lets requests in flight finish (those still running after
   * `KKI_SHUTDOWN_TIMEOUT_MS` are cut), then closes the BFF: reconciliation, sandbox, store.
   */
  close(): Promise<void>;
}

/**
 * Starts the standalone server; resolves once it listens. `overrides` win over the options read from
 * `env` (for a wrapper script or a test that needs what the environment cannot say, e.g. a webhook
 * retry schedule or a store schema).
 */
export async function startBffServer(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<KkiBffOptions> = {},
): Promise<BffServer> {
  const port = Number(env.PORT ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new KkiBffConfigError(['PORT must be a port number']);
  const shutdownTimeoutMs = Number(env.KKI_SHUTDOWN_TIMEOUT_MS ?? 8_000);
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0)
    throw new KkiBffConfigError(['KKI_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds']);
  const sessionSecret = env.KKI_SESSION_SECRET;
  if (!sessionSecret || sessionSecret.length < 32) {
    throw new KkiBffConfigError([
      'KKI_SESSION_SECRET is required (at least 32 characters) to verify customer tokens',
    ]);
  }
  const staffToken = env.KKI_STAFF_TOKEN;
  const fromEnv = optionsFromEnv(env, {
    authenticate: async (c) => {
      const token = bearer(c);
      return token ? verifyCustomerToken(sessionSecret, token) : null;
    },
    ...(staffToken && {
      authorizeRefund: (c: Context) => {
        const token = c.req.header('x-kki-staff-token');
        return token !== undefined && timingSafeEqual(token, staffToken);
      },
    }),
  });
  const options: KkiBffOptions = { ...fromEnv, ...overrides };
  const hostname = env.HOST ?? '127.0.0.1';
  // Listen first, so the default publicUrl names the port actually bound (PORT=0 picks a free one);
  // requests arriving before the BFF is ready are answered 503.
  let ready: KkiBff | null = null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (request) => (ready ? ready.app.fetch(request) : new Response(null, { status: 503 })),
        port,
        hostname,
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  if (!options.publicUrl) options.publicUrl = `http://${host}:${actualPort}`;
  let bff: KkiBff;
  try {
    bff = await createKkiBff(options);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  ready = bff;
  let closed: Promise<void> | null = null;
  return {
    bff,
    url: `http://${host}:${actualPort}`,
    close() {
      closed ??= (async () => {
        await drain(server, shutdownTimeoutMs);
        await bff.close();
      })();
      return closed;
    },
  };
}

type NodeServer = ReturnType<typeof serve>;

/**
 * Closes `server`: no new connections, requests in flight answered. Keep-alive connections that fall
 * idle are closed as they do (a browser would otherwise hold the server open); after `timeoutMs`
 * every connection left is cut.
 */
async function drain(server: NodeServer, timeoutMs: number): Promise<void> {
  const http = server as NodeServer & { closeIdleConnections?(): void; closeAllConnections?(): void };
  const idle = setInterval(() => http.closeIdleConnections?.(), 50);
  const cut = setTimeout(() => http.closeAllConnections?.(), timeoutMs);
  try {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    clearInterval(idle);
    clearTimeout(cut);
  }
}

/** Runs `kki-bff` with `argv` (the arguments after the script): help, version, or the server until a signal. */
export async function runCli(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(serverHelp());
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${bffVersion()}\n`);
    return;
  }
  if (argv.length > 0) {
    process.stderr.write(`kki-bff: unknown argument ${argv[0]}\n\n${serverHelp()}`);
    process.exit(2);
  }
  let running: BffServer;
  try {
    running = await startBffServer();
  } catch (error) {
    console.error(error instanceof KkiBffConfigError ? error.message : 'kki-kit BFF failed to start');
    process.exit(1);
  }
  const { bff, url } = running;
  bff.log.info('kki-kit BFF listening', { url, routes: [...bff.routes] });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      bff.log.warn('stopping now', { signal });
      process.exit(1);
    }
    stopping = true;
    bff.log.info('stopping: finishing requests in flight', { signal });
    running.close().then(
      () => {
        bff.log.info('stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        bff.log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const isMain = (() => {
  try {
    return (
      process.argv[1] !== undefined &&
      realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
})();

if (isMain) void runCli(process.argv.slice(2));
