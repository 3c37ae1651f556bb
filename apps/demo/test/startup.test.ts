// A browser that polls while `npm start` is still starting must neither stop the start nor see a
// half-built shop: until every route is in place the shop answers 503 with Retry-After.
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/app.js';

/** A port nothing listens on now (the demo binds it a moment later). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let demo: DemoServer | undefined;
afterAll(async () => {
  await demo?.close();
});

describe('demo start-up', () => {
  it('answers 503 starting while it starts, then serves every route, and the start completes', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let started = false;
    const start = startDemoServer({ port, dataDir: null, staticDir: null, logger: () => {} }).then((d) => {
      demo = d;
    });
    // Settled either way ends the polling; `await start` below reports a failed start.
    void start
      .finally(() => {
        started = true;
      })
      .catch(() => {});

    const early: Response[] = [];
    while (!started) {
      try {
        const res = await fetch(`${base}/api/kki/readyz`);
        if (!started) early.push(res);
        else await res.body?.cancel();
      } catch {
        // Not bound yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await start;

    // The store takes far longer to open than a poll, so requests did arrive during the start.
    expect(early.length).toBeGreaterThan(0);
    const first = early[0]!;
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await first.json()).toEqual({ error: { code: 'starting', message: expect.any(String) } });
    for (const res of early.slice(1)) {
      // A request answered in the moment the start finished may already be served; nothing else.
      expect([503, 200]).toContain(res.status);
      await res.body?.cancel();
    }

    const ready = await fetch(`${base}/api/kki/readyz`);
    expect(ready.status).toBe(200);
    const session = await fetch(`${base}/api/shop/session`);
    expect(session.status).toBe(200);
    expect(((await session.json()) as { slot: string }).slot).toBe('a');
  });
});
