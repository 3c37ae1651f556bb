// `pnpm bench`: runs every benchmark, prints the tables, writes bench/results.json and (full run)
// bench/RESULTS.md. `pnpm bench --quick` runs shorter levels and writes results.json only. Timings are
// figures to read, never assertions: nothing here fails on a slow machine.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBffLoad, postgresAnswers } from './bff-load.js';
import { measureBundleSizes, overBudget, readBudget } from './bundle-size.js';
import { startChild } from './child.js';
import { benchColdStart } from './cold-start.js';
import { benchProtocol } from './protocol.js';
import { type RunFigures, ratios, resultsJson, resultsMarkdown } from './report.js';
import { fmt } from './stats.js';
import { benchTokenColdStart } from './token.js';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const startedAt = new Date().toISOString();
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}, Node ${process.version}`;
  // Other work on the machine skews every figure; the load average says how busy it was.
  const loadAverage = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(`kki-kit benchmarks${quick ? ' (quick)' : ''} on ${machine}; load average ${loadAverage}\n`);

  console.log('protocol work (µs per op)…');
  // Quick runs warm up as long as full ones: the JIT needs about ten thousand calls here, fewer left
  // the figure up to twice the steady cost (it is about a second per operation either way).
  const protocol = await benchProtocol(quick ? { iterations: 5_000 } : {});
  console.table(
    protocol.map((r) => ({
      op: r.op,
      'µs/op': fmt(r.microsPerOp, 1),
      'CPU µs/op': fmt(r.cpuMicrosPerOp, 1),
    })),
  );

  console.log('B2B token cold start…');
  const token = await benchTokenColdStart();
  console.table(token);

  console.log('bundle size…');
  const sizes = await measureBundleSizes();
  const budget = readBudget();
  console.table(sizes.map((s) => ({ entry: s.entry, minified: s.minified, gzipped: s.gzipped })));

  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const databaseUrl = url && (await postgresAnswers(url)) ? url : null;

  console.log('cold start (a fresh process per case)…');
  const sandbox = await startChild<{ url: string }>('server-child.ts', ['sandbox']);
  const coldStart = await benchColdStart(sandbox.ready.url, databaseUrl).finally(() => sandbox.stop());
  console.table(coldStart);

  console.log('BFF load (closed loop, loopback, one process per party)…');
  const bffLoad = await benchBffLoad({
    databaseUrl: databaseUrl ?? undefined,
    ...(quick && { concurrencies: [8, 64], count: 500, maxMs: 2_500, memoryAfterPayments: 0 }),
  });
  if (url && !databaseUrl) bffLoad.skipped.unshift(`PostgreSQL at ${new URL(url).host} did not answer`);
  console.table(
    bffLoad.rows.map((r) => ({
      op: r.op,
      path: r.target,
      store: r.store,
      c: r.concurrency,
      ok: r.ok,
      errors: r.errors,
      'req/s': fmt(r.rps, 0),
      'p50 ms': fmt(r.p50Ms, 2),
      'p99 ms': fmt(r.p99Ms, 2),
    })),
  );
  console.table(
    ratios(bffLoad.rows).map((r) => ({ ...r, rpsRatio: fmt(r.rpsRatio, 2), p99DiffMs: fmt(r.p99DiffMs, 1) })),
  );
  console.table(bffLoad.memory.map((m) => ({ ...m, rss: `${fmt(m.rss / 2 ** 20, 0)} MiB` })));
  for (const s of bffLoad.skipped) console.log(s);
  for (const f of bffLoad.rows.filter((r) => r.errors > 0)) {
    console.log(`errors in ${f.op} ${f.target} c=${f.concurrency}: ${f.firstError}`);
  }

  const figures: RunFigures = {
    startedAt,
    machine,
    loadAverage,
    quick,
    protocol,
    token,
    sizes,
    budget,
    load: bffLoad.rows,
    memory: bffLoad.memory,
    coldStart,
    skipped: bffLoad.skipped,
  };
  const json = join(benchDir, 'results.json');
  writeFileSync(json, `${JSON.stringify(resultsJson(figures), null, 2)}\n`);
  console.log(`\nwrote ${json}`);
  const over = overBudget(sizes, budget);
  if (over.length) console.log(`over the size budget: ${over.join('; ')}`);
  if (!quick) {
    const md = join(benchDir, 'RESULTS.md');
    writeFileSync(md, resultsMarkdown(figures));
    console.log(`wrote ${md}`);
  }
}

await main();
