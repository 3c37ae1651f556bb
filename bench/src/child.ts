// Child processes of the bench: every server and the load generator run in a process of their own
// (forked through tsx), so none competes inside one event loop with what it measures. A child
// announces itself with `{ ready }` and answers each `{ id, ... }` request with `{ id, result }` or
// `{ id, error }` over the IPC channel.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A running child and a way to ask it things. */
export interface BenchChild<Ready> {
  ready: Ready;
  pid: number;
  call<T>(request: Record<string, unknown>): Promise<T>;
  /** Asks the child to close its servers, then waits for it to exit. */
  stop(): Promise<void>;
}

type Reply = { id: number; result?: unknown; error?: string } | { ready: unknown } | { fatal: string };

/** Forks `script` (a file of this folder) with `args`; resolves when it says it is ready. */
export async function startChild<Ready>(
  script: string,
  args: readonly string[],
  options: { exposeGc?: boolean; env?: Record<string, string>; nodeArgs?: readonly string[] } = {},
): Promise<BenchChild<Ready>> {
  const child: ChildProcess = fork(join(here, script), [...args], {
    execArgv: ['--import', 'tsx', ...(options.exposeGc ? ['--expose-gc'] : []), ...(options.nodeArgs ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(options.env && { env: { ...process.env, ...options.env } }),
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    child.on('message', (m: Reply) => {
      if ('ready' in m) resolve(m.ready as Ready);
      else if ('fatal' in m) reject(new Error(`${script}: ${m.fatal}`));
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      }
    });
  });
  child.on('exit', () => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited`));
    pending.clear();
  });
  return {
    ready,
    pid: child.pid ?? -1,
    call: <T>(request: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ ...request, id });
      }),
    async stop() {
      if (child.connected && child.exitCode === null) {
        try {
          child.send({ id: -1, type: 'stop' });
        } catch {
          // It is exiting on its own.
        }
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: announces `ready` and answers requests with `handle` until `stop`. */
export function serveParent(
  ready: unknown,
  handle: (request: Record<string, unknown> & { type: string }) => Promise<unknown>,
  stop: () => Promise<void>,
): void {
  const send = (m: unknown) => process.send?.(m);
  process.on('message', async (m: Record<string, unknown> & { id: number; type: string }) => {
    if (m.type === 'stop') {
      await stop().catch(() => {});
      process.disconnect?.();
      process.exit(0);
    }
    try {
      send({ id: m.id, result: await handle(m) });
    } catch (error) {
      send({ id: m.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ ready });
}

/** In a child: reports a start-up failure to the parent and exits. */
export function failStart(error: unknown): void {
  const fatal = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ fatal }, () => process.exit(1));
  else process.exit(1);
}
