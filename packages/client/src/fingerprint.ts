// A short non-reversible fingerprint of a request body, so a retry can be recognised without
// keeping the body (which may hold a card number) any longer than the request itself.

/** 32-bit FNV-1a of `JSON.stringify(value)`, as 8 hex digits. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
