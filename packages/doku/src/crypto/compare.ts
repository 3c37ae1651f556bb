import { utf8 } from './encoding.js';

/**
 * Compares two strings in time that depends only on their lengths, so a signature check does not
 * leak how many leading bytes matched (DOKU's own SDKs compare with `==`; see anchors.md §3).
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = utf8(a);
  const y = utf8(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
