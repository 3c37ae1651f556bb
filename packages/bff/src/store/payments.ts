// Payment attempts: state changes under a row lock, checked against the transition table.
import type { PaymentStatus } from '@kki-kit/contract';
import { newId } from '../ids.js';
import { applyPatch, groupedStatusChanges, lockPayment, recordEvent } from './payment-rows.js';
import {
  canTransition,
  isOpenPayment,
  MONEY_TAKEN_STATUSES,
  OPEN_PAYMENT_STATUSES,
  type PaymentEventSource,
} from './payment-state.js';
import { groupedCalls } from './grouped-writes.js';
import { type PaymentRecheckQueries, paymentRecheckQueries } from './payment-rechecks.js';
import { one } from './query.js';
import type { Row } from './sql.js';
import {
  type DokuFacts,
  type ExtraChargeReason,
  type NewPayment,
  type PaymentEventRecord,
  type PaymentPatch,
  type PaymentRecord,
  StoreRuleError,
  type TransitionResult,
} from './records.js';
import { jsonValue, toEvent, toExtraCharge, toOrder, toPayment } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** Options of a payment state change. */
export interface TransitionOptions {
  source: PaymentEventSource;
  /** Non-secret facts recorded with the event (DOKU status codes, references). */
  detail?: DokuFacts;
  /** Other fields to set in the same update. */
  patch?: PaymentPatch;
  /**
   * The status the caller last read. While the payment is still in it and the change takes no
   * money, the change is one statement instead of a locked read-check-write transaction.
   */
  expected?: PaymentStatus;
  /**
   * The kit's own close of an attempt (a customer's cancel, a page past its deadline): applied only
   * while the payment is still open. A notification that moved it on meanwhile wins: an
   * authorization it recorded holds the customer's money, and only a void or DOKU ends that.
   */
  onlyWhileOpen?: boolean;
}

/** Filter of `payments.list`. */
export interface PaymentFilter {
  orderId?: string;
  customerId?: string;
  status?: PaymentStatus;
  limit?: number;
}

/** Where a payment ends with no money taken. */
const CLOSED_WITHOUT_MONEY: readonly PaymentRecord['status'][] = ['expired', 'cancelled', 'failed'];

/** Payment attempts and their state history. */
export interface PaymentRepository extends PaymentRecheckQueries {
  /**
   * Creates a payment in `created` for the order's amount, under the order's row lock (so the rule
   * holds across instances): refuses a paid order (`already_paid`) and an order that already has an
   * open attempt (`order_payment_open`, with that payment's id and method in `details`).
   */
  create(input: NewPayment): Promise<PaymentRecord>;
  /**
   * The payment `input.partnerReferenceNo` already has (a retry of the same call: `reused`, with
   * `orderPaid` when its order is paid), else {@link create}'s new payment, in one round trip.
   */
  createOrReuse(input: NewPayment): Promise<{ payment: PaymentRecord; reused: boolean; orderPaid: boolean }>;
  get(id: string): Promise<PaymentRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<PaymentRecord | null>;
  findByPartnerReference(partnerReferenceNo: string): Promise<PaymentRecord | null>;
  findByDokuReference(dokuReferenceNo: string): Promise<PaymentRecord | null>;
  /** The order's open attempt (created or pending; an order has at most one), or `null`. */
  findOpenForOrder(orderId: string): Promise<PaymentRecord | null>;
  list(filter?: PaymentFilter): Promise<PaymentRecord[]>;
  /**
   * Moves a payment to `to` if the transition table allows it from its current state (checked under
   * a row lock); records the event; marks the order paid on success. Not applied → `applied: false`
   * and the payment unchanged, e.g. a late `pending` after `succeeded`. A success the order must not
   * keep (the attempt was cancelled, or another payment already paid the order) leaves the order as
   * it is and records an extra charge in the same transaction (`extraCharge` in the result).
   */
  transition(
    id: string,
    to: PaymentStatus,
    options: TransitionOptions,
  ): Promise<TransitionResult<PaymentRecord>>;
  /** Sets non-status fields. */
  update(id: string, patch: PaymentPatch): Promise<PaymentRecord>;
  events(id: string): Promise<PaymentEventRecord[]>;
}

/** A jsonb value as an object. */
const jsonObject = (v: unknown): Row => (jsonValue(v) ?? {}) as Row;

/** The text arguments of migration 7's `kki_create_order_payment`, in its order. */
const CREATION_COLUMNS = [
  'id',
  'order_id',
  'customer_id',
  'method',
  'kki_kind',
  'card_payment_type',
  'partner_reference_no',
  'external_id',
  'saved_card_id',
  'masked_cpan',
  'issuer',
] as const;

/** A new payment's values for {@link CREATION_COLUMNS}, with its new id. */
const creationValues = (i: NewPayment): (string | null)[] => [
  newId('payment'),
  i.orderId,
  i.customerId ?? null,
  i.method,
  i.kkiKind ?? null,
  i.cardPaymentType ?? null,
  i.partnerReferenceNo,
  i.externalId,
  i.savedCardId ?? null,
  i.maskedCpan ?? null,
  i.issuer ?? null,
];

