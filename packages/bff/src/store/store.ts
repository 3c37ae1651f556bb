// The Store: every table of the BFF behind one interface, implemented once in SQL that runs on
// PGlite and PostgreSQL alike, one repository per file. State changes take row locks
// (`SELECT … FOR UPDATE`) and check the transition table, so concurrent writers (instances,
// notifications, reconciliation) cannot race.
import { type BindingRepository, createBindingRepository } from './bindings.js';
import { type CheckoutCustomerRepository, createCheckoutCustomerRepository } from './checkout-customers.js';
import { createEventRepository, type EventRepository } from './events.js';
import { createExtraChargeRepository, type ExtraChargeRepository } from './extra-charges.js';
import { createIdempotencyRepository, type IdempotencyRepository } from './idempotency.js';
import { createInboxRepository, type InboxRepository } from './inbox.js';
import { createOrderRepository, type OrderRepository } from './orders.js';
import { createPaymentRepository, type PaymentRepository } from './payments.js';
import { createRateLimitRepository, type RateLimitRepository } from './rate-limits.js';
import { createRefundRepository, type RefundRepository } from './refunds.js';
import { createSavedCardRepository, type SavedCardRepository } from './saved-cards.js';
import type { SqlDatabase } from './sql.js';
import type { TokenCipher } from './token-cipher.js';

export type { BindingRepository } from './bindings.js';
export type { CheckoutCustomerRepository } from './checkout-customers.js';
export type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryAttemptRecord,
  DeliveryRecord,
  EventRecord,
  EventRepository,
  EventSubject,
} from './events.js';
export { LAPSED_ATTEMPT_ERROR } from './events.js';
export type { ExtraChargeRepository } from './extra-charges.js';
export type { IdempotencyRepository } from './idempotency.js';
export type { InboxRepository } from './inbox.js';
export type { OrderRepository } from './orders.js';
export {
  CAPTURE_SENT_AT_FACT,
  PAYMENT_RECHECK_UNTIL_FACT,
  type PaymentRecheckQueries,
} from './payment-rechecks.js';
export { chargedAmount } from './refunds.js';
export type { PaymentFilter, PaymentRepository, TransitionOptions } from './payments.js';
export type { AttemptCounters, RateLimitRepository } from './rate-limits.js';
export type { RefundRepository } from './refunds.js';
export type { SavedCardRepository } from './saved-cards.js';

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
  /** DOKU Checkout customer ids, kept across secret key rotations. */
  readonly checkoutCustomers: CheckoutCustomerRepository;
  /** The event outbox and its deliveries. */
  readonly events: EventRepository;
  /** The underlying database, for tests and maintenance queries. */
  readonly db: SqlDatabase;
  close(): Promise<void>;
}

/** Builds a {@link Store} on a migrated database. */
export function createSqlStore(db: SqlDatabase, cipher: TokenCipher): Store {
  const payments = createPaymentRepository(db);
  return {
    kind: db.kind,
    orders: createOrderRepository(db),
    payments,
    bindings: createBindingRepository(db, cipher),
    savedCards: createSavedCardRepository(db, cipher),
    refunds: createRefundRepository(db, payments),
    extraCharges: createExtraChargeRepository(db),
    idempotency: createIdempotencyRepository(db),
    inbox: createInboxRepository(db, cipher),
    rateLimits: createRateLimitRepository(db),
    checkoutCustomers: createCheckoutCustomerRepository(db),
    events: createEventRepository(db),
    db,
    close: () => db.close(),
  };
}
