// Shared set-up for the notifier tests: a sandbox clock, a fault injector and a tiny in-process
// merchant (Hono) that records what arrives and answers with whatever the test asks for.
import { formatSnapResponseCode } from '@kki-kit/contract';
import { Hono } from 'hono';
import { createClock } from '../src/clock.js';
import { resolveSandboxConfig } from '../src/config.js';
import type { FaultRule, SandboxConfig } from '../src/context.js';
import { createFaultInjector } from '../src/faults.js';
import { createNotifier } from '../src/notify/index.js';
import { createRandom } from '../src/random.js';

/** One request the fake merchant received. */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A fake merchant: records notifications and token requests; answers are programmable. */
export function createMerchant() {
  const notifications: Received[] = [];
  const tokenRequests: Received[] = [];
  /** Status the next notifications get (a queue; the last value sticks). */
  const answers: number[] = [200];
  let tokenStatus = 200;
  let tokenExpiresIn = 900;
  let issued = 0;
  const app = new Hono();
  const record = async (c: { req: { path: string; raw: Request; text(): Promise<string> } }) => ({
    path: c.req.path,
    headers: Object.fromEntries(c.req.raw.headers.entries()),
    body: await c.req.text(),
  });
  app.post('/merchant/token', async (c) => {
    tokenRequests.push(await record(c));
    if (tokenStatus !== 200) return c.json({ responseCode: '4017300', responseMessage: 'Unauthorized' }, 401);
    issued += 1;
    return c.json({
      responseCode: '2007300',
      responseMessage: 'Successful',
      accessToken: `merchant-token-${issued}`,
      tokenType: 'Bearer',
      expiresIn: tokenExpiresIn,
    });
  });
  app.post('*', async (c) => {
    notifications.push(await record(c));
    const status = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (status === 204) return c.body(null, 204);
    return c.json({ ok: status < 300 }, status as 200);
  });
  return {
    app,
    notifications,
    tokenRequests,
    /** Answers for the coming notifications, in order; the last one repeats. */
    answer(...statuses: number[]) {
      answers.splice(0, answers.length, ...statuses);
    },
    failTokens(fail: boolean) {
      tokenStatus = fail ? 401 : 200;
    },
    tokenLifetime(seconds: number) {
      tokenExpiresIn = seconds;
    },
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      app.fetch(new Request(input, init))) as typeof fetch,
  };
}

/** A notifier wired to a fake merchant, with its clock and fault injector. */
export function setupNotifier(
  overrides: Partial<SandboxConfig> = {},
  faults: FaultRule[] = [],
  fetchOverride?: typeof fetch,
) {
  const config = resolveSandboxConfig({
    nonSnapNotificationUrl: 'https://merchant.test/payments/notifications',
    snapNotificationUrl: 'https://merchant.test/v1.0/debit/notify',
    snapNotificationTokenUrl: 'https://merchant.test/merchant/token',
    ...overrides,
  });
  const clock = createClock({ onError: (err) => console.error(err) });
  const random = createRandom(config.seed);
  const faultInjector = createFaultInjector({
    random,
    rules: faults,
    maxHangMs: 1000,
    snapServiceCodes: {},
    formatSnapCode: formatSnapResponseCode,
    nowIso: () => clock.now().toISOString(),
  });
  const merchant = createMerchant();
  const notifier = createNotifier({
    config,
    clock,
    faults: faultInjector,
    fetch: fetchOverride ?? merchant.fetch,
  });
  return { config, clock, faults: faultInjector, merchant, notifier };
}
