// What a notification of unknown shape may name a payment by. Anything else names no payment of
// ours, and must not reach a query or the inbox (PostgreSQL refuses NUL in text).

/** Printable ASCII, at most 64 characters: SNAP's longest reference and DOKU's invoice number. */
export function isPlausibleReference(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,64}$/.test(value);
}