/**
 * Creations through migration 7's function: `$1`..`$11` the columns, `$12` the open statuses, `$13`
 * whether an open attempt may be reused. A lone creation passes its values as they are; a group's
 * arrays are taken in order id order (see createPaymentRepository).
 */
const creationSql = (
  many: boolean,
) => `SELECT u.n, kki_create_order_payment(${CREATION_COLUMNS.map((c) => `u.${c}`).join(', ')},
    $12::text[], u.reuse) AS result
  FROM ${
    many
      ? `(SELECT * FROM unnest(${CREATION_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')}, $13::boolean[])
    WITH ORDINALITY AS c(${CREATION_COLUMNS.join(', ')}, reuse, n) ORDER BY order_id, n) AS u`
      : `(SELECT ${CREATION_COLUMNS.map((c, i) => `$${i + 1}::text AS ${c}`).join(', ')}, $13::boolean AS reuse,
    1::bigint AS n) AS u`
  }`;
const ONE_CREATION = creationSql(false);
const CREATIONS = creationSql(true);

/** The payment repository on `db`. */
export function createPaymentRepository(db: SqlDatabase): PaymentRepository {
  // Payments are created in groups: every payment starts with one, and under load the creations
  // that arrive while one statement runs share the next statement and its commit (issue 18). Each
  // is migration 7's function, which reads its order under the row lock (scoped to the customer when
  // one is given) for the checks and inserts; orders are taken in id order, so two instances' groups
  // lock them in one order. A later creation in a group sees the earlier ones (a second attempt on
  // the same order finds the first open).
  const createGrouped = groupedCalls<{ input: NewPayment; reuse: boolean }, unknown>(async (items) => {
    const rows = items.map(({ input, reuse }) => [...creationValues(input), reuse] as const);
    const [lone] = rows;
    const results =
      rows.length === 1 && lone
        ? await db.query<{ n: unknown; result: unknown }>(ONE_CREATION, [
            ...lone.slice(0, CREATION_COLUMNS.length),
            OPEN_PAYMENT_STATUSES,
            lone[CREATION_COLUMNS.length],
          ])
        : await db.query<{ n: unknown; result: unknown }>(CREATIONS, [
            ...CREATION_COLUMNS.map((_, k) => rows.map((r) => r[k])),
            OPEN_PAYMENT_STATUSES,
            rows.map((r) => r[CREATION_COLUMNS.length]),
          ]);
    const byN = new Map(results.map((r) => [Number(r.n), r.result]));
    return items.map((_, i) => byN.get(i + 1));
  });

  // Status changes that take no money, made at once and grouped (see groupedStatusChanges).
  const changeAtOnce = groupedStatusChanges(db);

  async function createPayment(input: NewPayment, reuse: boolean) {
    const result = jsonObject(await createGrouped({ input, reuse }));
    if (result.payment) {
      return {
        payment: toPayment(jsonObject(result.payment)),
        reused: result.reused === true,
        orderPaid: result.orderPaid === true,
      };
    }
    if (result.refused === 'already_paid')
      throw new StoreRuleError('already_paid', 'the order is already paid');
    if (result.refused === 'order_payment_open') {
      throw new StoreRuleError(
        'order_payment_open',
        `order ${input.orderId} has the open payment ${String(result.paymentId)}`,
        {
          paymentId: String(result.paymentId),
          method: String(result.method) as PaymentRecord['method'],
        },
      );
    }
    throw new StoreRuleError('not_found', 'order not found');
  }

  return {
    async create(input) {
      return (await createPayment(input, false)).payment;
    },
    createOrReuse: (input) => createPayment(input, true),
    async get(id) {
      const rows = await db.query('SELECT * FROM payments WHERE id = $1', [id]);
      return rows[0] ? toPayment(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query('SELECT * FROM payments WHERE id = $1 AND customer_id = $2', [
        id,
        customerId,
      ]);
      return rows[0] ? toPayment(rows[0]) : null;
    },
    async findByPartnerReference(ref) {
      const rows = await db.query('SELECT * FROM payments WHERE partner_reference_no = $1', [ref]);
      return rows[0] ? toPayment(rows[0]) : null;
    },
    async findByDokuReference(ref) {
      const rows = await db.query('SELECT * FROM payments WHERE doku_reference_no = $1', [ref]);
      return rows[0] ? toPayment(rows[0]) : null;
    },
    async findOpenForOrder(orderId) {
      const rows = await db.query(
        'SELECT * FROM payments WHERE order_id = $1 AND status = ANY($2::text[]) ORDER BY created_at DESC LIMIT 1',
        [orderId, OPEN_PAYMENT_STATUSES],
      );
      return rows[0] ? toPayment(rows[0]) : null;
    },
    async list(filter = {}) {
      const rows = await db.query(
        `SELECT * FROM payments
         WHERE ($1::text IS NULL OR order_id = $1) AND ($2::text IS NULL OR customer_id = $2)
           AND ($3::text IS NULL OR status = $3)
         ORDER BY created_at DESC, id LIMIT $4`,
        [
          filter.orderId ?? null,
          filter.customerId ?? null,
          filter.status ?? null,
          Math.min(filter.limit ?? 100, 1000),
        ],
      );
      return rows.map(toPayment);
    },
    async transition(id, to, options) {
      const from = options.expected;
      if (
        from !== undefined &&
        !MONEY_TAKEN_STATUSES.includes(to) &&
        // An authorization let go may be the order's payment: the locked path reopens the order.
        from !== 'authorized' &&
        (!options.onlyWhileOpen || isOpenPayment(from)) &&
        canTransition(from, to, options.source)
      ) {
        const changed = await changeAtOnce({
          id,
          from,
          to,
          source: options.source,
          detail: options.detail ?? {},
          patch: options.patch ?? {},
        });
        if (changed) return { applied: true, record: changed };
        // Changed meanwhile: the locked path decides from what is stored now.
      }
      return db.transaction(async (tx) => {
        const current = await lockPayment(tx, id);
        if (!canTransition(current.status, to, options.source)) return { applied: false, record: current };
        if (options.onlyWhileOpen && !isOpenPayment(current.status))
          return { applied: false, record: current };
        const takes = MONEY_TAKEN_STATUSES.includes(to) && !MONEY_TAKEN_STATUSES.includes(current.status);
        // Whether this payment's money is already an extra charge: asked only when the change is
        // about money taken (an extra authorization captured stays extra, never the order's payment).
        const known = MONEY_TAKEN_STATUSES.includes(to)
          ? (await tx.query('SELECT 1 FROM extra_charges WHERE payment_id = $1', [id])).length > 0
          : false;
        // A cancelled payment with an extra charge was voided: DOKU's older word is stale.
        if (known && current.status === 'cancelled') return { applied: false, record: current };
        const updated = await applyPatch(tx, id, options.patch ?? {}, to);
        if (!takes) {
          await recordEvent(tx, updated, current.status, options.source, options.detail ?? {}, known);
          if (current.status === 'authorized' && CLOSED_WITHOUT_MONEY.includes(to)) {
            // An authorization DOKU let go (its hold ran out) or voided took no money after all: the
            // order it paid is open again, to be paid another way.
            await tx.query(
              `UPDATE orders SET status = 'open', paid_payment_id = NULL, paid_at = NULL, updated_at = now()
               WHERE id = $1 AND paid_payment_id = $2`,
              [updated.orderId, id],
            );
          }
          return { applied: true, record: updated };
        }
        if (known) {
          // Already an extra charge, once closed as released (DOKU let the authorization go) and now
          // taken after all: it is open again, to be refunded like the first time.
          await recordEvent(tx, updated, current.status, options.source, options.detail ?? {}, true);
          const reopened = await one(
            await tx.query(
              `UPDATE extra_charges SET status = 'refunding', updated_at = now() WHERE payment_id = $1 RETURNING *`,
              [id],
            ),
            toExtraCharge,
            'extra charge',
          );
          return { applied: true, record: updated, extraCharge: reopened };
        }
        // DOKU took money: the order keeps it only when it is the order's one payment.
        const order = await one(
          await tx.query('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [updated.orderId]),
          toOrder,
          'order',
        );
        const reason: ExtraChargeReason | null =
          current.status === 'cancelled'
            ? 'cancelled_attempt'
            : order.status === 'paid' && order.paidPaymentId !== id
              ? 'order_already_paid'
              : null;
        await recordEvent(
          tx,
          updated,
          current.status,
          options.source,
          { ...options.detail, ...(reason !== null && { extraCharge: reason }) },
          reason !== null,
        );
        if (reason === null) {
          await tx.query(
            `UPDATE orders SET status = 'paid', paid_payment_id = $2, paid_at = now(), updated_at = now()
             WHERE id = $1 AND status = 'open'`,
            [order.id, id],
          );
          return { applied: true, record: updated };
        }
        const extra = await one(
          await tx.query(
            `INSERT INTO extra_charges (payment_id, order_id, kept_payment_id, reason, status)
             VALUES ($1, $2, $3, $4, 'refunding') RETURNING *`,
            [id, order.id, order.paidPaymentId, reason],
          ),
          toExtraCharge,
          'extra charge',
        );
        return { applied: true, record: updated, extraCharge: extra };
      });
    },
    async update(id, patch) {
      return applyPatch(db, id, patch);
    },
    async events(id) {
      const rows = await db.query('SELECT * FROM payment_events WHERE payment_id = $1 ORDER BY version', [
        id,
      ]);
      return rows.map(toEvent);
    },
    ...paymentRecheckQueries(db),
  };
}
