// The control API under `/__sandbox` (off unless `control: true` / `SANDBOX_CONTROL=1`): the
// ledger, the clock, faults, reset, and the modules' own control routes.
import { Hono } from 'hono';
import type { ControllableClock } from './clock.js';
import { SandboxConfigError } from './config.js';
import type { Notifier, SandboxConfig, SandboxModule } from './context.js';
import type { SandboxFaultInjector } from './faults.js';
import type { SandboxLedger } from './ledger.js';

/** Prefix of every control route. */
export const CONTROL_PREFIX = '/__sandbox';

/** What the control routes drive. */
export interface ControlDeps {
  config: SandboxConfig;
  clock: ControllableClock;
  faults: SandboxFaultInjector;
  notifier: () => Notifier;
  ledger(): SandboxLedger;
  reset(): void;
  kki: SandboxModule;
  cards: SandboxModule | null;
  checkout?: SandboxModule | null;
}

async function jsonBody(c: { req: { text(): Promise<string> } }): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SandboxConfigError('the body must be JSON');
  }
}

function rulesFrom(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { rules?: unknown }).rules)) {
    return (body as { rules: unknown[] }).rules;
  }
  throw new SandboxConfigError('send a JSON array of fault rules (or {"rules": [...]})');
}

/** Waits for scheduled work and notifications in flight. */
async function settle(deps: ControlDeps): Promise<void> {
  await deps.clock.settled();
  await deps.notifier().idle();
}

/** The `/__sandbox` routes (mount at `CONTROL_PREFIX`). */
export function createControlRoutes(deps: ControlDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof SandboxConfigError || err instanceof RangeError)
      return c.json({ error: err.message }, 400);
    throw err;
  });

  app.get('/ledger', (c) => c.json(deps.ledger()));
  app.get('/notifications', (c) => c.json(deps.notifier().log()));
  app.post('/idle', async (c) => {
    await settle(deps);
    return c.json({ ok: true });
  });

  const clockState = () => ({ now: deps.clock.now().toISOString(), pendingTasks: deps.clock.pendingTasks() });
  app.get('/clock', (c) => c.json(clockState()));
  app.post('/clock/advance', async (c) => {
    const body = (await jsonBody(c)) as { ms?: unknown; seconds?: unknown } | undefined;
    const ms =
      typeof body?.ms === 'number' ? body.ms : typeof body?.seconds === 'number' ? body.seconds * 1000 : NaN;
    if (!Number.isFinite(ms) || ms < 0)
      throw new SandboxConfigError('send {"ms": n} or {"seconds": n}, n >= 0');
    deps.clock.advance(ms);
    await settle(deps);
    return c.json(clockState());
  });
  app.post('/clock/set', async (c) => {
    const body = (await jsonBody(c)) as { at?: unknown } | undefined;
    const at = typeof body?.at === 'string' ? new Date(body.at) : null;
    if (!at || Number.isNaN(at.getTime())) throw new SandboxConfigError('send {"at": "<ISO-8601 time>"}');
    deps.clock.set(at);
    await settle(deps);
    return c.json(clockState());
  });

  const faultState = () => ({ rules: deps.faults.rules(), fired: deps.faults.fired() });
  app.get('/faults', (c) => c.json(faultState()));
  app.put('/faults', async (c) => {
    deps.faults.setRules(rulesFrom(await jsonBody(c)));
    return c.json(faultState());
  });
  app.post('/faults', async (c) => {
    deps.faults.addRules(rulesFrom(await jsonBody(c)));
    return c.json(faultState());
  });
  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.json(faultState());
  });

  app.post('/reset', (c) => {
    deps.reset();
    return c.json({ ok: true });
  });

  // What a client needs to talk to this sandbox; secrets and private keys are not shown.
  app.get('/config', (c) => {
    const { secretKey: _s, cardDataKey: _c, dokuPrivateKey: _p, ...visible } = deps.config;
    return c.json(visible);
  });

  if (deps.kki.control) app.route('/kki', deps.kki.control);
  if (deps.cards?.control) app.route('/cards', deps.cards.control);
  if (deps.checkout?.control) app.route('/checkout', deps.checkout.control);
  return app;
}
