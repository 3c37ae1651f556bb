// Row-level payment writes shared by the payment and refund repositories; callers hold the
// transaction (and the row lock from lockPayment), except for the grouped status changes, which are
// their own statements.
import type { PaymentStatus } from '@kki-kit/contract';
import { newId } from '../ids.js';
import { emitEvent, paymentEventType, paymentSnapshotSql } from './events.js';
import type { PaymentEventSource } from './payment-state.js';
import { groupedCalls } from './grouped-writes.js';
import { json, one } from './query.js';
import type { DokuFacts, PaymentPatch, PaymentRecord } from './records.js';
import { toPayment } from './rows.js';
import type { SqlExecutor } from './sql.js';

/** Reads a payment under a row lock (`FOR UPDATE`) inside `tx`. */
export async function lockPayment(tx: SqlExecutor, id: string): Promise<PaymentRecord> {
  return one(await tx.query('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]), toPayment, 'payment');
}

/**
 * The assignments that apply a patch (and a status) to a payment; unset fields keep their value
 * (`COALESCE` on a flag per field). `$2`–`$18` are {@link patchParams}' values (`$1` is the id).
 */
const PATCH_ASSIGNMENTS = `status = COALESCE($2, status),
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
       updated_at = now()`;

/** A parameter of {@link PATCH_ASSIGNMENTS} with its SQL type (a grouped statement's array type). */
type PatchParam = readonly [type: 'text' | 'boolean', value: unknown];

/** The parameters of {@link PATCH_ASSIGNMENTS}: the id, the status (or null), then a flag and a value per field. */
function patchParams(id: string, patch: PaymentPatch, status?: PaymentStatus): PatchParam[] {
  const flag = (set: boolean): PatchParam => ['boolean', set];
  const text = (value: string | null | undefined): PatchParam => ['text', value ?? null];
  return [
    text(id),
    text(status),
    flag('dokuReferenceNo' in patch),
    text(patch.dokuReferenceNo),
    flag('savedCardId' in patch),
    text(patch.savedCardId),
    flag('maskedCpan' in patch),
    text(patch.maskedCpan),
    flag('issuer' in patch),
    text(patch.issuer),
    text(patch.nextAction ? json(patch.nextAction) : null),
    flag('error' in patch),
    text(patch.error ? json(patch.error) : null),
    text(patch.doku ? json(patch.doku) : null),
    flag('lastCheckedAt' in patch),
    text(patch.lastCheckedAt?.toISOString()),
    flag('checkoutChannel' in patch),
    text(patch.checkoutChannel),
  ];
}

const patchValues = (id: string, patch: PaymentPatch, status?: PaymentStatus) =>
  patchParams(id, patch, status).map(([, value]) => value);

/** The SQL types of {@link patchParams}, in order: the same for every patch. */
const PATCH_PARAM_TYPES = patchParams('', {}).map(([type]) => type);

/** Applies `patch` (and `status`) in one UPDATE; unset fields keep their value. */
export async function applyPatch(tx: SqlExecutor, id: string, patch: PaymentPatch, status?: PaymentStatus) {
  const text = `UPDATE payments SET ${PATCH_ASSIGNMENTS} WHERE id = $1 RETURNING *`;
  return one(await tx.query(text, patchValues(id, patch, status)), toPayment, 'payment');
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
  /** The money this change records is an extra charge (see {@link paymentEventType}). */
  extraCharge = false,
) {
  await tx.query(
    `INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [payment.id, payment.version, from, payment.status, source, json(detail)],
  );
  const type = paymentEventType(from, payment.status, extraCharge);
  if (type !== null) await emitEvent(tx, { type, subject: 'payment', payment });
}

/** A status change made at once (see {@link groupedStatusChanges}). */
export interface StatusChange {
  id: string;
  from: PaymentStatus;
  to: PaymentStatus;
  source: PaymentEventSource;
  detail: DokuFacts;
  patch: PaymentPatch;
}

// The statement of a group of changes: each change's patch values as `u.p1`–`u.p18` (the same
// assignments as applyPatch, so a field's rule is written once), with its own history row and, when
// merchant code has an event for it, its outbox event and deliveries. A lone change reads its values
// from scalar parameters and finds its row by `id = $1`, a plan that stays right when prepared once;
// a group's arrays are planned per run (see QueryOptions.prepare), since a plan prepared while the
// table was new would keep scanning every row as it grew.
const EXTRA_COLUMNS = ['from_status', 'source', 'detail', 'event_id', 'type'] as const;
const statusChangeSql = (many: boolean) => `WITH u AS (${
  many
    ? `SELECT * FROM unnest(${PATCH_PARAM_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')},
    ${EXTRA_COLUMNS.map((_, i) => `$${i + 19}::text[]`).join(', ')})
  WITH ORDINALITY AS u(${PATCH_PARAM_TYPES.map((_, i) => `p${i + 1}`).join(', ')}, ${EXTRA_COLUMNS.join(', ')}, n)`
    : `SELECT ${PATCH_PARAM_TYPES.map((t, i) => `$${i + 1}::${t} AS p${i + 1}`).join(', ')},
    ${EXTRA_COLUMNS.map((c, i) => `$${i + 19}::text AS ${c}`).join(', ')}, 1::bigint AS n`
})${
  // A group locks its rows in id order before it changes them, as every group does, so two groups
  // (two instances, or a group and a payment locked elsewhere) never wait on each other in a circle:
  // an UPDATE alone locks in the order its plan reads the rows, and a deadlock fails a whole group.
  many
    ? `, locked AS MATERIALIZED (
  SELECT id FROM payments WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE
)`
    : ''
}, changed AS (
  UPDATE payments SET ${PATCH_ASSIGNMENTS.replace(/\$(\d+)/g, 'u.p$1')}
  FROM u${many ? ' JOIN locked ON locked.id = u.p1' : ''}
  WHERE ${many ? 'payments.id = ANY($1::text[]) AND payments.id = locked.id' : 'payments.id = $1'}
    AND payments.id = u.p1 AND payments.status = u.from_status
  RETURNING payments.*
), history AS (
  INSERT INTO payment_events (payment_id, version, from_status, to_status, source, detail)
  SELECT c.id, c.version, u.from_status, c.status, u.source, u.detail::jsonb FROM changed c JOIN u ON u.p1 = c.id
), event AS (
  INSERT INTO events (id, type, subject, stream, customer_id, order_id, snapshot)
  SELECT u.event_id, u.type, 'payment', c.id, c.customer_id, c.order_id, ${paymentSnapshotSql('c')}
  FROM changed c JOIN u ON u.p1 = c.id WHERE u.type IS NOT NULL ORDER BY u.n
  RETURNING seq, stream
), deliveries AS (
  INSERT INTO event_deliveries (consumer, event_seq, stream)
  SELECT ec.name, event.seq, event.stream FROM event_consumers ec CROSS JOIN event
)
SELECT u.n, c.* FROM changed c JOIN u ON u.p1 = c.id`;
const ONE_STATUS_CHANGE = statusChangeSql(false);
const STATUS_CHANGES = statusChangeSql(true);

/**
 * Status changes each made as one statement: the UPDATE (only while the payment is still in
 * `from`; the row lock it takes re-checks that against the newest row), its history row and, when
 * merchant code has an event for it, the outbox event and its deliveries, all in the statement's
 * own transaction, as {@link recordEvent} writes them. Null when the payment was no longer in
 * `from`. The changes that arrive while one statement runs go together in the next (issue 18: every
 * payment's DOKU answer is one); a payment is changed once per statement, and a second change of it
 * in the same group answers null, so its caller decides on the stored row as after any race.
 */
export function groupedStatusChanges(
  db: SqlExecutor,
): (change: StatusChange) => Promise<PaymentRecord | null> {
  return groupedCalls<StatusChange, PaymentRecord | null>(async (items) => {
    const seen = new Set<string>();
    const sent = items.filter((c) => !seen.has(c.id) && seen.add(c.id));
    const rows = sent.map((c) => [
      ...patchValues(c.id, c.patch, c.to),
      c.from,
      c.source,
      json(c.detail),
      newId('event'),
      paymentEventType(c.from, c.to),
    ]);
    const changed =
      rows.length === 1
        ? await db.query(ONE_STATUS_CHANGE, rows[0])
        : // Column k of every change: unnest's k-th array.
          await db.query(
            STATUS_CHANGES,
            Array.from({ length: PATCH_PARAM_TYPES.length + EXTRA_COLUMNS.length }, (_, k) =>
              rows.map((r) => r[k]),
            ),
            { prepare: false },
          );
    const byN = new Map(changed.map((r) => [Number(r.n), toPayment(r)]));
    const sentAt = new Map(sent.map((c, i) => [c, i + 1]));
    return items.map((c) => {
      const n = sentAt.get(c);
      return n === undefined ? null : (byN.get(n) ?? null);
    });
  });
}
