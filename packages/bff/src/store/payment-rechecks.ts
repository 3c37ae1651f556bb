// What reconciliation asks DOKU about again, read from the payments table: open payments, payments
// the BFF closed itself while DOKU could still take them, and authorizations past DOKU's hold. Each
// query reads through an index that holds only its rows.
import { OPEN_PAYMENT_STATUSES } from './payment-state.js';
import type { PaymentRecord } from './records.js';
import { toPayment } from './rows.js';
import type { SqlDatabase } from './sql.js';

/**
 * The `doku` fact of a payment the BFF closed itself (cancelled in the shop, or expired while DOKU
 * still said pending, or a DOKU Checkout that failed before its deadline) although DOKU's page could
 * still take a payment: until when (ISO time)
 * reconciliation asks DOKU about it again. Cleared (`null`) once that is settled.
 */
export const PAYMENT_RECHECK_UNTIL_FACT = 'recheckUntil';

/**
 * The `doku` fact of an authorization the merchant's capture was sent for (ISO time, set before the
 * call goes): if the BFF never learns the outcome (it stopped mid-call, DOKU's notification was lost,
 * no retry came), reconciliation asks DOKU about it, so a capture DOKU made does not leave the payment
 * `authorized` (and its refunds refused) until the hold check days later. Cleared (`null`) when DOKU
 * refuses the capture.
 */
export const CAPTURE_SENT_AT_FACT = 'captureSentAt';

/** The payment listings reconciliation works from (part of the payment repository). */
export interface PaymentRecheckQueries {
  /** Open payments (`created`/`pending`) not updated since `before`, oldest first: for reconciliation. */
  listOpen(before: Date, limit?: number): Promise<PaymentRecord[]>;
  /**
   * Payments the BFF closed itself (`cancelled` or `expired`; a DOKU Checkout `failed` before its
   * page's deadline, which DOKU's page may still take) while DOKU's page could still take a
   * payment, marked with {@link PAYMENT_RECHECK_UNTIL_FACT}, of `method` and not updated since
   * `before`; least recently updated first. For reconciliation, which asks DOKU again about each and
   * clears the mark once that is settled (an index holds the marked rows only).
   */
  listToRecheck(filter: {
    method: PaymentRecord['method'];
    before: Date;
    limit: number;
  }): Promise<PaymentRecord[]>;
  /**
   * `authorized` payments of `method` created between `createdAfter` and `createdBefore` and not
   * updated since `before`, least recently updated first: authorizations DOKU may have let go.
   */
  listHeld(filter: {
    method: PaymentRecord['method'];
    createdAfter: Date;
    createdBefore: Date;
    before: Date;
    limit: number;
  }): Promise<PaymentRecord[]>;
  /**
   * `authorized` payments of `method` whose capture was sent ({@link CAPTURE_SENT_AT_FACT}) after
   * `sentAfter` and not updated since `before`, least recently updated first: captures whose outcome
   * the BFF may not have heard of.
   */
  listCaptureSent(filter: {
    method: PaymentRecord['method'];
    sentAfter: Date;
    before: Date;
    limit: number;
  }): Promise<PaymentRecord[]>;
}

/** {@link PaymentRecheckQueries} on `db`. */
export function paymentRecheckQueries(db: SqlDatabase): PaymentRecheckQueries {
  return {
    async listOpen(before, limit = 100) {
      const rows = await db.query(
        `SELECT * FROM payments WHERE status = ANY($1::text[]) AND updated_at < $2::timestamptz
         ORDER BY updated_at, id LIMIT $3`,
        [OPEN_PAYMENT_STATUSES, before.toISOString(), limit],
      );
      return rows.map(toPayment);
    },
    async listToRecheck(filter) {
      // The index's own predicate, written out, so its plan is the partial index (migration 10).
      const rows = await db.query(
        `SELECT * FROM payments
         WHERE status IN ('cancelled', 'expired', 'failed')
           AND (doku ->> '${PAYMENT_RECHECK_UNTIL_FACT}') IS NOT NULL
           AND method = $1 AND updated_at < $2::timestamptz
         ORDER BY updated_at, id LIMIT $3`,
        [filter.method, filter.before.toISOString(), filter.limit],
      );
      return rows.map(toPayment);
    },
    async listHeld(filter) {
      // Read through the partial index of migration 12 (authorized payments only).
      const rows = await db.query(
        `SELECT * FROM payments
         WHERE status = 'authorized' AND created_at < $2::timestamptz AND created_at > $3::timestamptz
           AND method = $1 AND updated_at < $4::timestamptz
         ORDER BY updated_at, id LIMIT $5`,
        [
          filter.method,
          filter.createdBefore.toISOString(),
          filter.createdAfter.toISOString(),
          filter.before.toISOString(),
          filter.limit,
        ],
      );
      return rows.map(toPayment);
    },
    async listCaptureSent(filter) {
      // Through the same partial index (authorized payments only); few of them carry the fact.
      const rows = await db.query(
        `SELECT * FROM payments
         WHERE status = 'authorized' AND method = $1 AND updated_at < $3::timestamptz
           AND (doku ->> '${CAPTURE_SENT_AT_FACT}')::timestamptz > $2::timestamptz
         ORDER BY updated_at, id LIMIT $4`,
        [filter.method, filter.sentAfter.toISOString(), filter.before.toISOString(), filter.limit],
      );
      return rows.map(toPayment);
    },
  };
}
