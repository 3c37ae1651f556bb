// `pnpm bench`: runs every benchmark, prints the tables and writes bench/RESULTS.md with the machine
// it ran on. Timings are figures to read, never assertions: nothing here fails on a slow machine.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBffLoad, type LoadOperation, type LoadRow, type LoadTarget } from './bff-load.js';
import { type BundleSize, measureBundleSizes, overBudget, readBudget } from './bundle-size.js';
import { benchProtocol, type ProtocolResult } from './protocol.js';
import { fmt, markdownTable } from './stats.js';
import { benchTokenColdStart, type TokenResult } from './token.js';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md');

function loadTable(rows: readonly LoadRow[]): string {
  return markdownTable(
    ['operation', 'path', 'store', 'concurrency', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'],
    rows.map((r) => [
      r.op,
      r.target,
      r.store,
      String(r.concurrency),
      String(r.ok),
      String(r.errors),
      fmt(r.rps, 0),
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
    ]),
  );
}

function find(
  rows: readonly LoadRow[],
  target: LoadTarget,
  store: LoadRow['store'],
  op: LoadOperation,
  c: number,
) {
  return rows.find((r) => r.target === target && r.store === store && r.op === op && r.concurrency === c);
}

/** Each path's p50 and throughput relative to straight-to-sandbox at the same level. */
function ratioTable(rows: readonly LoadRow[]): string {
  const paths: [LoadTarget, LoadRow['store']][] = [
    ['proxy', '-'],
    ['bff', 'pglite'],
    ['bff', 'postgres'],
  ];
  const out: string[][] = [];
  for (const op of ['create', 'status'] as const) {
    for (const direct of rows.filter((r) => r.target === 'direct' && r.op === op)) {
      for (const [target, store] of paths) {
        const row = find(rows, target, store, op, direct.concurrency);
        if (!row) continue;
        out.push([
          op,
          target === 'bff' ? `bff (${store})` : target,
          String(direct.concurrency),
          `${fmt(row.p50Ms / direct.p50Ms, 2)}×`,
          `${fmt(row.p99Ms / direct.p99Ms, 2)}×`,
          `${fmt(row.rps / direct.rps, 2)}×`,
        ]);
      }
    }
  }
  return markdownTable(
    ['operation', 'path', 'concurrency', 'p50 ÷ direct', 'p99 ÷ direct', 'req/s ÷ direct'],
    out,
  );
}

function tokenTable(results: readonly TokenResult[]): string {
  return markdownTable(
    ['concurrent cold calls', 'token requests made', 'calls answered with the token'],
    results.map((r) => [String(r.concurrentCalls), String(r.tokenRequests), String(r.callsWithToken)]),
  );
}

function protocolTable(results: readonly ProtocolResult[]): string {
  return markdownTable(
    ['operation', 'iterations', 'µs per op'],
    results.map((r) => [r.op, String(r.iterations), fmt(r.microsPerOp, 1)]),
  );
}

function sizeTable(sizes: readonly BundleSize[], budget: Record<string, number>): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
  return markdownTable(
    ['import', 'minified', 'of which zod (minified)', 'gzipped', 'budget (gzipped)'],
    sizes.map((s) => {
      const limit = budget[s.entry];
      return [
        `\`${s.entry}\``,
        kb(s.minified),
        kb(s.zodMinified),
        kb(s.gzipped),
        limit === undefined ? '–' : kb(limit),
      ];
    }),
  );
}

async function main(): Promise<void> {
  const started = new Date();
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}, Node ${process.version}`;
  // Other work on the machine skews every figure; the load average says how busy it was.
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  console.log(`kki-kit benchmarks on ${machine}; load average ${load}\n`);

  console.log('protocol work (µs per op)…');
  const protocol = await benchProtocol();
  console.table(protocol.map((r) => ({ op: r.op, 'µs/op': fmt(r.microsPerOp, 1) })));

  console.log('B2B token cold start…');
  const token = await benchTokenColdStart();
  console.table(token);

  console.log('bundle size…');
  const sizes = await measureBundleSizes();
  const budget = readBudget();
  console.table(sizes);

  console.log('BFF load (closed loop, loopback)…');
  const bffLoad = await benchBffLoad();
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
  for (const s of bffLoad.skipped) console.log(s);
  const failures = bffLoad.rows.filter((r) => r.errors > 0);
  for (const f of failures) console.log(`errors in ${f.op} ${f.target} c=${f.concurrency}: ${f.firstError}`);

  const md = `# kki-kit benchmarks

