// A small closed-loop load generator: `concurrency` workers each send one request, wait for its
// answer, then send the next, until `count` requests were sent or `maxMs` has passed. Requests go
// over Node's global fetch (undici, keep-alive), loopback only. Latencies are recorded per request.
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

/** One load level's figures. */
export interface LoadFigures {
  concurrency: number;
  /** Requests answered as expected. */
  ok: number;
  /** Requests answered otherwise (wrong status) or thrown. */
  errors: number;
  seconds: number;
  /** Successful requests per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The first error seen, to make a failing level explainable. */
  firstError?: string;
}

/** What to run at one level. `send(i)` resolves when request `i` was answered as expected. */
export interface LoadLevel {
  concurrency: number;
  /** At most this many requests (each `i` in `0..count-1` is sent at most once). */
  count: number;
  /** Stop starting new requests after this long. */
  maxMs: number;
  send: (i: number) => Promise<void>;
}

/** Runs one closed-loop level and reports throughput and latency percentiles. */
export async function runLevel(level: LoadLevel): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + level.maxMs;
  const worker = async () => {
    while (next < level.count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await level.send(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: level.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency: level.concurrency,
    ok: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ...(firstError === undefined ? {} : { firstError }),
  };
}
