#!/usr/bin/env node
// The standalone BFF (`pnpm bff`): for merchants who do not embed it. Configuration from the
// environment (see BFF_ENV in config-env.ts, plus PORT, DATABASE_URL, KKI_DATA_DIR, KKI_ALLOWED_ORIGINS,
// KKI_INTEGRATION, KKI_PCI_DSS).
// Customers are identified by a signed token (`KKI_SESSION_SECRET`, see session-token.ts); refunds are
// allowed to callers presenting `KKI_STAFF_TOKEN`, and refused when it is unset.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { timingSafeEqual } from '@kki-kit/doku';
import type { Context } from 'hono';
import { createKkiBff, type KkiBff } from './app.js';
import { KkiBffConfigError } from './config.js';
import { optionsFromEnv } from './config-env.js';
import { verifyCustomerToken } from './session-token.js';

const bearer = (c: Context) => /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? null;

/** Starts the standalone server; resolves once it listens. */
export async function startBffServer(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ bff: KkiBff; url: string; close(): Promise<void> }> {
  const port = Number(env.PORT ?? 4020);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new KkiBffConfigError(['PORT must be a port number']);
  const sessionSecret = env.KKI_SESSION_SECRET;
  if (!sessionSecret || sessionSecret.length < 32) {
    throw new KkiBffConfigError([
      'KKI_SESSION_SECRET is required (at least 32 characters) to verify customer tokens',
    ]);
  }
  const staffToken = env.KKI_STAFF_TOKEN;
  const options = optionsFromEnv(env, {
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
  return {
    bff,
    url: `http://${host}:${actualPort}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bff.close();
    },
  };
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

if (isMain) {
  startBffServer().then(
    ({ url, bff }) => bff.log.info('kki-kit BFF listening', { url, routes: [...bff.routes] }),
    (error: unknown) => {
      console.error(error instanceof KkiBffConfigError ? error.message : 'kki-kit BFF failed to start');
      process.exit(1);
    },
  );
}
