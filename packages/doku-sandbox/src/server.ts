#!/usr/bin/env node
// The standalone sandbox: `pnpm sandbox` (SANDBOX_PORT, default 4010; every other setting from
// SANDBOX_* variables, see the README). Also `startSandboxServer()` for tests that need a real socket
// (browser tests, out-of-process clients).
import { realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createSandbox, type Sandbox, type SandboxOptions } from './app.js';
import { sandboxConfigFromEnv, sandboxPortFromEnv } from './config.js';

/** A sandbox listening on a real port. */
export interface SandboxServer {
  sandbox: Sandbox;
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a sandbox with @hono/node-server. `port: 0` picks a free port. Hosted-page links point at
 * `config.publicBaseUrl` when set, otherwise at the address the client used.
 */
export async function startSandboxServer(
  options: SandboxOptions & { port?: number; hostname?: string } = {},
): Promise<SandboxServer> {
  const { port = 0, hostname = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: sandbox.app.fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    sandbox,
    url: `http://${host}:${address.port}`,
    port: address.port,
    async close() {
      await sandbox.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open; the sandbox has nothing left to say on them.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

async function main(): Promise<void> {
  const config = sandboxConfigFromEnv(process.env);
  const port = sandboxPortFromEnv(process.env);
  const hostname = process.env.SANDBOX_HOST?.trim() || '127.0.0.1';
  const running = await startSandboxServer({ ...config, port, hostname });
  const control = config.control ? `${running.url}/__sandbox` : 'off (set SANDBOX_CONTROL=1)';
  // One write, so a process reading the output sees the whole banner at once.
  console.log(
    [
      `DOKU sandbox listening on ${running.url}`,
      `  merchant client id: ${config.clientId}`,
      `  control API: ${control}`,
    ].join('\n'),
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((err: unknown) => {
    console.error(`DOKU sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
