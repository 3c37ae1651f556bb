// Fault injection: makes the sandbox slow, broken, ambiguous or silent on purpose, per endpoint, so
// the BFF's retries, timeouts and idempotency can be tested against something that fails like a
// real network and a real DOKU do.
import type { Context, MiddlewareHandler } from 'hono';
import { parseFaultRule } from './config.js';
import type { FaultInjector, FaultKind, FaultRule, SeededRandom } from './context.js';

/** Thrown to make an in-process `app.fetch` reject, as a dropped connection does for a real client. */
export class DroppedConnectionError extends Error {
  override name = 'DroppedConnectionError';
  constructor() {
    super('sandbox fault: connection dropped');
  }
}

/** A fault that fired, for the ledger and tests. */
export interface FiredFault {
  endpoint: string;
  kind: FaultRule['kind'];
  /** Sandbox-clock time, ISO-8601. */
  at: string;
}

/** The concrete injector: `FaultInjector` plus what the control API and the app need. */
export interface SandboxFaultInjector extends FaultInjector {
  rules(): FaultRule[];
  /** Replaces every rule (each is checked; throws `SandboxConfigError` for a malformed one). */
  setRules(rules: readonly unknown[]): void;
  /** Adds rules after the existing ones. */
  addRules(rules: readonly unknown[]): void;
  clear(): void;
  /** Faults that fired so far, oldest first. */
  fired(): ReadonlyArray<FiredFault>;
  /** Ends every hanging 'noAnswer' request now (on close). */
  releaseAll(): void;
}

/** What the injector needs to answer like DOKU for each endpoint family. */
export interface FaultInjectorDeps {
  random: SeededRandom;
  rules: readonly FaultRule[];
  /** Upper bound for 'noAnswer' (real ms). */
  maxHangMs: number;
  /** SNAP service code per endpoint key ('kki.payment' -> '54'), for `500xx01` / `202xx00` bodies. */
  snapServiceCodes: Readonly<Record<string, string>>;
  /** Builds a SNAP `responseCode` from HTTP status, service code and case code. */
  formatSnapCode: (httpStatus: number, serviceCode: string, caseCode: string) => string;
  /** Sandbox clock time for the log. */
  nowIso: () => string;
}

const DEFAULT_LATENCY_MS = 1_000;

/** Kinds that decide what the client gets back; only one applies per call. */
const OUTCOME_KINDS: ReadonlySet<FaultRule['kind']> = new Set([
  'error5xx',
  'inProgress202',
  'noAnswer',
  'drop',
]);

/** Endpoint keys of the SNAP family start with `kki.`; everything else (`cards.`) is Non-SNAP. */
function isSnap(endpoint: string): boolean {
  return endpoint.startsWith('kki.');
}

function matches(rule: FaultRule, endpoint: string): boolean {
  if (rule.endpoint === '*') return endpoint !== 'notifications';
  if (rule.endpoint.endsWith('.*')) return endpoint.startsWith(rule.endpoint.slice(0, -1));
  return rule.endpoint === endpoint;
}

function defaultPhase(kind: FaultKind): 'before' | 'after' {
  // A 202 means "still working on it" (doku-api.md §5.4: ALTO timeout, "may still succeed
  // asynchronously"), so by default the sandbox does the work and only withholds the answer.
  return kind === 'inProgress202' ? 'after' : 'before';
}

interface NodeBindings {
  incoming?: { socket?: { destroy(): void; once(ev: 'close', fn: () => void): void; destroyed?: boolean } };
}

function nodeSocket(c: Context) {
  const env = c.env as NodeBindings | undefined;
  return env?.incoming?.socket;
}

/**
 * Creates the fault injector. Decisions use `deps.random`, so the same seed, rules and call
 * sequence give the same faults.
 */
