// Refunds, with the remaining-amount rule enforced under the payment's row lock.
import type { PaymentStatus } from '@kki-kit/contract';
import { newId } from '../ids.js';
import { emitEvent } from './events.js';
import { applyPatch, lockPayment, recordEvent } from './payment-rows.js';
import type { PaymentRepository } from './payments.js';
import { json, one } from './query.js';
import {
  type NewRefund,
  type PaymentRecord,
  type RefundOutcome,
  type RefundRecord,
  StoreRuleError,
} from './records.js';
import { toRefund } from './rows.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';

/** Refunds, with the remaining-amount rule enforced under the payment's row lock. */
export interface RefundRepository {
  /**
   * Reserves a `pending` refund. Refuses (`StoreRuleError`) a payment that is not refundable
   * (`payment_not_refundable`) or an amount above what is left of {@link chargedAmount} after
   * succeeded and pending refunds (`refund_exceeds_remaining`).
   */
  reserve(input: NewRefund): Promise<{ refund: RefundRecord; payment: PaymentRecord }>;
  /** Ends a pending refund; on success adds it to the payment and moves the payment's state. Idempotent. */
  settle(id: string, outcome: RefundOutcome): Promise<{ refund: RefundRecord; payment: PaymentRecord }>;
  get(id: string): Promise<RefundRecord | null>;
  findByPartnerRefundNo(partnerRefundNo: string): Promise<RefundRecord | null>;
  listByPayment(paymentId: string): Promise<RefundRecord[]>;
  /** What can still be refunded: charged − succeeded − pending refunds (0 when not refundable). */
  remaining(paymentId: string): Promise<number>;
  /**
   * Refunds still `pending` that were reserved before `before`, oldest first, at most `limit`; `after`
   * (the last one of the previous page) pages on. For reconciliation.
   */
  listPending(
    before: Date,
    limit: number,
    after?: Pick<RefundRecord, 'id' | 'createdAt'>,
  ): Promise<RefundRecord[]>;
}

const REFUNDABLE: readonly PaymentStatus[] = ['succeeded', 'partially_refunded'];

/**
 * What DOKU took for the payment: the order amount unless a promo or a partial capture made it less.
 * The ceiling of its refunds (DOKU refuses more) and what a full refund gives back.
 */
export function chargedAmount(payment: PaymentRecord): number {
  const charged = payment.doku.chargedAmount;
  return typeof charged === 'number' && charged > 0 && charged <= payment.amount ? charged : payment.amount;
}

/** What can still be refunded of a payment read under its lock (0 when not refundable). */
async function remainingLocked(tx: SqlExecutor, payment: PaymentRecord): Promise<number> {
  if (!REFUNDABLE.includes(payment.status)) return 0;
  const rows = await tx.query<{ pending: unknown }>(
    `SELECT COALESCE(SUM(amount), 0) AS pending FROM refunds WHERE payment_id = $1 AND status = 'pending'`,
    [payment.id],
  );
  return chargedAmount(payment) - payment.refundedAmount - Number(rows[0]?.pending ?? 0);
}

/** The refund repository on `db` (reads payments through `payments`). */
export function createRefundRepository(db: SqlDatabase, payments: PaymentRepository): RefundRepository {
  return {
    async reserve(input) {
      return db.transaction(async (tx) => {
        const payment = await lockPayment(tx, input.paymentId);
        if (!REFUNDABLE.includes(payment.status)) {
          throw new StoreRuleError(
            'payment_not_refundable',
            `a ${payment.status} payment cannot be refunded`,
          );
        }
        const left = await remainingLocked(tx, payment);
        const amount = input.amount ?? left;
        if (amount <= 0 || amount > left) {
          throw new StoreRuleError(
            'refund_exceeds_remaining',
            `refund of ${amount} exceeds the ${left} left`,
          );
        }
        const rows = await tx.query(
          `INSERT INTO refunds (id, payment_id, amount, currency, status, reason, partner_refund_no, external_id)
           VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7) RETURNING *`,
          [
            newId('refund'),
            payment.id,
            amount,
            payment.currency,
            input.reason ?? null,
            input.partnerRefundNo,
            input.externalId,
          ],
        );
        return { refund: await one(rows, toRefund, 'refund'), payment };
      });
    },
    async settle(id, outcome) {
      return db.transaction(async (tx) => {
        const refundRow = await tx.query('SELECT payment_id FROM refunds WHERE id = $1', [id]);
        const paymentId = String(refundRow[0]?.payment_id ?? '');
        // Lock order: payment, then refund (as `reserve`), so settle and reserve cannot deadlock.
        const payment = await lockPayment(tx, paymentId);
        const current = await one(
          await tx.query('SELECT * FROM refunds WHERE id = $1 FOR UPDATE', [id]),
          toRefund,
          'refund',
        );
        if (current.status !== 'pending') return { refund: current, payment };
        const rows = await tx.query(
          `UPDATE refunds SET status = $2, type = COALESCE($3, type), error = $4::jsonb,
             doku = doku || COALESCE($5::jsonb, '{}'::jsonb), updated_at = now()
           WHERE id = $1 RETURNING *`,
          [
            id,
            outcome.status,
            outcome.type ?? null,
            outcome.error ? json(outcome.error) : null,
            outcome.doku ? json(outcome.doku) : null,
          ],
        );
        const refund = await one(rows, toRefund, 'refund');
        await emitEvent(tx, {
          type: refund.status === 'succeeded' ? 'refund.succeeded' : 'refund.failed',
          subject: 'refund',
          refund,
          payment,
        });
        if (outcome.status !== 'succeeded') return { refund, payment };
        const refunded = payment.refundedAmount + refund.amount;
        const to: PaymentStatus = refunded >= chargedAmount(payment) ? 'refunded' : 'partially_refunded';
        await tx.query('UPDATE payments SET refunded_amount = $2 WHERE id = $1', [payment.id, refunded]);
        const updated = await applyPatch(tx, payment.id, {}, to);
        await recordEvent(tx, updated, payment.status, 'refund', {
          refundId: refund.id,
          amount: refund.amount,
        });
        return { refund, payment: updated };
      });
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM refunds WHERE id = $1', [id]);
      return rows[0] ? toRefund(rows[0]) : null;
    },
    async findByPartnerRefundNo(ref) {
      const rows = await db.query('SELECT * FROM refunds WHERE partner_refund_no = $1', [ref]);
      return rows[0] ? toRefund(rows[0]) : null;
    },
    async listByPayment(paymentId) {
      const rows = await db.query('SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id', [
        paymentId,
      ]);
      return rows.map(toRefund);
    },
    async remaining(paymentId) {
      const payment = await payments.get(paymentId);
      return payment ? remainingLocked(db, payment) : 0;
    },
    async listPending(before, limit, after) {
      // A pending refund is never updated until it settles, so `created_at` is also its last change.
      // Pages are ordered on the millisecond a record's `createdAt` carries, so `after` neither skips
      // nor repeats a refund.
      const rows = await db.query(
        `SELECT * FROM refunds WHERE status = 'pending' AND created_at < $1::timestamptz
           AND ($2::timestamptz IS NULL OR (date_trunc('milliseconds', created_at), id) > ($2::timestamptz, $3::text))
         ORDER BY date_trunc('milliseconds', created_at), id LIMIT $4`,
        [before.toISOString(), after?.createdAt.toISOString() ?? null, after?.id ?? '', limit],
      );
      return rows.map(toRefund);
    },
  };
}
