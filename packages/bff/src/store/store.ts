// The Store: every table of the BFF behind one interface, implemented once in SQL that runs on
// PGlite and PostgreSQL alike. State changes take row locks (`SELECT … FOR UPDATE`) and check the
// transition table, so concurrent writers (instances, notifications, reconciliation) cannot race.
import type { PaymentStatus } from '@kki-kit/contract';
import { newId } from '../ids.js';
import {
  canTransition,
  MONEY_TAKEN_STATUSES,
  OPEN_PAYMENT_STATUSES,
  type PaymentEventSource,
} from './payment-state.js';
import type {
  BindingPatch,
  BindingRecord,
  DokuFacts,
  ExtraChargeReason,
  ExtraChargeRecord,
  IdempotencyRecord,
  InboxRecord,
  NewBinding,
  NewOrder,
  NewPayment,
  NewRefund,
  NewSavedCard,
  OrderRecord,
  PaymentEventRecord,
  PaymentPatch,
  PaymentRecord,
  RefundOutcome,
  RefundRecord,
  SavedCardRecord,
  TransitionResult,
} from './records.js';
import { StoreRuleError } from './records.js';
import {
  toBinding,
  toEvent,
  toExtraCharge,
  toIdempotency,
  toInbox,
  toOrder,
  toPayment,
  toRefund,
  toSavedCard,
} from './rows.js';
import type { Row, SqlDatabase, SqlExecutor } from './sql.js';
import type { TokenCipher } from './token-cipher.js';

/** Orders the merchant created. */
export interface OrderRepository {
  create(input: NewOrder): Promise<OrderRecord>;
  get(id: string): Promise<OrderRecord | null>;
  /** The order only when it belongs to `customerId`: the customer-scoping read for browser routes. */
  getForCustomer(id: string, customerId: string): Promise<OrderRecord | null>;
}

/** Options of a payment state change. */
export interface TransitionOptions {
  source: PaymentEventSource;
  /** Non-secret facts recorded with the event (DOKU status codes, references). */
  detail?: DokuFacts;
  /** Other fields to set in the same update. */
  patch?: PaymentPatch;
}

/** Filter of `payments.list`. */
export interface PaymentFilter {
  orderId?: string;
  customerId?: string;
  status?: PaymentStatus;
  limit?: number;
}

/** Payment attempts and their state history. */
export interface PaymentRepository {
  /**
   * Creates a payment in `created` for the order's amount, under the order's row lock (so the rule
   * holds across instances): refuses a paid order (`already_paid`) and an order that already has an
   * open attempt (`order_payment_open`, with that payment's id and method in `details`).
   */
  create(input: NewPayment): Promise<PaymentRecord>;
  get(id: string): Promise<PaymentRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<PaymentRecord | null>;
  findByPartnerReference(partnerReferenceNo: string): Promise<PaymentRecord | null>;
  findByDokuReference(dokuReferenceNo: string): Promise<PaymentRecord | null>;
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
  /** Open payments (`created`/`pending`) not updated since `before`, oldest first: for reconciliation. */
  listOpen(before: Date, limit?: number): Promise<PaymentRecord[]>;
  events(id: string): Promise<PaymentEventRecord[]>;
}

/** Card bindings. */
export interface BindingRepository {
  create(input: NewBinding): Promise<BindingRecord>;
  get(id: string): Promise<BindingRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<BindingRecord | null>;
  findByPartnerReference(partnerReferenceNo: string): Promise<BindingRecord | null>;
  findByDokuReference(dokuReferenceNo: string): Promise<BindingRecord | null>;
  /** Sets fields; `status` only moves out of `pending` (a finished binding never changes state). */
  update(
    id: string,
    patch: BindingPatch & { status?: BindingRecord['status'] },
  ): Promise<TransitionResult<BindingRecord>>;
  /** The OTP session's `authCode`, decrypted, or null. */
  revealAuthCode(id: string): Promise<string | null>;
}

