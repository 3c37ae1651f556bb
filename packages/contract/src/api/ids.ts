// The opaque ids' prefixes and pattern, without zod: the BFF mints them, the schemas check them, and
// the browser checks the ids it acts on.

/** Prefixes of the opaque ids, for code that mints them (the BFF). */
export const ID_PREFIXES = {
  order: 'ord',
  payment: 'pay',
  card: 'card',
  binding: 'bind',
  refund: 'ref',
  event: 'evt',
} as const;

/** An opaque id's pattern: its type prefix, `_`, then 8 to 64 letters or digits. */
export function opaqueIdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[A-Za-z0-9]{8,64}$`);
}

/** Whether `value` is an opaque id with `prefix`, e.g. `isOpaqueId(x, ID_PREFIXES.payment)`. */
export function isOpaqueId(value: unknown, prefix: string): value is string {
  return typeof value === 'string' && opaqueIdPattern(prefix).test(value);
}

/**
 * A short, readable handle of an opaque id for people (an order number on a receipt or a staff
 * table): its last 8 characters, upper-case. Not unique on its own: look ids up by the full id, and
 * match the handle case-insensitively.
 */
export function shortId(id: string): string {
  return id.slice(-8).toUpperCase();
}
