// Charges an order does not keep, tracked until DOKU confirms their refund.
import { one } from './query.js';
import type { ExtraChargeRecord } from './records.js';
import { toExtraCharge } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** Charges an order does not keep, until DOKU confirms their refund. */
export interface ExtraChargeRepository {
  get(paymentId: string): Promise<ExtraChargeRecord | null>;
  /** Extra charges still `refunding`, least recently tried first: for reconciliation. */
  listRefunding(limit?: number): Promise<ExtraChargeRecord[]>;
  /** Notes a refund attempt: its refund and, for a failure, why; `nextAttempt` moves to a new reference. */
  note(
    paymentId: string,
    update: { refundId?: string | null; lastError?: string | null; nextAttempt?: boolean },
  ): Promise<ExtraChargeRecord>;
  /** Ends a `refunding` extra charge: refunded at DOKU, or released (DOKU kept nothing). */
  finish(paymentId: string, status: 'refunded' | 'released'): Promise<ExtraChargeRecord>;
}

/** The extra-charge repository on `db`. */
export function createExtraChargeRepository(db: SqlDatabase): ExtraChargeRepository {
  return {
    async get(paymentId) {
      const rows = await db.query('SELECT * FROM extra_charges WHERE payment_id = $1', [paymentId]);
      return rows[0] ? toExtraCharge(rows[0]) : null;
    },
    async listRefunding(limit = 100) {
      const rows = await db.query(
        `SELECT * FROM extra_charges WHERE status = 'refunding' ORDER BY updated_at, payment_id LIMIT $1`,
        [limit],
      );
      return rows.map(toExtraCharge);
    },
    async note(paymentId, update) {
      const rows = await db.query(
        `UPDATE extra_charges SET
           refund_id = CASE WHEN $2 THEN $3 ELSE refund_id END,
           last_error = CASE WHEN $4 THEN $5 ELSE last_error END,
           attempt = attempt + CASE WHEN $6 THEN 1 ELSE 0 END,
           updated_at = now()
         WHERE payment_id = $1 RETURNING *`,
        [
          paymentId,
          'refundId' in update,
          update.refundId ?? null,
          'lastError' in update,
          update.lastError ?? null,
          update.nextAttempt === true,
        ],
      );
      return one(rows, toExtraCharge, 'extra charge');
    },
    async finish(paymentId, status) {
      const rows = await db.query(
        `UPDATE extra_charges SET status = $2, updated_at = now()
         WHERE payment_id = $1 AND status = 'refunding' RETURNING *`,
        [paymentId, status],
      );
      if (rows[0]) return toExtraCharge(rows[0]);
      return one(
        await db.query('SELECT * FROM extra_charges WHERE payment_id = $1', [paymentId]),
        toExtraCharge,
        'extra charge',
      );
    },
  };
}