export function createFaultInjector(deps: FaultInjectorDeps): SandboxFaultInjector {
  let rules: FaultRule[] = deps.rules.map((r, i) => parseFaultRule(r, `faults[${i}]`));
  const fired: FiredFault[] = [];
  const hangs = new Set<() => void>();

  /**
   * Rules that fire for this call, consuming `times` counters. At most one rule that decides the
   * outcome (error5xx, inProgress202, noAnswer, drop) fires per call; later ones are not consumed,
   * so "drop the next call, then hang the one after" works as written.
   */
  function draw(endpoint: string): FaultRule[] {
    const out: FaultRule[] = [];
    let outcomeTaken = false;
    for (const rule of rules) {
      if (!matches(rule, endpoint)) continue;
      const decidesOutcome = OUTCOME_KINDS.has(rule.kind);
      if (decidesOutcome && outcomeTaken) continue;
      let fires: boolean;
      if (rule.times !== undefined) {
        fires = rule.times > 0;
        if (fires) rule.times -= 1;
      } else {
        fires = deps.random.next() < (rule.probability ?? 1);
      }
      if (fires) {
        if (decidesOutcome) outcomeTaken = true;
        out.push({ ...rule });
        fired.push({ endpoint, kind: rule.kind, at: deps.nowIso() });
      }
    }
    rules = rules.filter((r) => r.times === undefined || r.times > 0);
    return out;
  }

  function serverError(c: Context, endpoint: string): Response {
    if (isSnap(endpoint)) {
      const service = deps.snapServiceCodes[endpoint] ?? '00';
      return c.json(
        // SNAP 500-00 and KKI case 00 alike; 01 would be a KKI duplicate.
        { responseCode: deps.formatSnapCode(500, service, '00'), responseMessage: 'General Error' },
        500,
      );
    }
    // Non-SNAP error envelope (doku-api.md §7.1 "Error body"); the code name is a GUESS, DOKU
    // documents only INVALID_PARAMETER.
    return c.json(
      {
        errors: {
          code: 'INTERNAL_SERVER_ERROR',
          message: 'Internal Server Error',
          type: 'Internal Server Error',
        },
      },
      500,
    );
  }

  function inProgress(c: Context, endpoint: string): Response {
    if (isSnap(endpoint)) {
      const service = deps.snapServiceCodes[endpoint] ?? '00';
      return c.json(
        { responseCode: deps.formatSnapCode(202, service, '00'), responseMessage: 'Request In Progress' },
        202,
      );
    }
    // Non-SNAP has no documented 202; same envelope as its errors (GUESS, doku-api.md §7.1).
    return c.json(
      {
        errors: { code: 'REQUEST_IN_PROGRESS', message: 'Request In Progress', type: 'Request In Progress' },
      },
      202,
    );
  }

  function drop(c: Context): never {
    const socket = nodeSocket(c);
    // Over a real socket, destroying it is what a client sees as ECONNRESET / "socket hang up".
    socket?.destroy();
    throw new DroppedConnectionError();
  }

  /** Waits until the client gives up or `maxHangMs` passes, then drops the connection. */
  async function hang(c: Context): Promise<never> {
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        hangs.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, deps.maxHangMs);
      timer.unref?.();
      hangs.add(finish);
      const signal = c.req.raw.signal;
      if (signal.aborted) finish();
      signal.addEventListener('abort', finish, { once: true });
      nodeSocket(c)?.once('close', finish);
    });
    return drop(c);
  }

  async function malformed(res: Response): Promise<Response> {
    const text = await res.text();
    // A strict prefix of a JSON object is never valid JSON.
    const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    headers.set('content-type', 'application/json');
    return new Response(cut, { status: res.status, headers });
  }

  return {
    middleware(endpoint: string): MiddlewareHandler {
      return async (c, next) => {
        const active = draw(endpoint);
        if (active.length === 0) return next();
        const latency = active
          .filter((r) => r.kind === 'latency')
          .reduce((sum, r) => sum + (r.latencyMs ?? DEFAULT_LATENCY_MS), 0);
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));

        const phaseOf = (r: FaultRule) => r.phase ?? defaultPhase(r.kind as FaultKind);
        const before = active.find(
          (r) => r.kind !== 'latency' && r.kind !== 'malformedJson' && phaseOf(r) === 'before',
        );
        if (before) {
          if (before.kind === 'error5xx') return serverError(c, endpoint);
          if (before.kind === 'inProgress202') return inProgress(c, endpoint);
          if (before.kind === 'drop') drop(c);
          if (before.kind === 'noAnswer') await hang(c);
        }

        await next();
        const after = active.filter((r) => phaseOf(r) === 'after' || r.kind === 'malformedJson');
        for (const r of after) {
          if (r.kind === 'noAnswer') await hang(c);
          if (r.kind === 'drop') drop(c);
        }
        // Clearing first stops Hono from merging the replaced response's headers into the new one.
        if (after.some((r) => r.kind === 'inProgress202')) {
          const res = inProgress(c, endpoint);
          c.res = undefined;
          c.res = res;
        }
        if (after.some((r) => r.kind === 'malformedJson')) {
          const res = await malformed(c.res);
          c.res = undefined;
          c.res = res;
        }
      };
    },
    notificationFaults() {
      const active = draw('notifications');
      return {
        duplicate: active.some((r) => r.kind === 'duplicate'),
        reorder: active.some((r) => r.kind === 'reorder'),
        lose: active.some((r) => r.kind === 'lose'),
      };
    },
    rules: () => rules.map((r) => ({ ...r })),
    setRules(next) {
      rules = next.map((r, i) => parseFaultRule(r, `faults[${i}]`));
    },
    addRules(more) {
      const offset = rules.length;
      rules = [...rules, ...more.map((r, i) => parseFaultRule(r, `faults[${offset + i}]`))];
    },
    clear() {
      rules = [];
    },
    fired: () => fired.slice(),
    releaseAll() {
      for (const finish of [...hangs]) finish();
    },
  };
}
