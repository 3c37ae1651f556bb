// The event outbox: an event is written in the transaction of the change it reports, with a
// delivery row per registered consumer. Consumers claim due deliveries with `FOR UPDATE SKIP LOCKED`
// and a lease, oldest first and only the oldest open one per stream (payment or card), so two
// instances never hold the same delivery and a payment's events arrive in order.
import type {
  CARD_EVENT_TYPES,
  KkiEventType,
  PAYMENT_EVENT_TYPES,
  PaymentStatus,
  REFUND_EVENT_TYPES,
} from '@kki-kit/contract';
import { newId } from '../ids.js';
import { StoreRuleError } from './records.js';
import type { PaymentRecord, RefundRecord, SavedCardRecord } from './records.js';
import { jsonValue, toPayment, toRefund, toSavedCard } from './rows.js';
import type { Row, SqlDatabase, SqlExecutor } from './sql.js';

// The feed's order is (writing transaction's id, seq), read only below the oldest transaction still
// running: every event there is final, and any event committed later has a higher transaction id,
// so a cursor never skips one. No lock is taken, so event writers (which hold payment and order row
// locks) never wait on each other: a global lock there once deadlocked a late charge's transaction.
// The price: a transaction left open elsewhere in the cluster holds the feed back until it ends.
const CURSOR = /^(\d{1,20})-(\d{1,19})$/;

/** The error an attempt whose claim lapsed unrecorded is counted with. */
export const LAPSED_ATTEMPT_ERROR = 'the attempt was never recorded: the process stopped or hung in it';

/** The record an event reports, as it stood right after the change. */
export type EventSubject =
  | { kind: 'payment'; record: PaymentRecord }
  | { kind: 'refund'; record: RefundRecord }
  | { kind: 'card'; record: SavedCardRecord };

/** An event as stored. */
export interface EventRecord {
  seq: number;
  /** Where the feed stands after this event: pass it back as `after`. */
  cursor: string;
  id: string;
  type: KkiEventType;
  stream: string;
  customerId: string;
  orderId: string | null;
  subject: EventSubject;
  createdAt: Date;
}

/** A delivery a consumer claimed: deliver it, then {@link EventRepository.complete} it with `token`. */
export interface ClaimedDelivery {
  event: EventRecord;
  consumer: string;
  /** Attempts made before this one. */
  attempts: number;
  token: string;
  /** Taken over from a claim that lapsed unrecorded (counted in `attempts`). */
  lapsed: boolean;
}

/** How one attempt went. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode?: number | null;
  error?: string | null;
  /** Seconds until the next attempt after a failure; `null`: give up (status `failed`). */
  retryInSeconds?: number | null;
}

