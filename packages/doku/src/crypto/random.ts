// Random bytes for ids and nonces: a CSPRNG through the runtime's primitives, drawn from a pool on
// Node (one system call per pool instead of one per id, which showed up in the BFF's profile).
import { primitives } from '#crypto-primitives';

/** `n` bytes from a CSPRNG, each byte handed out once. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return primitives.randomBytes(n);
}
