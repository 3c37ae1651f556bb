// `createSandbox`: one offline DOKU (SNAP KKI + Non-SNAP Cards) as a Hono app, with its clock,
// notifier, faults and ledger exposed for tests and the standalone server.
import { formatSnapResponseCode } from '@kki-kit/contract';
import { Hono } from 'hono';
import { createCardsModule } from './cards/index.js';
import { createCheckoutModule } from './checkout/index.js';
import { type ControllableClock, createClock } from './clock.js';
import { resolveSandboxConfig } from './config.js';
import type { SandboxConfig, SandboxContext, SandboxModule, SeededRandom } from './context.js';
import { CONTROL_PREFIX, createControlRoutes } from './control.js';
import { createFaultInjector, DroppedConnectionError, type SandboxFaultInjector } from './faults.js';
import { buildLedger, type SandboxLedger } from './ledger.js';
import { createNotifier, type SandboxNotifier } from './notify/index.js';
import { createRandom, type SandboxRandom } from './random.js';
import { createKkiModule, KKI_FAULT_SERVICE_CODES, type KkiModule } from './snap/index.js';

/** Options of `createSandbox`: any config field (the rest defaults), plus injectable pieces. */
export interface SandboxOptions extends Partial<SandboxConfig> {
  /** fetch for outbound calls (notifications); point it at an in-process merchant app in tests. */
  fetch?: typeof fetch;
  /** Start the sandbox clock at this time instead of now (it then runs in real time from there). */
  startAt?: Date;
}

/** A running sandbox. */
export interface Sandbox {
  /** The Hono app: serve it, or call `app.request()` / `app.fetch` in-process. */
  app: Hono;
  config: SandboxConfig;
  clock: ControllableClock;
  notifier: SandboxNotifier;
  faults: SandboxFaultInjector;
  /** The KKI module (direct approve/decline for tests). */
  kki: KkiModule;
  /** Everything that happened, without tokens or card numbers. */
  ledger(): SandboxLedger;
  /** Back to a fresh state: no payments, bindings, notifications; clock at real time; faults as configured; RNG re-seeded. */
  reset(): void;
  /** Cancels timers and releases hanging requests. Does not close a server (the caller owns it). */
  close(): Promise<void>;
}

/** A seeded generator that can be put back to its seed (reset) behind a stable reference. */
function resettableRandom(seed: number): SandboxRandom & { reseed(): void } {
  let inner = createRandom(seed);
  return {
    next: () => inner.next(),
    int: (n) => inner.int(n),
    digits: (n) => inner.digits(n),
    chars: (n, alphabet) => inner.chars(n, alphabet),
    fork: (label) => inner.fork(label),
    reseed() {
      inner = createRandom(seed);
    },
  };
}

/**
 * Creates a sandbox. With no options it is DOKU for the one default merchant
 * (`MCH-0001-10791114622547`, secret `SK-hCJ42G28TA0MKG9LE2E_1`, the keys of test-keys.ts), control
 * API off. Routes: SNAP (`/authorization/v1/access-token/b2b`, `/direct-debit/core/v1/...`,
 * `/orders/v1.0/debit/status`), Non-SNAP Cards, DOKU Checkout (`/checkout/v1/payment`), hosted
 * pages, and `/__sandbox/*` when `control`.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const { fetch: fetchImpl, startAt, ...overrides } = options;
  const config = resolveSandboxConfig(overrides);
  const clock = createClock({ offsetMs: startAt ? startAt.getTime() - Date.now() : 0 });
  const random = resettableRandom(config.seed);
  // Faults draw from their own stream, so the same seed gives the same faults whatever else ran.
  const faultRandom = resettableRandom(
    createRandom(config.seed)
      .fork('faults')
      .int(2 ** 32),
  );
  const faults = createFaultInjector({
    random: faultRandom,
    rules: config.faults,
    maxHangMs: config.maxHangMs,
    snapServiceCodes: KKI_FAULT_SERVICE_CODES,
    formatSnapCode: formatSnapResponseCode,
    nowIso: () => clock.now().toISOString(),
  });
  const outbound = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const notifier = createNotifier({ config, clock, faults, fetch: outbound });
  const ctx: SandboxContext = {
    config,
    clock,
    random: random satisfies SeededRandom,
    faults,
    notifier,
    fetch: outbound,
  };

  const kki = createKkiModule(ctx);
  const cardsModule = createCardsModule(ctx);
  const cards: SandboxModule = cardsModule;
  const checkout = createCheckoutModule(ctx, { kki, cards: cardsModule.internals });

  const ledger = (): SandboxLedger =>
    buildLedger({
      now: clock.now(),
      kki: kki.ledger(),
      cards: cards.ledger(),
      checkout: checkout.ledger(),
      notifications: notifier.log(),
      faults: faults.fired(),
    });

  const reset = (): void => {
    clock.cancelAll();
    clock.resetOffset();
    notifier.reset();
    kki.reset();
    checkout.reset();
    cards.reset();
    faults.setRules(config.faults);
    random.reseed();
    faultRandom.reseed();
  };

  const app = new Hono();
  app.onError((err, c) => {
    // A dropped-connection fault must reach the client as a failed request, not as a 500.
    if (err instanceof DroppedConnectionError) throw err;
    console.error('sandbox: unhandled error:', err instanceof Error ? err.name : 'unknown');
    return c.json({ error: 'sandbox internal error' }, 500);
  });
  if (config.control) {
    app.route(
      CONTROL_PREFIX,
      createControlRoutes({
        config,
        clock,
        faults,
        notifier: () => notifier,
        ledger,
        reset,
        kki,
        cards,
        checkout,
      }),
    );
  }
  app.route('/', kki.routes);
  app.route('/', cards.routes);
  app.route('/', checkout.routes);
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // The control API keeps its own error shape; every other unknown path is answered the way DOKU
    // answers an unknown SNAP path, so a SNAP client reads a SNAP error (service `00`: none matched).
    if (path.startsWith(CONTROL_PREFIX)) return c.json({ error: 'not found', path }, 404);
    return c.json(
      { responseCode: formatSnapResponseCode(404, '00', '00'), responseMessage: 'Not Found' },
      404,
    );
  });

  return {
    app,
    config,
    clock,
    notifier,
    faults,
    kki,
    ledger,
    reset,
    async close() {
      faults.releaseAll();
      clock.cancelAll();
    },
  };
}
