// One cold start in a fresh process: imports @kki-kit/bff, calls createKkiBff on the store given
// (JSON argument, as server-child takes it) and times its first answered request over HTTP
// (`GET /readyz`, which reads the store). Reports the figures to the parent and exits.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { failStart } from './child.js';
import { BFF_MOUNT } from './constants.js';

/** Milliseconds of one cold start. */
export interface ColdStartFigures {
  /** Process start to `@kki-kit/bff` imported (Node, tsx and the module graph). */
  importMs: number;
  /** `createKkiBff` called to resolved (store opened and migrated, keys imported, routes built). */
  createMs: number;
  /** `createKkiBff` called to its first request answered (the figure). */
  firstAnswerMs: number;
}

async function main(): Promise<void> {
  const [sandboxUrl, storeJson] = process.argv.slice(2);
  if (!sandboxUrl || !storeJson) throw new Error('usage: cold-start-child <sandbox url> <store json>');
  // The sandbox merchant's keys come from the parent, so the sandbox's modules are not loaded here.
  const keys = JSON.parse(process.env.KKI_BENCH_KEYS ?? '{}') as Record<string, string>;
  const [{ createKkiBff }, { serve }, { Hono }] = await Promise.all([
    import('@kki-kit/bff'),
    import('@hono/node-server'),
    import('hono'),
  ]);
  const imported = performance.now();
  const host = new Hono();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req) => host.fetch(req), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t0 = performance.now();
  const bff = await createKkiBff({
    publicUrl: `${origin}${BFF_MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    environment: sandboxUrl,
    clientId: keys.clientId ?? '',
    secretKey: keys.secretKey ?? '',
    privateKeyPem: keys.privateKeyPem ?? '',
    dokuPublicKeyPem: keys.dokuPublicKeyPem ?? '',
    store: JSON.parse(storeJson),
    authenticate: () => null,
    reconciliation: { enabled: false },
    logger: () => {},
  });
  const created = performance.now();
  host.route(BFF_MOUNT, bff.app);
  const res = await fetch(`${origin}${BFF_MOUNT}/readyz`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`first request answered ${res.status}`);
  const answered = performance.now();
  const figures: ColdStartFigures = {
    importMs: imported,
    createMs: created - t0,
    firstAnswerMs: answered - t0,
  };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await bff.close();
  process.send?.({ ready: figures }, () => process.exit(0));
}

main().catch(failStart);
