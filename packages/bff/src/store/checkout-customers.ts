// The DOKU Checkout customer id of each customer, kept from the first time it was sent: DOKU offers a
// saved card again only to the same `customer.id`, and the id is derived from the DOKU secret key,
// which a merchant rotates.
import type { SqlDatabase } from './sql.js';

/** Kept DOKU Checkout customer ids. */
export interface CheckoutCustomerRepository {
  /**
   * The id DOKU Checkout knows `customerId` by: the one kept for it, else `derived`, kept from now on.
   * Concurrent first uses agree on one id.
   */
  idFor(customerId: string, derived: string): Promise<string>;
}

/** The checkout customer repository on `db`. */
export function createCheckoutCustomerRepository(db: SqlDatabase): CheckoutCustomerRepository {
  const kept = async (customerId: string) =>
    (
      await db.query<{ doku_customer_id: string }>(
        'SELECT doku_customer_id FROM checkout_customers WHERE customer_id = $1',
        [customerId],
      )
    )[0]?.doku_customer_id;
  return {
    async idFor(customerId, derived) {
      const rows = await db.query<{ doku_customer_id: string }>(
        `WITH inserted AS (
           INSERT INTO checkout_customers (customer_id, doku_customer_id) VALUES ($1, $2)
           ON CONFLICT (customer_id) DO NOTHING RETURNING doku_customer_id)
         SELECT doku_customer_id FROM inserted
         UNION ALL SELECT doku_customer_id FROM checkout_customers WHERE customer_id = $1`,
        [customerId, derived],
      );
      // Nothing: a concurrent first use committed after this statement's snapshot; it is there now.
      const id = rows[0]?.doku_customer_id ?? (await kept(customerId));
      if (id === undefined) throw new Error('checkout customer id neither inserted nor found');
      return id;
    },
  };
}