/** Saved cards; tokens sealed at rest. */
export interface SavedCardRepository {
  /** Saves a card; the same token for the same customer returns the existing card. */
  create(input: NewSavedCard): Promise<SavedCardRecord>;
  get(id: string): Promise<SavedCardRecord | null>;
  getForCustomer(id: string, customerId: string): Promise<SavedCardRecord | null>;
  /** The customer's cards that are `active` or `removing`, newest first. */
  listForCustomer(customerId: string): Promise<SavedCardRecord[]>;
  findByToken(token: string): Promise<SavedCardRecord | null>;
  /** DOKU's token, decrypted, for a DOKU call. Never send it to a browser or a log. */
  revealToken(id: string): Promise<string>;
  /** Moves `active -> removing -> removed` (or back to `active` when DOKU refuses the unbinding). */
  setStatus(id: string, status: SavedCardRecord['status']): Promise<SavedCardRecord>;
}

/** Refunds, with the remaining-amount rule enforced under the payment's row lock. */
export interface RefundRepository {
  /**
   * Reserves a `pending` refund. Refuses (`StoreRuleError`) a payment that is not refundable
   * (`payment_not_refundable`) or an amount above what is left after succeeded and pending refunds
   * (`refund_exceeds_remaining`).
   */
  reserve(input: NewRefund): Promise<{ refund: RefundRecord; payment: PaymentRecord }>;
  /** Ends a pending refund; on success adds it to the payment and moves the payment's state. Idempotent. */
  settle(id: string, outcome: RefundOutcome): Promise<{ refund: RefundRecord; payment: PaymentRecord }>;
  get(id: string): Promise<RefundRecord | null>;
  findByPartnerRefundNo(partnerRefundNo: string): Promise<RefundRecord | null>;
  listByPayment(paymentId: string): Promise<RefundRecord[]>;
  /** What can still be refunded: amount − succeeded − pending refunds (0 when not refundable). */
  remaining(paymentId: string): Promise<number>;
}

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

