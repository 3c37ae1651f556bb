// `pnpm exec tsx src/create-ab.ts [--store postgres|pglite] [--rounds 5] [--concurrency 64]
// [--count 500] [--warmup 2000] [--pool <n>] [--profile <dir>]`: KKI payment creation through the proxy
// and through the BFF, level after level in turn (proxy, BFF, proxy, BFF, …), so load from other work on
// the machine hits both alike; prints each round and the median ratio. Each party first serves
// `--warmup` unmeasured creates at the measured concurrency: fresh processes (the proxy, the sandbox
// and the load generator's signing) cost about 1.7 times as much CPU per request over their first few
// thousand calls, which made the first round's proxy slow and its ratio high. `--profile` runs the BFF under
// `node --cpu-prof` and leaves its profile in `<dir>` (open it in Chrome DevTools or speedscope).
// A tool for judging a change to the create path on a busy machine; `pnpm bench` stays the report.
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { postgresAnswers } from './bff-load.js';
import { startChild } from './child.js';
import { measureCpu, withApplicationName } from './cpu.js';
import type { LoadJob } from './loadgen-child.js';
import type { LoadFigures } from './loadgen.js';
import { fmt, percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '64' },
    count: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '2000' },
    profile: { type: 'string' },
    /** The BFF's PostgreSQL pool size (the store's `maxConnections`; default the store's, 10). */
    pool: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const count = Number(values.count);
const warmup = Number(values.warmup);
const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (values.store === 'postgres' && !(databaseUrl && (await postgresAnswers(databaseUrl)))) {
  throw new Error('--store postgres needs TEST_DATABASE_URL (or DATABASE_URL) answering');
}

// The BFF's connections carry an application name, so its PostgreSQL backends can be told from
// other clients of the same server (other benches, tests).
const APPLICATION_NAME = `kki-ab-${process.pid}`;
const pgAdmin = values.store === 'postgres' ? new pg.Client({ connectionString: databaseUrl }) : null;
await pgAdmin?.connect();

const dataDir = await mkdtemp(join(tmpdir(), 'kki-ab-'));
const schema = `bench_ab_${Date.now().toString(36)}`;
const storeOption =
  values.store === 'pglite'
    ? { dataDir }
    : {
        databaseUrl: withApplicationName(databaseUrl as string, APPLICATION_NAME),
        schema,
        ...(values.pool && { maxConnections: Number(values.pool) }),
      };
const sandbox = await startChild<{ url: string }>('server-child.ts', ['sandbox']);
const proxy = await startChild<{ url: string }>('server-child.ts', ['proxy', sandbox.ready.url]);
const bff = await startChild<{ url: string }>(
  'server-child.ts',
  ['bff', sandbox.ready.url, JSON.stringify(storeOption)],
  {
    ...(values.profile && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile)}`] }),
  },
);
const loadgen = await startChild<{ pid: number }>('loadgen-child.ts', []);

/** One level with each party's CPU per request, as a printable line. */
async function withCpu(
  server: number,
  run: () => Promise<LoadFigures>,
): Promise<LoadFigures & { cpuMsPerRequest: string }> {
  const figures = await measureCpu(
    {
      server,
      sandbox: sandbox.pid,
      loadgen: loadgen.pid,
      postgres: pgAdmin ? { admin: pgAdmin, applicationName: APPLICATION_NAME } : null,
    },
    run,
  );
  const parts = Object.entries(figures.cpuMs).map(([party, ms]) => `${party} ${fmt(ms, 2)}`);
  return { ...figures, cpuMsPerRequest: parts.join(', ') };
}

/** One level of creates; the BFF's orders are made before the measured part. */
async function level(target: 'proxy' | 'bff', c: number, n: number) {
  const url = target === 'proxy' ? proxy.ready.url : bff.ready.url;
  const orderIds = target === 'bff' ? await bff.call<string[]>({ type: 'orders', count: n }) : undefined;
  const job: LoadJob = {
    target,
    op: 'create',
    url,
    concurrency: c,
    count: n,
    maxMs: 60_000,
    ...(orderIds && { orderIds }),
  };
  return withCpu(target === 'proxy' ? proxy.pid : bff.pid, () =>
    loadgen.call<LoadFigures>({ type: 'level', job }),
  );
}

try {
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  console.log(
    `create at c=${concurrency}, ${count} requests a level, BFF on ${values.store}; load average ${load()}`,
  );
  if (warmup > 0) {
    await level('proxy', concurrency, warmup);
    await level('bff', concurrency, warmup);
  }
  const ratios: number[] = [];
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const p = await level('proxy', concurrency, count);
    const b = await level('bff', concurrency, count);
    ratios.push(b.rps / p.rps);
    diffs.push(b.p99Ms - p.p99Ms);
    console.log(`  CPU ms per request, proxy level (server = proxy): ${p.cpuMsPerRequest}`);
    console.log(`  CPU ms per request, BFF level (server = BFF):     ${b.cpuMsPerRequest}`);
    console.log(
      `round ${r + 1}: proxy ${fmt(p.rps, 0)} req/s p99 ${fmt(p.p99Ms, 1)} ms | bff ${fmt(b.rps, 0)} req/s p99 ${fmt(b.p99Ms, 1)} ms (errors ${p.errors}/${b.errors}${b.firstError ? `: ${b.firstError}` : ''}) | ratio ${fmt(b.rps / p.rps, 2)}`,
    );
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  console.log(
    `median ratio ${fmt(percentile(sorted(ratios), 50), 3)}, median p99 difference ${fmt(percentile(sorted(diffs), 50), 1)} ms; load average ${load()}`,
  );
} finally {
  if ('schema' in storeOption) await bff.call({ type: 'dropSchema' }).catch(() => {});
  await loadgen.stop();
  await bff.stop();
  await proxy.stop();
  await sandbox.stop();
  await rm(dataDir, { recursive: true, force: true });
  await pgAdmin?.end();
}
