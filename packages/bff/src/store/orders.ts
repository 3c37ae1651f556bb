// Orders the merchant created.
import { newId } from '../ids.js';
import { json, one } from './query.js';
import type { NewOrder, OrderRecord } from './records.js';
import { toOrder } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** Orders the merchant created. */
export interface OrderRepository {
  create(input: NewOrder): Promise<OrderRecord>;
  /**
   * Inserts the order under `id` (one its caller derives, e.g. from an idempotency key), or answers
   * the order already stored under it as it stands (`created: false`).
   */
  createWithId(id: string, input: NewOrder): Promise<{ order: OrderRecord; created: boolean }>;
  get(id: string): Promise<OrderRecord | null>;
  /** The order only when it belongs to `customerId`: the customer-scoping read for browser routes. */
  getForCustomer(id: string, customerId: string): Promise<OrderRecord | null>;
}

const INSERT_ORDER = `INSERT INTO orders (id, customer_id, amount, description, line_items, card_options, metadata)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb)`;

/** {@link INSERT_ORDER}'s parameters. */
const orderValues = (id: string, input: NewOrder) => [
  id,
  input.customerId,
  input.amount,
  input.description ?? null,
  json(input.lineItems ?? []),
  input.cardOptions ? json(input.cardOptions) : null,
  json(input.metadata ?? {}),
];

/** The order repository on `db`. */
export function createOrderRepository(db: SqlDatabase): OrderRepository {
  const repo: OrderRepository = {
    async create(input) {
      return one(
        await db.query(`${INSERT_ORDER} RETURNING *`, orderValues(newId('order'), input)),
        toOrder,
        'order',
      );
    },
    async createWithId(id, input) {
      const rows = await db.query(
        `${INSERT_ORDER} ON CONFLICT (id) DO NOTHING RETURNING *`,
        orderValues(id, input),
      );
      if (rows[0]) return { order: toOrder(rows[0]), created: true };
      // Read in a statement of its own: one that committed while the insert waited on it is seen.
      const stored = await repo.get(id);
      if (!stored) throw new Error(`order ${id} neither inserted nor found`);
      return { order: stored, created: false };
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM orders WHERE id = $1', [id]);
      return rows[0] ? toOrder(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query('SELECT * FROM orders WHERE id = $1 AND customer_id = $2', [
        id,
        customerId,
      ]);
      return rows[0] ? toOrder(rows[0]) : null;
    },
  };
  return repo;
}
