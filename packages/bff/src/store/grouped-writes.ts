// Group commit for small statements whose callers only need their own row's result: while one
// group's statement runs, the calls that arrive wait, and go together in the next statement. At low
// load a call runs at once, alone (no timer, no added latency); under load, many callers share one
// round trip and one commit (issue 18: each round trip costs the BFF and PostgreSQL far more than the
// row).

/**
 * A function that resolves to `item`'s own result once `flush` ran it, together with the items that
 * queued while the previous group's statement ran. `flush` answers one result per item, in their
 * order. A failed statement rejects every caller of its group, and only those.
 */
export function groupedCalls<T, R>(
  flush: (items: readonly T[]) => Promise<readonly R[]>,
): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      try {
        const results = await flush(group.map((w) => w.item));
        if (results.length !== group.length) {
          throw new Error(`a grouped statement answered ${results.length} results for ${group.length} calls`);
        }
        for (const [i, w] of group.entries()) w.resolve(results[i] as R);
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}

/** {@link groupedCalls} for writes with no result: each caller learns only that its item is durable. */
export function groupedWrites<T>(flush: (items: readonly T[]) => Promise<void>): (item: T) => Promise<void> {
  return groupedCalls<T, undefined>(async (items) => {
    await flush(items);
    return items.map(() => undefined);
  });
}