/** Idempotency records (used by `src/idempotency.ts`). */
export interface IdempotencyRepository {
  /** Inserts an `in_progress` record unless one exists; returns it when this call inserted it. */
  claim(input: {
    scope: string;
    key: string;
    requestHash: string;
    externalId: string;
    owner: string;
    leaseMs: number;
  }): Promise<IdempotencyRecord | null>;
  get(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Takes over an `in_progress` record whose lease ran out (its owner died). */
  takeOver(scope: string, key: string, owner: string, leaseMs: number): Promise<IdempotencyRecord | null>;
  /** Extends the lease of a record `owner` still holds; false when it no longer holds it. */
  renew(scope: string, key: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(scope: string, key: string, owner: string, status: number, body: unknown): Promise<void>;
  /** Deletes an unfinished record so the same key can run again (with the same DOKU ids). */
  release(scope: string, key: string, owner: string): Promise<void>;
}

/** DOKU notifications, de-duplicated by `(source, dedupKey)`. */
export interface InboxRepository {
  /** Stores a notification; `duplicate: true` when `(source, dedupKey)` was seen before. */
  record(
    source: InboxRecord['source'],
    dedupKey: string,
    payload: unknown,
  ): Promise<{ record: InboxRecord; duplicate: boolean }>;
  finish(
    id: number,
    status: Exclude<InboxRecord['status'], 'received'>,
    subjectId?: string | null,
    error?: string | null,
  ): Promise<void>;
  /** Notifications received but not yet applied (a crash between receipt and apply), oldest first. */
  listReceived(limit?: number): Promise<InboxRecord[]>;
}

/** Attempt counters shared by every instance on the store (payment and OTP limits). */
export interface RateLimitRepository {
  /**
   * Counts one attempt of `subject` in `bucket` and returns the count in the current fixed window of
   * `windowMs` (a new window starts at the first attempt after the last one ended). Atomic, on the
   * database's clock, so instances with skewed clocks still share one window.
   */
  hit(bucket: string, subject: string, windowMs: number): Promise<number>;
}

/** Everything the BFF persists. */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly orders: OrderRepository;
  readonly payments: PaymentRepository;
  readonly bindings: BindingRepository;
  readonly savedCards: SavedCardRepository;
  readonly refunds: RefundRepository;
  readonly extraCharges: ExtraChargeRepository;
  readonly idempotency: IdempotencyRepository;
  readonly inbox: InboxRepository;
  readonly rateLimits: RateLimitRepository;
  /** The underlying database, for tests and maintenance queries. */
  readonly db: SqlDatabase;
  close(): Promise<void>;
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const REFUNDABLE: readonly PaymentStatus[] = ['succeeded', 'partially_refunded'];

async function one<T>(rows: Row[], map: (row: Row) => T, what: string): Promise<T> {
  const row = rows[0];
  if (!row) throw new StoreRuleError('not_found', `${what} not found`);
  return map(row);
}

/** Builds a {@link Store} on a migrated database. */
export function createSqlStore(db: SqlDatabase, cipher: TokenCipher): Store {
  const orders: OrderRepository = {
    async create(input) {
      const rows = await db.query(
        `INSERT INTO orders (id, customer_id, amount, description, line_items, card_options, metadata)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb) RETURNING *`,
        [
          newId('order'),
          input.customerId,
          input.amount,
          input.description ?? null,
          json(input.lineItems ?? []),
          input.cardOptions ? json(input.cardOptions) : null,
          json(input.metadata ?? {}),
        ],
      );
      return one(rows, toOrder, 'order');
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

  async function lockPayment(tx: SqlExecutor, id: string): Promise<PaymentRecord> {
    return one(await tx.query('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]), toPayment, 'payment');
  }

  // One UPDATE for any patch; unset fields keep their value (`COALESCE` on a flag per field).
  async function applyPatch(tx: SqlExecutor, id: string, patch: PaymentPatch, status?: PaymentStatus) {
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
      ],
    );
    return one(rows, toPayment, 'payment');
  }

  async function recordEvent(
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
  }

  const payments: PaymentRepository = {
    async create(input) {
      return db.transaction(async (tx) => {
        const order = await one(
          await tx.query('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [input.orderId]),
          toOrder,
          'order',
        );
        if (order.status === 'paid') throw new StoreRuleError('already_paid', 'the order is already paid');
        const open = await tx.query<{ id: string; method: PaymentRecord['method'] }>(
          'SELECT id, method FROM payments WHERE order_id = $1 AND status = ANY($2::text[]) LIMIT 1',
          [order.id, OPEN_PAYMENT_STATUSES],
        );
        const attempt = open[0];
        if (attempt) {
          throw new StoreRuleError(
            'order_payment_open',
            `order ${order.id} has the open payment ${attempt.id}`,
            {
              paymentId: attempt.id,
              method: attempt.method,
            },
          );
        }
        const rows = await tx.query(
          `INSERT INTO payments (id, order_id, customer_id, method, kki_kind, card_payment_type, status, amount,
             currency, partner_reference_no, external_id, saved_card_id, masked_cpan, issuer)
           VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
          [
            newId('payment'),
            order.id,
            order.customerId,
            input.method,
            input.kkiKind ?? null,
            input.cardPaymentType ?? null,
            order.amount,
            order.currency,
            input.partnerReferenceNo,
            input.externalId,
            input.savedCardId ?? null,
            input.maskedCpan ?? null,
            input.issuer ?? null,
          ],
        );
        const payment = await one(rows, toPayment, 'payment');
        await recordEvent(tx, payment, null, 'api', {});
        return payment;
      });
    },
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
      return db.transaction(async (tx) => {
        const current = await lockPayment(tx, id);
        if (!canTransition(current.status, to, options.source)) return { applied: false, record: current };
        const takes = MONEY_TAKEN_STATUSES.includes(to) && !MONEY_TAKEN_STATUSES.includes(current.status);
        if (takes && (await tx.query('SELECT 1 FROM extra_charges WHERE payment_id = $1', [id])).length > 0) {
          // Its extra charge was already dealt with (a void closed it): DOKU's older word is stale.
          return { applied: false, record: current };
        }
        const updated = await applyPatch(tx, id, options.patch ?? {}, to);
        if (!takes) {
          await recordEvent(tx, updated, current.status, options.source, options.detail ?? {});
          return { applied: true, record: updated };
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
        await recordEvent(tx, updated, current.status, options.source, {
          ...options.detail,
          ...(reason !== null && { extraCharge: reason }),
        });
        if (reason === null) {
          await tx.query(
            `UPDATE orders SET status = 'paid', paid_payment_id = $2, updated_at = now()
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
    async listOpen(before, limit = 100) {
      const rows = await db.query(
        `SELECT * FROM payments WHERE status = ANY($1::text[]) AND updated_at < $2::timestamptz
         ORDER BY updated_at, id LIMIT $3`,
        [OPEN_PAYMENT_STATUSES, before.toISOString(), limit],
      );
      return rows.map(toPayment);
    },
    async events(id) {
      const rows = await db.query('SELECT * FROM payment_events WHERE payment_id = $1 ORDER BY version', [
        id,
      ]);
      return rows.map(toEvent);
    },
  };

  const bindings: BindingRepository = {
    async create(input) {
      const rows = await db.query(
        `INSERT INTO bindings (id, customer_id, mode, status, masked_cpan, issuer, partner_reference_no, external_id)
         VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7) RETURNING *`,
        [
          newId('binding'),
          input.customerId,
          input.mode,
          input.maskedCpan,
          input.issuer,
          input.partnerReferenceNo,
          input.externalId,
        ],
      );
      return one(rows, toBinding, 'binding');
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM bindings WHERE id = $1', [id]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query('SELECT * FROM bindings WHERE id = $1 AND customer_id = $2', [
        id,
        customerId,
      ]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async findByPartnerReference(ref) {
      const rows = await db.query('SELECT * FROM bindings WHERE partner_reference_no = $1', [ref]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async findByDokuReference(ref) {
      const rows = await db.query('SELECT * FROM bindings WHERE doku_reference_no = $1', [ref]);
      return rows[0] ? toBinding(rows[0]) : null;
    },
    async update(id, patch) {
      const sealed =
        patch.authCode === undefined
          ? undefined
          : patch.authCode === null
            ? null
            : await cipher.encrypt(patch.authCode);
      return db.transaction(async (tx) => {
        const current = await one(
          await tx.query('SELECT * FROM bindings WHERE id = $1 FOR UPDATE', [id]),
          toBinding,
          'binding',
        );
        const moving = patch.status !== undefined && patch.status !== current.status;
        if (moving && current.status !== 'pending') return { applied: false, record: current };
        const rows = await tx.query(
          `UPDATE bindings SET
             status = COALESCE($2, status),
             doku_reference_no = CASE WHEN $3 THEN $4 ELSE doku_reference_no END,
             auth_code_ciphertext = CASE WHEN $5 THEN $6 ELSE auth_code_ciphertext END,
             next_action = COALESCE($7::jsonb, next_action),
             card_id = CASE WHEN $8 THEN $9 ELSE card_id END,
             error = CASE WHEN $10 THEN $11::jsonb ELSE error END,
             otp_attempts = COALESCE($12, otp_attempts),
             updated_at = now()
           WHERE id = $1 RETURNING *`,
          [
            id,
            patch.status ?? null,
            'dokuReferenceNo' in patch,
            patch.dokuReferenceNo ?? null,
            sealed !== undefined,
            sealed ?? null,
            patch.nextAction ? json(patch.nextAction) : null,
            'cardId' in patch,
            patch.cardId ?? null,
            'error' in patch,
            patch.error ? json(patch.error) : null,
            patch.otpAttempts ?? null,
          ],
        );
        return { applied: true, record: await one(rows, toBinding, 'binding') };
      });
    },
    async revealAuthCode(id) {
      const rows = await db.query<{ auth_code_ciphertext: string | null }>(
        'SELECT auth_code_ciphertext FROM bindings WHERE id = $1',
        [id],
      );
      const sealed = rows[0]?.auth_code_ciphertext;
      return sealed ? cipher.decrypt(sealed) : null;
    },
  };

  const savedCards: SavedCardRepository = {
    async create(input) {
      const hash = await cipher.fingerprint(input.token);
      const sealed = await cipher.encrypt(input.token);
      const rows = await db.query(
        `INSERT INTO saved_cards (id, customer_id, method, token_ciphertext, token_hash, masked_cpan, issuer,
           issuer_name, status, binding_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9)
         ON CONFLICT (token_hash) DO NOTHING RETURNING *`,
        [
          newId('card'),
          input.customerId,
          input.method,
          sealed,
          hash,
          input.maskedCpan,
          input.issuer,
          input.issuerName,
          input.bindingId ?? null,
        ],
      );
      if (rows[0]) return toSavedCard(rows[0]);
      const existing = await db.query('SELECT * FROM saved_cards WHERE token_hash = $1', [hash]);
      const card = await one(existing, toSavedCard, 'saved card');
      // A token DOKU issued for one customer is never attached to another.
      if (card.customerId !== input.customerId) {
        throw new StoreRuleError('card_already_bound', 'the token belongs to another customer');
      }
      return card;
    },
    async get(id) {
      const rows = await db.query('SELECT * FROM saved_cards WHERE id = $1', [id]);
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async getForCustomer(id, customerId) {
      const rows = await db.query(
        `SELECT * FROM saved_cards WHERE id = $1 AND customer_id = $2 AND status <> 'removed'`,
        [id, customerId],
      );
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async listForCustomer(customerId) {
      const rows = await db.query(
        `SELECT * FROM saved_cards WHERE customer_id = $1 AND status <> 'removed' ORDER BY created_at DESC, id`,
        [customerId],
      );
      return rows.map(toSavedCard);
    },
    async findByToken(token) {
      const rows = await db.query('SELECT * FROM saved_cards WHERE token_hash = $1', [
        await cipher.fingerprint(token),
      ]);
      return rows[0] ? toSavedCard(rows[0]) : null;
    },
    async revealToken(id) {
      const rows = await db.query<{ token_ciphertext: string }>(
        'SELECT token_ciphertext FROM saved_cards WHERE id = $1',
        [id],
      );
      const sealed = rows[0]?.token_ciphertext;
      if (!sealed) throw new StoreRuleError('card_not_found', 'saved card not found');
      return cipher.decrypt(sealed);
    },
    async setStatus(id, status) {
      const rows = await db.query(
        `UPDATE saved_cards SET status = $2, updated_at = now(),
           removed_at = CASE WHEN $2 = 'removed' THEN now() ELSE NULL END
         WHERE id = $1 AND status <> 'removed' RETURNING *`,
        [id, status],
      );
      if (rows[0]) return toSavedCard(rows[0]);
      // Already removed: removal is final, report the card as it is.
      return one(await db.query('SELECT * FROM saved_cards WHERE id = $1', [id]), toSavedCard, 'saved card');
    },
  };

  async function remainingLocked(tx: SqlExecutor, payment: PaymentRecord): Promise<number> {
    if (!REFUNDABLE.includes(payment.status)) return 0;
    const rows = await tx.query<{ pending: unknown }>(
      `SELECT COALESCE(SUM(amount), 0) AS pending FROM refunds WHERE payment_id = $1 AND status = 'pending'`,
      [payment.id],
    );
    return payment.amount - payment.refundedAmount - Number(rows[0]?.pending ?? 0);
  }

  const refunds: RefundRepository = {
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
        if (outcome.status !== 'succeeded') return { refund, payment };
        const refunded = payment.refundedAmount + refund.amount;
        const to: PaymentStatus = refunded >= payment.amount ? 'refunded' : 'partially_refunded';
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
  };

  const extraCharges: ExtraChargeRepository = {
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

  const idempotency: IdempotencyRepository = {
    async claim(input) {
      const rows = await db.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, external_id, state, owner, locked_until)
         VALUES ($1, $2, $3, $4, 'in_progress', $5, now() + ($6::int * interval '1 millisecond'))
         ON CONFLICT (scope, key) DO NOTHING RETURNING *`,
        [input.scope, input.key, input.requestHash, input.externalId, input.owner, input.leaseMs],
      );
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async get(scope, key) {
      const rows = await db.query('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [
        scope,
        key,
      ]);
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async takeOver(scope, key, owner, leaseMs) {
      const rows = await db.query(
        `UPDATE idempotency_records SET owner = $3, locked_until = now() + ($4::int * interval '1 millisecond')
         WHERE scope = $1 AND key = $2 AND state = 'in_progress' AND locked_until < now() RETURNING *`,
        [scope, key, owner, leaseMs],
      );
      return rows[0] ? toIdempotency(rows[0]) : null;
    },
    async renew(scope, key, owner, leaseMs) {
      const rows = await db.query(
        `UPDATE idempotency_records SET locked_until = now() + ($4::int * interval '1 millisecond')
         WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress' RETURNING key`,
        [scope, key, owner, leaseMs],
      );
      return rows.length > 0;
    },
    async complete(scope, key, owner, status, body) {
      await db.query(
        `UPDATE idempotency_records SET state = 'completed', response_status = $4, response_body = $5::jsonb,
           completed_at = now()
         WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress'`,
        [scope, key, owner, status, json(body)],
      );
    },
    async release(scope, key, owner) {
      await db.query(
        `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND owner = $3 AND state = 'in_progress'`,
        [scope, key, owner],
      );
    },
  };

  const rateLimits: RateLimitRepository = {
    async hit(bucket, subject, windowMs) {
      const rows = await db.query<{ count: number }>(
        `INSERT INTO rate_limits (bucket, subject, window_start, count) VALUES ($1, $2, now(), 1)
         ON CONFLICT (bucket, subject) DO UPDATE SET
           window_start = CASE WHEN rate_limits.window_start <= now() - ($3::int * interval '1 millisecond')
             THEN now() ELSE rate_limits.window_start END,
           count = CASE WHEN rate_limits.window_start <= now() - ($3::int * interval '1 millisecond')
             THEN 1 ELSE rate_limits.count + 1 END
         RETURNING count`,
        [bucket, subject, windowMs],
      );
      return Number(rows[0]?.count ?? 0);
    },
  };

  const inbox: InboxRepository = {
    async record(source, dedupKey, payload) {
      const rows = await db.query(
        `INSERT INTO notification_inbox (source, dedup_key, payload, status) VALUES ($1, $2, $3::jsonb, 'received')
         ON CONFLICT (source, dedup_key) DO NOTHING RETURNING *`,
        [source, dedupKey, json(payload)],
      );
      if (rows[0]) return { record: toInbox(rows[0]), duplicate: false };
      const existing = await db.query(
        'SELECT * FROM notification_inbox WHERE source = $1 AND dedup_key = $2',
        [source, dedupKey],
      );
      return { record: await one(existing, toInbox, 'notification'), duplicate: true };
    },
    async finish(id, status, subjectId = null, error = null) {
      await db.query(
        `UPDATE notification_inbox SET status = $2, subject_id = COALESCE($3, subject_id), error = $4,
           processed_at = now() WHERE id = $1`,
        [id, status, subjectId, error],
      );
    },
    async listReceived(limit = 100) {
      const rows = await db.query(
        `SELECT * FROM notification_inbox WHERE status = 'received' ORDER BY received_at, id LIMIT $1`,
        [limit],
      );
      return rows.map(toInbox);
    },
  };

  return {
    kind: db.kind,
    orders,
    payments,
    bindings,
    savedCards,
    refunds,
    extraCharges,
    idempotency,
    inbox,
    rateLimits,
    db,
    close: () => db.close(),
  };
}
