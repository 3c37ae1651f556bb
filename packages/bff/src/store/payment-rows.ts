// Row-level payment writes shared by the payment and refund repositories; callers hold the
// transaction (and the row lock from lockPayment).
import type { PaymentStatus } from '@kki-kit/contract';
import { emitEvent, paymentEventType } from './events.js';
import type { PaymentEventSource } from './payment-state.js';
import { json, one } from './query.js';
import type { DokuFacts, PaymentPatch, PaymentRecord } from './records.js';
import { toPayment } from './rows.js';
import type { SqlExecutor } from './sql.js';

/** Reads a payment under a row lock (`FOR UPDATE`) inside `tx`. */
export async function lockPayment(tx: SqlExecutor, id: string): Promise<PaymentRecord> {
  return one(await tx.query('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]), toPayment, 'payment');
}

/** Applies `patch` (and `status`) in one UPDATE; unset fields keep their value (`COALESCE` on a flag per field). */
export async function applyPatch(tx: SqlExecutor, id: string, patch: PaymentPatch, status?: PaymentStatus) {
  const rows = await tx.query(
    `UPDATE payments SET
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
     WHERE id = $1 RETURNING *`,
    [
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
    ],
  );
  return one(rows, toPayment, 'payment');
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