Written by \`pnpm bench\` (bench/src/run.ts) on ${started.toISOString()}.

**Machine:** ${machine}. Load average at the start (1, 5, 15 min): ${load}.

## How to read this

- **BFF load.** Three servers on 127.0.0.1, each a real HTTP server on @hono/node-server: the DOKU
  sandbox (\`startSandboxServer\`), a bare Hono pass-through proxy to it, and the BFF
  (\`createKkiBff\`, environment = the sandbox's URL). A closed-loop generator (N workers, each sends,
  waits, sends again; global fetch with keep-alive) runs each level until 1,500 requests or 5 s,
  whichever comes first. All of them, generator included, share **one Node process**: on a 2-core
  machine the figures are lower than a deployment's, and only the ratios between paths are meant to
  transfer. Read p99 with care: other work on the machine (see the load average) lands there first.
- **create** is a KKI payment with a new card (CPAN + OTT): DOKU answers at once (pending the
  issuer app), so the request completes synchronously. Through the BFF it is \`POST /kki/payments\`
  for an order created beforehand with the merchant API (validation, idempotency record, encryption,
  signing, the DOKU call, the store). Proxy and direct send the same DOKU request with
  \`@kki-kit/doku\`'s client in the caller, which signs and encrypts (see the protocol table for that
  cost); the proxy adds only a Hono hop.
- **status** through the BFF is \`GET /payments/:id\`, what the React kit polls: it reads the store
  and does not call DOKU. Proxy and direct are DOKU's status API (\`debitStatus\`). So a status ratio
  below 1 means polling the BFF is cheaper than asking DOKU.
- **Ratios** divide each path's figure by straight-to-sandbox at the same concurrency: the BFF's own
  cost is the part above the proxy's ratio.
- **B2B token:** N concurrent SNAP calls through one fresh DOKU client (cold token cache), with a
  fetch that counts token requests. One request means the calls waited on a single token fetch.
- **Protocol:** \`@kki-kit/doku\`'s functions alone, after a warm-up, on a payment-sized body. The
  SNAP signature includes minifying the body and its SHA-256; RSA runs with a 2048-bit key.
- **Bundle size:** esbuild, ESM, minified, gzip level 9. react, react-dom and @tanstack/react-query
  are peers and excluded; zod and @kki-kit/contract are the kit's own weight and included. The
  budget (bench/size-budget.json) is checked in CI by \`pnpm --filter @kki-kit/bench size:check\`.
  "Of which zod" is read from esbuild's metafile: the entries that use the contract's schemas carry
  zod. The contract builds them with zod's functional API, \`zod/mini\` (imported as a namespace,
  \`import * as z from 'zod/mini'\`, enforced by the linter), so esbuild keeps only the schema types
  and checks an entry reaches: 16.1 kB of zod in KkiPayButton and 31.9 kB in the root entry, where
  zod's classic API (\`import * as z from 'zod'\`) brought 89 to 92 kB to every entry that used a
  schema (KkiPayButton was 130.5 kB minified, 38.5 kB gzipped; it is 57.4 kB and 18.0 kB now) and
  \`import { z }\` brought all of zod, 443 kB.

## BFF throughput and latency

${loadTable(bffLoad.rows)}
${bffLoad.skipped.length ? `\n${bffLoad.skipped.map((s) => `_${s}_`).join('\n')}\n` : ''}
### Relative to straight-to-sandbox

${ratioTable(bffLoad.rows)}

## B2B token: concurrent cold calls

${tokenTable(token)}

## Protocol work per request

${protocolTable(protocol)}

## Bundle size of @kki-kit/react

${sizeTable(sizes, budget)}
${overBudget(sizes, budget).length ? `\nOver budget: ${overBudget(sizes, budget).join('; ')}\n` : ''}`;
  writeFileSync(RESULTS, md);
  console.log(`\nwrote ${RESULTS}`);
}

await main();
