// Row-level payment writes shared by the payment and refund repositories; callers hold the
// transaction (and the row lock from lockPayment).
import type { PaymentStatus } from '@kki-kit/contract';
import { newId } from '../ids.js';
import { emitEvent, paymentEventType, paymentSnapshotSql } from './events.js';
import type { PaymentEventSource } from './payment-state.js';
import { json, one } from './query.js';
import type { DokuFacts, PaymentPatch, PaymentRecord } from './records.js';
import { toPayment } from './rows.js';
import type { SqlExecutor } from './sql.js';

/** Reads a payment under a row lock (`FOR UPDATE`) inside `tx`. */
export async function lockPayment(tx: SqlExecutor, id: string): Promise<PaymentRecord> {
  return one(await tx.query('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]), toPayment, 'payment');
}

/**
 * The UPDATE that applies `patch` (and `status`) to payment `$1`; unset fields keep their value
 * (`COALESCE` on a flag per field). `$1`–`$18` are taken; `where` adds conditions after `id = $1`.
 */
export function patchStatement(id: string, patch: PaymentPatch, status?: PaymentStatus, where = '') {
  return {
    text: `UPDATE payments SET
       status = COALESCE($2, status),
       version = version + CASE WHEN $2::text IS NULL THEN 0 ELSE 1 END,
       doku_reference_no = CASE WHEN $3 THEN $4 ELSE doku_reference_no END,
       saved_card_id = CASE WHEN $5 THEN $6 ELSE saved_card_id END,
       masked_cpan = CASE WHEN $7 THEN $8 ELSE masked_cpan END,
       issuer = CASE WHEN $9 THEN $10 ELSE issuer END,
       next_action = COALESCE($11::jsonb, next_action),
       error = CASE WHEN $12 THEN $13::jsonb ELSE error END,
       doku = doku || COALESCE($14::jsonb, '{}'::jsonb),
       last_checked_at = CASE WHEN $15 THEN $16::timestamptz ELSE last_checked_at END,
       checkout_channel = CASE WHEN $17 THEN $18 ELSE checkout_channel END,
       updated_at = now()
     WHERE id = $1${where} RETURNING *`,
    params: [
      id,
      status ?? null,
      'dokuReferenceNo' in patch,
      patch.dokuReferenceNo ?? null,
      'savedCardId' in patch,
      patch.savedCardId ?? null,
      'maskedCpan' in patch,
      patch.maskedCpan ?? null,
      'issuer' in patch,
      patch.issuer ?? null,
      patch.nextAction ? json(patch.nextAction) : null,
      'error' in patch,
      patch.error ? json(patch.error) : null,
      patch.doku ? json(patch.doku) : null,
      'lastCheckedAt' in patch,
      patch.lastCheckedAt ? patch.lastCheckedAt.toISOString() : null,
      'checkoutChannel' in patch,
      patch.checkoutChannel ?? null,
    ] as unknown[],
  };
}

/** Applies `patch` (and `status`) in one UPDATE; unset fields keep their value. */
export async function applyPatch(tx: SqlExecutor, id: string, patch: PaymentPatch, status?: PaymentStatus) {
  const { text, params } = patchStatement(id, patch, status);
  return one(await tx.query(text, params), toPayment, 'payment');
}

/**
 * Appends the payment's state change to its history and, when merchant code has an event for it,
 * to the event outbox: every status change passes here, so every payment method produces events.
 */
export async function recordEvent(
  tx: SqlExecutor,
  payment: PaymentRecord,
  from: PaymentStatus | null,
  source: PaymentEventSource,
  detail: DokuFacts,
) {
  await tx.query(
    `INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [payment.id, payment.version, from, payment.status, source, json(detail)],
  );
  const type = paymentEventType(from, payment.status);
  if (type !== null) await emitEvent(tx, { type, subject: 'payment', payment });
}

/**
 * A status change from `from` as one statement: the UPDATE (only while the payment is still in
 * `from`; the row lock it takes re-checks that against the newest row), its history row and, when
 * merchant code has an event for it, the outbox event and its deliveries, all in the statement's
 * own transaction, as {@link recordEvent} writes them. Null when the payment was no longer in `from`.
 */
export async function changeStatusAtOnce(
  db: SqlExecutor,
  id: string,
  from: PaymentStatus,
  to: PaymentStatus,
  source: PaymentEventSource,
  detail: DokuFacts,
  patch: PaymentPatch,
): Promise<PaymentRecord | null> {
  const update = patchStatement(id, patch, to, ' AND status = $19');
  const type = paymentEventType(from, to);
  const rows = await db.query(
    `WITH changed AS (${update.text}),
     history AS (
       INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
       SELECT id, version, $19, status, $20, $21::jsonb FROM changed),
     event AS (
       INSERT INTO events (id, type, subject, stream, customer_id, order_id, snapshot)
       SELECT $22, $23, 'payment', id, customer_id, order_id, ${paymentSnapshotSql('changed')} FROM changed
       WHERE $23::text IS NOT NULL
       RETURNING seq, stream),
     deliveries AS (
       INSERT INTO event_deliveries (consumer, event_seq, stream)
       SELECT c.name, event.seq, event.stream FROM event_consumers c CROSS JOIN event)
     SELECT * FROM changed`,
    [...update.params, from, source, json(detail), newId('event'), type],
  );
  return rows[0] ? toPayment(rows[0]) : null;
}
