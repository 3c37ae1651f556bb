// The sandbox clock: real time plus an offset tests can move. Everything time-based in the sandbox
// (token and OTT expiry, auto-approval, unbinding completion, notification retries) reads this clock
// and schedules on it, so a test can jump 12 hours without waiting.
import type { SandboxClock } from './context.js';

interface Task {
  id: number;
  atMs: number;
  fn: () => void | Promise<void>;
  timer: ReturnType<typeof setTimeout> | null;
}

// setTimeout's maximum delay (about 24.8 days); longer waits are re-armed when they fire.
const MAX_TIMER_MS = 2_147_483_647;

/** The concrete clock: `SandboxClock` plus what the app and tests need to wait for and stop tasks. */
export interface ControllableClock extends SandboxClock {
  /** Resolves once every task that has become due has finished (including async work it started). */
  settled(): Promise<void>;
  /** Number of tasks not yet run. */
  pendingTasks(): number;
  /** Cancels every task and timer (used by `close()` and `reset()`). */
  cancelAll(): void;
  /** Back to real time (offset 0); tasks stay scheduled. */
  resetOffset(): void;
}

/**
 * Creates a clock at real time (+ `offsetMs`). Scheduled tasks run in due order, from an unref'd
 * real timer when real time reaches them, or at once when `advance`/`set` moves the clock past them.
 * A task that throws is reported with `onError` and never stops the others.
 */
export function createClock(
  options: { offsetMs?: number; onError?: (err: unknown) => void; realNow?: () => number } = {},
): ControllableClock {
  const realNow = options.realNow ?? Date.now;
  const onError = options.onError ?? ((err: unknown) => console.error('sandbox clock task failed:', err));
  let offset = options.offsetMs ?? 0;
  let nextId = 1;
  const tasks = new Map<number, Task>();
  const running = new Set<Promise<void>>();

  const nowMs = () => realNow() + offset;

  function arm(task: Task): void {
    if (task.timer) clearTimeout(task.timer);
    const delay = Math.min(Math.max(task.atMs - nowMs(), 0), MAX_TIMER_MS);
    task.timer = setTimeout(() => {
      task.timer = null;
      runDue();
      // The clock may have been set back since arming; wait again if this task is not due yet.
      if (tasks.has(task.id)) arm(task);
    }, delay);
    // Timers never keep the process alive: a test or server that is done can exit.
    task.timer.unref?.();
  }

  function runDue(): void {
    const now = nowMs();
    const due = [...tasks.values()]
      .filter((t) => t.atMs <= now)
      .sort((a, b) => a.atMs - b.atMs || a.id - b.id);
    for (const task of due) {
      tasks.delete(task.id);
      if (task.timer) clearTimeout(task.timer);
      const p = (async () => {
        try {
          await task.fn();
        } catch (err) {
          onError(err);
        }
      })();
      running.add(p);
      void p.finally(() => running.delete(p));
    }
  }

  function rearmAll(): void {
    for (const t of tasks.values()) arm(t);
  }

  return {
    now: () => new Date(nowMs()),
    nowMs,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite ms >= 0');
      offset += ms;
      runDue();
      rearmAll();
    },
    set(date: Date) {
      const t = date.getTime();
      if (!Number.isFinite(t)) throw new RangeError('set(date) needs a valid date');
      offset = t - realNow();
      runDue();
      rearmAll();
    },
    schedule(atMs: number, fn: () => void | Promise<void>) {
      const task: Task = { id: nextId++, atMs, fn, timer: null };
      tasks.set(task.id, task);
      arm(task);
      return () => {
        if (task.timer) clearTimeout(task.timer);
        tasks.delete(task.id);
      };
    },
    async settled() {
      // Tasks may schedule further due tasks or start more work; loop until quiet.
      for (let i = 0; i < 1000 && running.size > 0; i++) {
        await Promise.all([...running]);
      }
    },
    pendingTasks: () => tasks.size,
    cancelAll() {
      for (const t of tasks.values()) if (t.timer) clearTimeout(t.timer);
      tasks.clear();
    },
    resetOffset() {
      offset = 0;
      rearmAll();
    },
  };
}
