// Small helpers every repository's SQL shares.
import { StoreRuleError } from './records.js';
import type { Row } from './sql.js';

/** A value as a JSON parameter (`null` for undefined). */
export const json = (value: unknown) => JSON.stringify(value ?? null);

/** The first row mapped, or a `not_found` store refusal naming `what`. */
export async function one<T>(rows: Row[], map: (row: Row) => T, what: string): Promise<T> {
  const row = rows[0];
  if (!row) throw new StoreRuleError('not_found', `${what} not found`);
  return map(row);
}
