// Liveness and readiness for orchestrators and load balancers: `/healthz` answers while the process
// serves HTTP; `/readyz` only when the store answers and every migration this code knows is applied
// (an instance started by a newer deploy against an old schema, or a lost database, is not ready).
import type { Hono } from 'hono';
import { MIGRATIONS, type Store } from '../store/index.js';
import type { Log } from '../log.js';

/** The health routes' paths, relative to the BFF's mount. */
export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz' } as const;

/** How long `/readyz` waits for the store before answering 503. */
export const READY_TIMEOUT_MS = 2_000;

/** Why the store is not ready, or null when it is. */
export async function storeUnreadiness(store: Store, timeoutMs = READY_TIMEOUT_MS): Promise<string | null> {
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const answer = await Promise.race([
      store.db.query<{ version: number | string | null }>(
        'SELECT max(version) AS version FROM kki_migrations',
      ),
      timeout,
    ]);
    if (answer === 'timeout') return 'store did not answer';
    const applied = Number(answer[0]?.version ?? 0);
    return applied >= latest ? null : `migrations pending (applied ${applied}, expected ${latest})`;
  } catch {
    return 'store unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/** Mounts `/healthz` and `/readyz` (answered `{ status }`, 200 or 503; never cached). */
export function registerHealthRoutes(
  app: Hono,
  deps: { store: Store; log: Log; closing: () => boolean },
): void {
  app.get(HEALTH_PATHS.live, (c) => c.json({ status: 'ok' }));
  app.get(HEALTH_PATHS.ready, async (c) => {
    const reason = deps.closing() ? 'shutting down' : await storeUnreadiness(deps.store);
    if (reason === null) return c.json({ status: 'ready' });
    deps.log.warn('not ready', { reason });
    return c.json({ status: 'unavailable', reason }, 503);
  });
}
