// The tables of RESULTS.md and the rows of results.json, from one run's figures.
import type { LoadOperation, LoadRow, LoadStore, LoadTarget, MemoryRow } from './bff-load.js';
import type { BundleSize } from './bundle-size.js';
import type { ColdStartRow } from './cold-start.js';
import type { ProtocolResult } from './protocol.js';
import { DEFAULT_WARMUP, WARMUP_CONCURRENCY } from './constants.js';
import { fmt, markdownTable } from './stats.js';
import type { TokenResult } from './token.js';

/** Everything one run measured. */
export interface RunFigures {
  startedAt: string;
  machine: string;
  loadAverage: string;
  quick: boolean;
  protocol: ProtocolResult[];
  token: TokenResult[];
  sizes: BundleSize[];
  budget: Record<string, number>;
  load: LoadRow[];
  memory: MemoryRow[];
  coldStart: ColdStartRow[];
  skipped: string[];
}

/** bench/results.json: the figures RESULTS.md shows, in the issue's row shapes. */
export function resultsJson(f: RunFigures) {
  const round = (n: number, digits: number) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
  return {
    startedAt: f.startedAt,
    machine: f.machine,
    loadAverage: f.loadAverage,
    quick: f.quick,
    skipped: f.skipped,
    bffLoad: f.load.map((r) => ({
      op: r.op,
      target: r.target,
      store: r.store,
      concurrency: r.concurrency,
      rps: round(r.rps, 1),
      p50Ms: round(r.p50Ms, 2),
      p99Ms: round(r.p99Ms, 2),
      ok: r.ok,
      errors: r.errors,
      cpuMsPerRequest: {
        server: round(r.cpuMs.server, 3),
        sandbox: round(r.cpuMs.sandbox, 3),
        loadgen: round(r.cpuMs.loadgen, 3),
        postgres: round(r.cpuMs.postgres, 3),
      },
    })),
    cpuBound: cpuBound(f.load),
    ratios: ratios(f.load).map((r) => ({
      ...r,
      rpsRatio: round(r.rpsRatio, 3),
      p99DiffMs: round(r.p99DiffMs, 2),
    })),
    protocol: f.protocol.map((r) => ({
      operation: r.op,
      usPerOp: round(r.microsPerOp, 2),
      cpuUsPerOp: round(r.cpuMicrosPerOp, 2),
    })),
    bundle: f.sizes.map((s) => ({ entry: s.entry, gzipBytes: s.gzipped, minifiedBytes: s.minified })),
    coldStart: f.coldStart.map((c) => ({
      store: c.store,
      database: c.database,
      importMs: round(c.importMs, 0),
      createMs: round(c.createMs, 0),
      firstAnswerMs: round(c.firstAnswerMs, 0),
    })),
    memory: f.memory,
    token: f.token,
  };
}

function find(rows: readonly LoadRow[], target: LoadTarget, store: LoadStore, op: LoadOperation, c: number) {
  return rows.find((r) => r.target === target && r.store === store && r.op === op && r.concurrency === c);
}

/** The BFF beside the proxy at each level: throughput ratio and p99 difference. */
export function ratios(rows: readonly LoadRow[]) {
  const out: {
    op: LoadOperation;
    store: 'pglite' | 'postgres';
    concurrency: number;
    rpsRatio: number;
    p99DiffMs: number;
  }[] = [];
  for (const bff of rows) {
    if (bff.target !== 'bff' || bff.store === '-') continue;
    const proxy = find(rows, 'proxy', '-', bff.op, bff.concurrency);
    if (!proxy) continue;
    out.push({
      op: bff.op,
      store: bff.store,
      concurrency: bff.concurrency,
      rpsRatio: bff.rps / proxy.rps,
      p99DiffMs: bff.p99Ms - proxy.p99Ms,
    });
  }
  return out;
}

/** A level's CPU per request, every party together. */
const totalCpu = (r: LoadRow) => r.cpuMs.server + r.cpuMs.sandbox + r.cpuMs.loadgen + r.cpuMs.postgres;

/**
 * Create at concurrency 64: what the BFF on PostgreSQL costs beside the proxy, party by party, and the
 * highest throughput ratio any BFF could reach here if its own process cost no more CPU than the
 * proxy's while PostgreSQL still did its measured share on the same cores (every party being
 * CPU-bound at that level): proxy total ÷ (proxy total + PostgreSQL per create). Null without the rows.
 */
