// CPU time per request of every party in a load level: the server under measure, the sandbox, the load
// generator and the BFF's PostgreSQL backends (found by the application name the BFF's connections
// carry). Read from /proc, so it counts CPU actually used, which other work on a shared machine moves
// far less than throughput; on a system without /proc every figure is 0.
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** CPU milliseconds per answered request of each party; `server` is the proxy or the BFF (0 for direct). */
export interface CpuPerRequest {
  server: number;
  sandbox: number;
  loadgen: number;
  postgres: number;
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); 0 elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** `url` with `application_name` set, so the backends of its connections can be found. */
export function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/** The pids of the PostgreSQL backends of connections named `name`. */
async function backends(admin: pg.Client | null, name: string | null): Promise<number[]> {
  if (!admin || name === null) return [];
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [name],
  );
  return rows.map((r) => r.pid);
}

/** The parties a level is measured on. */
export interface CpuParties {
  server: number | null;
  sandbox: number;
  loadgen: number;
  /** A connection to read pg_stat_activity with, and the BFF's application name (null: no PostgreSQL). */
  postgres: { admin: pg.Client; applicationName: string } | null;
}

/** Runs `level` and divides each party's CPU time by the requests it answered. */
export async function measureCpu<T extends { ok: number }>(
  parties: CpuParties,
  level: () => Promise<T>,
): Promise<T & { cpuMs: CpuPerRequest }> {
  const pgAdmin = parties.postgres?.admin ?? null;
  const pgName = parties.postgres?.applicationName ?? null;
  const own = (pid: number | null) => (pid === null ? 0 : cpuSeconds(pid));
  const before = {
    server: own(parties.server),
    sandbox: own(parties.sandbox),
    loadgen: own(parties.loadgen),
  };
  const pgBefore = new Map((await backends(pgAdmin, pgName)).map((pid) => [pid, cpuSeconds(pid)]));
  const figures = await level();
  let pgUsed = 0;
  // A backend that was not there before started during the level: all its time is the level's.
  for (const pid of await backends(pgAdmin, pgName)) pgUsed += cpuSeconds(pid) - (pgBefore.get(pid) ?? 0);
  const per = (seconds: number) => (seconds * 1000) / Math.max(1, figures.ok);
  return {
    ...figures,
    cpuMs: {
      server: per(own(parties.server) - before.server),
      sandbox: per(own(parties.sandbox) - before.sandbox),
      loadgen: per(own(parties.loadgen) - before.loadgen),
      postgres: per(pgUsed),
    },
  };
}
