// Group commit for small writes whose callers only need to know they are durable: while one group's
// statement runs, the writes that arrive wait, and go together in the next statement. At low load a
// write runs at once, alone (no timer, no added latency); under load, many callers share one round
// trip and one commit (issue 18: each round trip costs the BFF and PostgreSQL far more than the row).

/**
 * A function that resolves once `item` was written by `flush`, together with the items that queued
 * while the previous group's statement ran. A failed statement rejects every caller of its group.
 */
export function groupedWrites<T>(flush: (items: readonly T[]) => Promise<void>): (item: T) => Promise<void> {
  let queue: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      try {
        await flush(group.map((w) => w.item));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