export function cpuBound(rows: readonly LoadRow[]) {
  const proxy = find(rows, 'proxy', '-', 'create', 64);
  const bff = find(rows, 'bff', 'postgres', 'create', 64);
  if (!proxy || !bff) return null;
  const proxyTotal = totalCpu(proxy);
  return {
    proxyCpuMs: Number(proxyTotal.toFixed(3)),
    bffCpuMs: Number(totalCpu(bff).toFixed(3)),
    bffServerOverProxyServer: Number((bff.cpuMs.server / Math.max(proxy.cpuMs.server, 1e-9)).toFixed(2)),
    postgresCpuMs: Number(bff.cpuMs.postgres.toFixed(3)),
    ratioBoundWithPostgres: Number((proxyTotal / (proxyTotal + bff.cpuMs.postgres)).toFixed(2)),
  };
}

const MIB = 2 ** 20;

/** The "How to read this" section and every table. */
export function resultsMarkdown(f: RunFigures): string {
  const load = markdownTable(
    ['operation', 'path', 'store', 'concurrency', 'requests', 'errors', 'req/s', 'p50 ms', 'p99 ms'],
    f.load.map((r) => [
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
  const ratioTable = markdownTable(
    [
      'operation',
      'concurrency',
      'store',
      'proxy req/s',
      'bff req/s',
      'bff ÷ proxy req/s',
      'proxy p99 ms',
      'bff p99 ms',
      'bff − proxy p99',
    ],
    ratios(f.load)
      .sort((a, b) =>
        a.op === b.op
          ? a.concurrency - b.concurrency || a.store.localeCompare(b.store)
          : a.op.localeCompare(b.op),
      )
      .map((r) => {
        const proxy = find(f.load, 'proxy', '-', r.op, r.concurrency);
        const bff = find(f.load, 'bff', r.store, r.op, r.concurrency);
        return [
          r.op,
          String(r.concurrency),
          r.store,
          fmt(proxy?.rps ?? Number.NaN, 0),
          fmt(bff?.rps ?? Number.NaN, 0),
          `${fmt(r.rpsRatio, 2)}`,
          fmt(proxy?.p99Ms ?? Number.NaN, 1),
          fmt(bff?.p99Ms ?? Number.NaN, 1),
          `${r.p99DiffMs >= 0 ? '+' : ''}${fmt(r.p99DiffMs, 1)} ms`,
        ];
      }),
  );
  const cpu = markdownTable(
    ['operation', 'concurrency', 'path', 'store', 'server', 'PostgreSQL', 'sandbox', 'load generator', 'all'],
    f.load
      .filter((r) => r.op === 'create' && (r.concurrency === 64 || r.concurrency === 8))
      .map((r) => [
        r.op,
        String(r.concurrency),
        r.target,
        r.store,
        fmt(r.cpuMs.server, 2),
        fmt(r.cpuMs.postgres, 2),
        fmt(r.cpuMs.sandbox, 2),
        fmt(r.cpuMs.loadgen, 2),
        fmt(totalCpu(r), 2),
      ]),
  );
  const bound = cpuBound(f.load);
  const boundLine = bound
    ? `At concurrency 64 the BFF's own process used ${fmt(bound.bffServerOverProxyServer, 2)} × the proxy's CPU per create, and PostgreSQL ${fmt(bound.postgresCpuMs, 2)} ms. A BFF costing no more than the proxy would still reach at most **${fmt(bound.ratioBoundWithPostgres, 2)}** of its throughput with PostgreSQL on the same cores (proxy path ${fmt(bound.proxyCpuMs, 2)} ms ÷ that plus PostgreSQL's share).`
    : '_No PostgreSQL create rows at concurrency 64 in this run._';
  const cold = markdownTable(
    [
      'store',
      'database',
      'process start → @kki-kit/bff imported',
      'createKkiBff resolved',
      'createKkiBff → first answer',
    ],
    f.coldStart.map((c) => [
      c.store,
      c.database,
      `${fmt(c.importMs, 0)} ms`,
      `${fmt(c.createMs, 0)} ms`,
      `${fmt(c.firstAnswerMs, 0)} ms`,
    ]),
  );
  const memory = markdownTable(
    ['store', 'payments made by the instance', 'resident (RSS)', 'JS heap used', 'external'],
    f.memory.map((m) => [
      m.store,
      String(m.payments),
      `${fmt(m.rss / MIB, 0)} MiB`,
      `${fmt(m.heapUsed / MIB, 0)} MiB`,
      `${fmt(m.external / MIB, 0)} MiB`,
    ]),
  );
  const token = markdownTable(
    ['concurrent cold calls', 'token requests made', 'calls answered with the token'],
    f.token.map((r) => [String(r.concurrentCalls), String(r.tokenRequests), String(r.callsWithToken)]),
  );
  const protocol = markdownTable(
    ['operation', 'iterations', 'µs per op', 'CPU µs per op'],
    f.protocol.map((r) => [r.op, String(r.iterations), fmt(r.microsPerOp, 1), fmt(r.cpuMicrosPerOp, 1)]),
  );
  const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
  const sizes = markdownTable(
    ['import', 'minified', 'gzipped', 'budget (gzipped)'],
    f.sizes.map((s) => {
      const limit = f.budget[s.entry];
      return [`\`${s.entry}\``, kb(s.minified), kb(s.gzipped), limit === undefined ? '–' : kb(limit)];
    }),
  );
  const skipped = f.skipped.length ? `\n${f.skipped.map((s) => `_${s}_`).join('\n')}\n` : '';
  return `# kki-kit benchmarks

Written by \`pnpm bench\` (bench/src/run.ts) on ${f.startedAt}, from one run. \`pnpm bench --quick\`
runs fewer, shorter levels and writes only bench/results.json (the same figures as rows).

**Machine:** ${f.machine}. Load average at the start (1, 5, 15 min): ${f.loadAverage}.

## How to read this

- **Processes.** The DOKU sandbox (\`startSandboxServer\`), a bare Hono pass-through proxy to it, the
  BFF (\`createKkiBff\`, environment = the sandbox's URL) and the load generator each run in a Node
  process of their own, talking over loopback HTTP. No server shares an event loop with the generator;
  they do share the machine's cores, so on a small machine every figure is lower than a deployment's
  and the ratios between paths are what transfers. Other work on the machine lands in p99 first (see
  the load average).
- **Load.** A closed loop: N workers, each sends a request, waits for the answer, sends the next
  (node:http through Node's global agent, keep-alive, on every path: the BFF's JSON calls and the DOKU
  client's requests alike, as fetch costs the generator several times more CPU), until the level's
  request count or time limit. 64 concurrent callers is the level the goals are read at. Before the
  levels, every path serves ${DEFAULT_WARMUP.toLocaleString('en')} untimed requests of each operation with ${WARMUP_CONCURRENCY} callers: a fresh process
  costs more CPU per request over its first thousands of calls, the proxy's path more than the BFF's,
  so a short warm-up would flatter the ratio. The proxy
  forwards with fetch, as a Hono proxy does (\`hono/proxy\`); the BFF calls DOKU over node:http.
- **create** is a KKI payment with a new card (CPAN + OTT): DOKU answers at once (pending the issuer
  app), so the request completes synchronously. Through the BFF it is \`POST /kki/payments\` for an order
  made beforehand with the merchant API (validation, idempotency record, rate limit, encryption,
  signing, the DOKU call, the store). Proxy and direct send the same DOKU request with
  \`@kki-kit/doku\`'s client in the generator, which signs and encrypts; the proxy adds only a Hono hop.
- **status** through the BFF is \`GET /payments/:id\`, what the React kit polls: it reads the store and
  does not call DOKU. Proxy and direct are DOKU's status API (\`debitStatus\`).
- **BFF beside the proxy** divides the BFF's throughput by the proxy's at the same level and subtracts
  the proxy's p99 from the BFF's: the goal is ≥ 0.70 and < 25 ms at concurrency 64 for create.
- **Cold start** is a fresh process per case: the time to import \`@kki-kit/bff\`, then from
  \`createKkiBff\` called to its first answered request (\`GET /readyz\`, which reads the store).
- **Memory** is one BFF instance's resident set after a full GC, once it has made the payments shown.
- **Protocol:** \`@kki-kit/doku\`'s functions alone, after a warm-up, on a payment-sized body.
- **Bundle size:** esbuild, ESM, minified, gzip level 9; react, react-dom and @tanstack/react-query are
  external. The budget (bench/size-budget.json) is checked in CI by \`pnpm --filter @kki-kit/bench size:check\`.
  A component's \`+ KkiProvider\` row adds the provider from its own entry (the BFF client, the copy
  components share), which every page that renders the component renders too: it is what such a page
  ships. Each component carries its own Bahasa Indonesia copy. \`+lazy\` adds the largest part the
  entry may load later.

## BFF beside the bare proxy

${ratioTable}

## CPU per request (create)

Milliseconds of CPU per answered request, read from /proc for every party of the level: the server
under measure (the proxy or the BFF; none for direct), the BFF's PostgreSQL backends, the sandbox
and the load generator. On a machine where all of them share the cores, throughput is what the
cores give divided by the path's total.

${cpu}

${boundLine}

## BFF throughput and latency

${load}
${skipped}
## Cold start

${cold}

## Memory

${memory}

## B2B token: concurrent cold calls

${token}

## Protocol work per request

${protocol}

## Bundle size of @kki-kit/react

${sizes}
`;
}