/** A delivery's state, for the staff page. */
export interface DeliveryRecord {
  consumer: string;
  eventId: string;
  eventType: KkiEventType;
  eventCreatedAt: Date;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

/** One attempt, as recorded. */
export interface DeliveryAttemptRecord {
  consumer: string;
  eventId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/** Events and their deliveries. */
export interface EventRepository {
  /** Registers a consumer: every event written from now on gets a delivery row for it. */
  registerConsumer(name: string): Promise<void>;
  /**
   * Re-bases events written on another PostgreSQL cluster (a dump restored elsewhere, a move to a
   * managed database): the feed is ordered by transaction id, which each cluster counts on its own,
   * so such events carry ids this one has not reached. They sorted after every new event and stayed
   * hidden (the feed shows transactions older than the oldest one running). They are put before
   * everything written here, in their own order. Resolves with how many were moved (0 normally).
   */
  rebaseMoved(): Promise<number>;
  /**
   * Committed events after `after` (a {@link EventRecord.cursor}; `null`: from the start), in feed
   * order. Throws `StoreRuleError` for a malformed cursor.
   */
  list(after: string | null, limit: number): Promise<EventRecord[]>;
  get(id: string): Promise<EventRecord | null>;
  /** Claims up to `limit` due deliveries of `consumer` for `leaseSeconds` (one per stream, in order). */
  claim(consumer: string, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt and ends or reschedules the delivery; `false` when the claim was lost. */
  complete(claim: ClaimedDelivery, outcome: AttemptOutcome): Promise<boolean>;
  /** The latest deliveries of `consumer`, newest event first. */
  deliveries(consumer: string, limit?: number): Promise<DeliveryRecord[]>;
  /**
   * Makes the failed deliveries of `consumer` (only event `eventId`'s, when given) due now, for one
   * more attempt each; answers how many.
   */
  redeliver(consumer: string, eventId?: string): Promise<number>;
  /** Every attempt at delivering event `eventId` to `consumer`. */
  attempts(consumer: string, eventId: string): Promise<DeliveryAttemptRecord[]>;
}

/**
 * The payment event a status change is, or `null` when merchant code has no event for it.
 * `extraCharge`: the money this change says DOKU took does not pay the order (an extra charge, to be
 * refunded), so it is never reported as the order's success.
 */
export function paymentEventType(
  from: PaymentStatus | null,
  to: PaymentStatus,
  extraCharge = false,
): (typeof PAYMENT_EVENT_TYPES)[number] | null {
  switch (to) {
    case 'authorized':
    case 'succeeded':
      if (extraCharge) return 'payment.extra_charge';
      return to === 'authorized'
        ? 'payment.authorized'
        : from === 'authorized'
          ? 'payment.captured'
          : 'payment.succeeded';
    case 'pending':
    case 'failed':
    case 'expired':
    case 'cancelled':
      return `payment.${to}`;
    // Refund states are reported by the refund's own event; `created` is not a change merchant code acts on.
    default:
      return null;
  }
}

/**
 * A payment row as its event reports it (SQL over the row `alias`): minus DOKU's raw facts, which
 * merchant code must not see, but for what DOKU took (`charged_amount`: after a promo or a partial
 * capture), which the view's refundable amount is read from (see {@link toSubject}). Every writer of
 * payment events uses it (emitEvent, the one-statement status change in payment-rows.ts).
 */
export const paymentSnapshotSql = (alias: string): string =>
  `(to_jsonb(${alias}) - 'doku') || jsonb_strip_nulls(jsonb_build_object('charged_amount', ${alias}.doku -> 'chargedAmount'))`;

// The row an event reports, minus what merchant code must not see (DOKU's raw facts, sealed tokens).
const SNAPSHOTS = {
  payment: `SELECT ${paymentSnapshotSql('x')} AS snapshot FROM payments x WHERE x.id = $1`,
  refund: `SELECT to_jsonb(x) - 'doku' AS snapshot FROM refunds x WHERE x.id = $1`,
  card: `SELECT to_jsonb(x) - 'token_ciphertext' - 'token_hash' AS snapshot FROM saved_cards x WHERE x.id = $1`,
} as const;

/** What {@link emitEvent} writes. */
export type NewEvent =
  | { type: (typeof PAYMENT_EVENT_TYPES)[number]; subject: 'payment'; payment: PaymentRecord }
  | {
      type: (typeof REFUND_EVENT_TYPES)[number];
      subject: 'refund';
      refund: RefundRecord;
      payment: PaymentRecord;
    }
  | { type: (typeof CARD_EVENT_TYPES)[number]; subject: 'card'; card: SavedCardRecord };

/** Writes an event and its delivery rows inside `tx`, the transaction of the change it reports. */
export async function emitEvent(tx: SqlExecutor, event: NewEvent): Promise<void> {
  const [subjectId, stream, customerId, orderId] =
    event.subject === 'payment'
      ? [event.payment.id, event.payment.id, event.payment.customerId, event.payment.orderId]
      : event.subject === 'refund'
        ? [event.refund.id, event.payment.id, event.payment.customerId, event.payment.orderId]
        : [event.card.id, event.card.id, event.card.customerId, null];
  const snapshot = (await tx.query<{ snapshot: unknown }>(SNAPSHOTS[event.subject], [subjectId]))[0];
  if (!snapshot) throw new StoreRuleError('not_found', `${event.subject} not found`);
  const rows = await tx.query<{ seq: unknown }>(
    `INSERT INTO events (id, type, subject, stream, customer_id, order_id, snapshot)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING seq`,
    [
      newId('event'),
      event.type,
      event.subject,
      stream,
      customerId,
      orderId,
      JSON.stringify(snapshot.snapshot),
    ],
  );
  await tx.query(
    `INSERT INTO event_deliveries (consumer, event_seq, stream) SELECT name, $1, $2 FROM event_consumers`,
    [Number(rows[0]?.seq), stream],
  );
}

const dateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

function toSubject(kind: string, snapshot: Row): EventSubject {
  if (kind === 'payment') {
    // The one DOKU fact a snapshot keeps (paymentSnapshotSql), where the record keeps it.
    const { charged_amount: charged, ...row } = snapshot;
    return {
      kind,
      record: toPayment({ ...row, doku: charged === undefined ? {} : { chargedAmount: charged } }),
    };
  }
  if (kind === 'refund') return { kind, record: toRefund(snapshot) };
  return { kind: 'card', record: toSavedCard(snapshot) };
}

function toEventRecord(r: Row): EventRecord {
  return {
    seq: Number(r.seq),
    cursor: `${String(r.tx_id)}-${String(r.seq)}`,
    id: String(r.id),
    type: String(r.type) as KkiEventType,
    stream: String(r.stream),
    customerId: String(r.customer_id),
    orderId: r.order_id === null ? null : String(r.order_id),
    subject: toSubject(String(r.subject), jsonValue(r.snapshot) as Row),
    createdAt: dateOrNull(r.created_at) ?? new Date(0),
  };
}

/** The event repository on `db`. */
export function createEventRepository(db: SqlDatabase): EventRepository {
  return {
    async registerConsumer(name) {
      await db.query('INSERT INTO event_consumers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    },
    async rebaseMoved() {
      // No transaction of this cluster can have an id at or past its snapshot's xmax.
      const rows = await db.query<{ moved: unknown }>(
        `WITH moved AS (
           UPDATE events SET tx_id = '1'::xid8 WHERE tx_id >= pg_snapshot_xmax(pg_current_snapshot()) RETURNING 1
         ) SELECT count(*) AS moved FROM moved`,
      );
      return Number(rows[0]?.moved ?? 0);
    },
    async list(after, limit) {
      const match = after === null ? ['', '0', '0'] : CURSOR.exec(after);
      if (!match) throw new StoreRuleError('validation_failed', 'bad event cursor');
      const rows = await db.query(
        `SELECT * FROM events
         WHERE (tx_id, seq) > ($1::text::xid8, $2::bigint)
           AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY tx_id, seq LIMIT $3`,
        [match[1], match[2], limit],
      );
      return rows.map(toEventRecord);
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM events WHERE id = $1', [id]);
      return rows[0] ? toEventRecord(rows[0]) : null;
    },
    async claim(consumer, limit, leaseSeconds) {
      const token = newId('event');
      const rows = await db.query(
        `WITH due AS (
           SELECT d.event_seq, d.claim_token IS NOT NULL AS lapsed FROM event_deliveries d
           WHERE d.consumer = $1 AND d.status = 'pending' AND d.next_attempt_at <= now()
             AND (d.claimed_until IS NULL OR d.claimed_until < now())
             AND NOT EXISTS (
               SELECT 1 FROM event_deliveries e
               WHERE e.consumer = d.consumer AND e.stream = d.stream AND e.status = 'pending'
                 AND e.event_seq < d.event_seq)
           ORDER BY d.event_seq LIMIT $2 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           -- A lapsed claim (its attempt never recorded: the process died or hung in it) counts as
           -- an attempt, so an event whose delivery kills the process ends failed, not retried for ever.
           UPDATE event_deliveries d SET claim_token = $3,
             attempts = d.attempts + CASE WHEN d.claim_token IS NULL THEN 0 ELSE 1 END,
             last_error = CASE WHEN d.claim_token IS NULL THEN d.last_error ELSE $5 END,
             claimed_until = now() + make_interval(secs => $4), updated_at = now()
           FROM due WHERE d.consumer = $1 AND d.event_seq = due.event_seq
           RETURNING d.event_seq, d.attempts, due.lapsed
         )
         SELECT ev.*, claimed.attempts, claimed.lapsed FROM claimed JOIN events ev ON ev.seq = claimed.event_seq
         ORDER BY ev.seq`,
        [consumer, limit, token, leaseSeconds, LAPSED_ATTEMPT_ERROR],
      );
      return rows.map((r) => ({
        event: toEventRecord(r),
        consumer,
        attempts: Number(r.attempts),
        token,
        lapsed: r.lapsed === true,
      }));
    },
    async complete(claim, outcome) {
      return db.transaction(async (tx) => {
        const retry = outcome.ok ? null : (outcome.retryInSeconds ?? null);
        const rows = await tx.query<{ attempts: unknown; next_attempt_at: unknown }>(
          `UPDATE event_deliveries SET
             status = CASE WHEN $4 THEN 'delivered' WHEN $7::float8 IS NULL THEN 'failed' ELSE 'pending' END,
             attempts = attempts + 1, last_status_code = $5, last_error = $6,
             next_attempt_at = CASE WHEN $7::float8 IS NULL THEN next_attempt_at
               ELSE now() + make_interval(secs => $7::float8) END,
             claim_token = NULL, claimed_until = NULL, updated_at = now()
           WHERE consumer = $1 AND event_seq = $2 AND claim_token = $3
           RETURNING attempts, next_attempt_at`,
          [
            claim.consumer,
            claim.event.seq,
            claim.token,
            outcome.ok,
            outcome.statusCode ?? null,
            outcome.error ?? null,
            retry,
          ],
        );
        const row = rows[0];
        if (!row) return false;
        await tx.query(
          `INSERT INTO event_delivery_attempts (consumer, event_seq, event_id, attempt, status_code, error, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
          [
            claim.consumer,
            claim.event.seq,
            claim.event.id,
            Number(row.attempts),
            outcome.statusCode ?? null,
            outcome.error ?? null,
            retry === null ? null : dateOrNull(row.next_attempt_at)?.toISOString(),
          ],
        );
        return true;
      });
    },
    async deliveries(consumer, limit = 50) {
      const rows = await db.query(
        `SELECT d.*, ev.id AS event_id, ev.type AS event_type, ev.created_at AS event_created_at
         FROM event_deliveries d JOIN events ev ON ev.seq = d.event_seq
         WHERE d.consumer = $1 ORDER BY d.event_seq DESC LIMIT $2`,
        [consumer, Math.min(limit, 1000)],
      );
      return rows.map((r) => ({
        consumer: String(r.consumer),
        eventId: String(r.event_id),
        eventType: String(r.event_type) as KkiEventType,
        eventCreatedAt: dateOrNull(r.event_created_at) ?? new Date(0),
        status: String(r.status) as DeliveryRecord['status'],
        attempts: Number(r.attempts),
        lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
        lastError: r.last_error === null ? null : String(r.last_error),
        nextAttemptAt: r.status === 'pending' ? dateOrNull(r.next_attempt_at) : null,
      }));
    },
    async redeliver(consumer, eventId) {
      const rows = await db.query(
        `UPDATE event_deliveries d SET status = 'pending', next_attempt_at = now(), updated_at = now()
         FROM events ev
         WHERE ev.seq = d.event_seq AND d.consumer = $1 AND d.status = 'failed' AND ($2::text IS NULL OR ev.id = $2)
         RETURNING d.event_seq`,
        [consumer, eventId ?? null],
      );
      return rows.length;
    },
    async attempts(consumer, eventId) {
      const rows = await db.query(
        'SELECT * FROM event_delivery_attempts WHERE consumer = $1 AND event_id = $2 ORDER BY attempt',
        [consumer, eventId],
      );
      return rows.map((r) => ({
        consumer: String(r.consumer),
        eventId: String(r.event_id),
        attempt: Number(r.attempt),
        statusCode: r.status_code === null ? null : Number(r.status_code),
        error: r.error === null ? null : String(r.error),
        nextAttemptAt: dateOrNull(r.next_attempt_at),
        createdAt: dateOrNull(r.created_at) ?? new Date(0),
      }));
    },
  };
}
