// What the KKI handlers share: the context, the store, fresh identifiers and the time helpers.
import type { SandboxContext } from '../context.js';
import type { SandboxRandom } from '../random.js';
import type { KkiStore } from './store.js';

/** Dependencies of every KKI handler and page. */
export interface KkiDeps {
  ctx: SandboxContext;
  store: KkiStore;
}

function hasChars(r: SandboxContext['random']): r is SandboxRandom {
  return typeof (r as Partial<SandboxRandom>).chars === 'function';
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `n` random letters and digits from the sandbox's seeded generator. */
export function randomChars(deps: KkiDeps, n: number): string {
  const r = deps.ctx.random;
  if (hasChars(r)) return r.chars(n);
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[r.int(ALNUM.length)];
  return out;
}

/** A fresh 12-digit DOKU `referenceNo` (the shape of DOKU's SDK fixture `560692500000`), unique here. */
export function newReferenceNo(deps: KkiDeps): string {
  for (;;) {
    const ref = `${1 + deps.ctx.random.int(9)}${deps.ctx.random.digits(11)}`;
    const taken =
      deps.store.bindings.has(ref) ||
      deps.store.payments.has(ref) ||
      deps.store.bindingByUnbindReference(ref) !== undefined;
    if (!taken) return ref;
  }
}

/** Sandbox-clock time, ISO-8601 UTC. */
export function nowIso(deps: KkiDeps): string {
  return deps.ctx.clock.now().toISOString();
}
