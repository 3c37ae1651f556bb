// Seeded randomness: the same seed gives the same ids and the same fault decisions, so a failing run
// can be repeated exactly.
import type { SeededRandom } from './context.js';

/** The concrete generator: `SeededRandom` plus derived independent streams. */
export interface SandboxRandom extends SeededRandom {
  /** A new generator whose sequence depends only on this one's seed and `label`, not on how far this one has run. */
  fork(label: string): SandboxRandom;
  /** Random characters from `alphabet` (default: letters and digits). */
  chars(n: number, alphabet?: string): string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** FNV-1a, to turn a label into 32 bits for `fork`. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a mulberry32 generator (small, fast, good enough for test data; not for secrets). */
export function createRandom(seed: number): SandboxRandom {
  const origin = seed >>> 0;
  let state = origin;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (maxExclusive: number): number => {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1)
      throw new RangeError('int() needs an integer >= 1');
    return Math.floor(next() * maxExclusive);
  };
  const chars = (n: number, alphabet = ALNUM): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[int(alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    digits: (n: number) => chars(n, '0123456789'),
    chars,
    fork: (label: string) => createRandom((origin ^ hash32(label)) >>> 0),
  };
}
