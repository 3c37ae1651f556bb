// Every schema change of the BFF, in order, shared by PGlite and PostgreSQL (applied by
// `migrate` in migrations.ts). Kept apart from the runner so each file stays small.
import { PAYMENT_CREATION_MIGRATIONS } from './migration-functions.js';

/** One schema change. Versions only grow; a shipped migration is never edited. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE orders (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'IDR',
  description text,
  line_items jsonb NOT NULL DEFAULT '[]',
  card_options jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
  paid_payment_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);

CREATE TABLE saved_cards (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  method text NOT NULL CHECK (method IN ('kki', 'card')),
  token_ciphertext text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  masked_cpan text NOT NULL,
  issuer text,
  issuer_name text,
  status text NOT NULL CHECK (status IN ('active', 'removing', 'removed')),
  binding_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX saved_cards_customer_idx ON saved_cards (customer_id, status);

CREATE TABLE payments (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  customer_id text NOT NULL,
  method text NOT NULL CHECK (method IN ('kki', 'card')),
  kki_kind text,
  card_payment_type text,
  status text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'IDR',
  refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  partner_reference_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  doku_reference_no text,
  saved_card_id text REFERENCES saved_cards (id),
  masked_cpan text,
  issuer text,
  next_action jsonb NOT NULL DEFAULT '{"type":"none"}',
  error jsonb,
  doku jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_checked_at timestamptz
);
CREATE INDEX payments_order_idx ON payments (order_id, created_at);
CREATE INDEX payments_customer_idx ON payments (customer_id, created_at);
CREATE INDEX payments_open_idx ON payments (status, updated_at) WHERE status IN ('created', 'pending');

CREATE TABLE payment_events (
  id bigserial PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payments (id),
  version integer NOT NULL,
  from_status text,
  to_status text NOT NULL,
  source text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payment_id, version)
);

CREATE TABLE bindings (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('redirect', 'otp')),
  status text NOT NULL CHECK (status IN ('pending', 'active', 'failed', 'expired')),
  masked_cpan text NOT NULL,
  issuer text,
  partner_reference_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  doku_reference_no text,
  auth_code_ciphertext text,
  next_action jsonb NOT NULL DEFAULT '{"type":"none"}',
  card_id text REFERENCES saved_cards (id),
  error jsonb,
  otp_attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bindings_customer_idx ON bindings (customer_id, created_at);
CREATE INDEX bindings_doku_ref_idx ON bindings (doku_reference_no);

CREATE TABLE refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payments (id),
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL DEFAULT 'IDR',
  type text,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  reason text,
  partner_refund_no text NOT NULL UNIQUE,
  external_id text NOT NULL,
  doku jsonb NOT NULL DEFAULT '{}',
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON refunds (payment_id, created_at);

CREATE TABLE idempotency_records (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  external_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'completed')),
  owner text NOT NULL,
  locked_until timestamptz NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (scope, key)
);

CREATE TABLE notification_inbox (
  id bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('snap', 'non_snap')),
  dedup_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'applied', 'ignored', 'failed')),
  subject_id text,
  error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (source, dedup_key)
);
CREATE INDEX notification_inbox_open_idx ON notification_inbox (status, received_at) WHERE status = 'received';
`,
  },
  {
    version: 2,
    name: 'shared rate limits',
    // One fixed window per customer and kind of attempt, in the database so that every instance on
    // one PostgreSQL counts against the same limit (one row per customer: bounded, nothing to sweep).
    sql: `
CREATE TABLE rate_limits (
  bucket text NOT NULL,
  subject text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (bucket, subject)
);
`,
  },
  {
    version: 3,
    name: 'extra charges',
    // A charge an order does not keep (a cancelled attempt approved late, a second success on a paid
    // order), written with the success itself: the refund duty survives a crash, and reconciliation
    // retries every row still `refunding`. One row per payment: a payment succeeds once.
    sql: `
CREATE TABLE extra_charges (
  payment_id text PRIMARY KEY REFERENCES payments (id),
  order_id text NOT NULL REFERENCES orders (id),
  kept_payment_id text REFERENCES payments (id),
  reason text NOT NULL CHECK (reason IN ('cancelled_attempt', 'order_already_paid')),
  status text NOT NULL CHECK (status IN ('refunding', 'refunded', 'released')),
  attempt integer NOT NULL DEFAULT 0,
  refund_id text REFERENCES refunds (id),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX extra_charges_open_idx ON extra_charges (updated_at) WHERE status = 'refunding';
`,
  },
  {
    version: 4,
    name: 'checkout payments',
    // DOKU Checkout payments: a third method, and which method the customer chose on DOKU's page.
    sql: `
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('kki', 'card', 'checkout'));
ALTER TABLE payments ADD COLUMN checkout_channel text CHECK (checkout_channel IN ('kki', 'card'));
`,
  },
  {
    version: 5,
    name: 'events for merchant code',
    // The outbox: an event per change, written in the change's transaction (the feed orders by the
    // writing transaction's id, see store/events.ts). A delivery row per event and consumer (`handler`
    // for onEvent, `webhook`) carries the retry state; every attempt is kept for the staff page.
    sql: `
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  type text NOT NULL,
  subject text NOT NULL CHECK (subject IN ('payment', 'refund', 'card')),
  stream text NOT NULL,
  customer_id text NOT NULL,
  order_id text,
  snapshot jsonb NOT NULL,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_stream_idx ON events (stream, seq);
CREATE INDEX events_feed_idx ON events (tx_id, seq);

CREATE TABLE event_consumers (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_deliveries (
  consumer text NOT NULL REFERENCES event_consumers (name),
  event_seq bigint NOT NULL REFERENCES events (seq),
  stream text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claim_token text,
  claimed_until timestamptz,
  last_status_code integer,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_seq)
);
CREATE INDEX event_deliveries_pending_idx ON event_deliveries (consumer, stream, event_seq) WHERE status = 'pending';

CREATE TABLE event_delivery_attempts (
  id bigserial PRIMARY KEY,
  consumer text NOT NULL,
  event_seq bigint NOT NULL REFERENCES events (seq),
  event_id text NOT NULL,
  attempt integer NOT NULL,
  status_code integer,
  error text,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_delivery_attempts_event_idx ON event_delivery_attempts (consumer, event_seq);
`,
  },
  ...PAYMENT_CREATION_MIGRATIONS,
  {
    version: 8,
    name: 'checkout customer ids kept',
    // The DOKU Checkout customer id of each customer, kept from its first use: it is derived from the
    // DOKU secret key, and DOKU offers a saved card again only to the same id, so a rotated key must
    // not give the customer a new one.
    sql: `
CREATE TABLE checkout_customers (
  customer_id text PRIMARY KEY,
  doku_customer_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 9,
    name: 'orders paid_at',
    // When the order was paid, in its own column: `updated_at` says when the row last changed, which
    // is the paid moment only while nothing else ever updates a paid order.
    sql: `
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
UPDATE orders SET paid_at = updated_at WHERE status = 'paid';
`,
  },
  {
    version: 10,
    name: 'what reconciliation asks DOKU about again',
    // Reconciliation asks DOKU again about payments the BFF closed itself while DOKU's page could
    // still take money (`doku.recheckUntil`, see PAYMENT_RECHECK_UNTIL_FACT; the mark is cleared once
    // that is settled) and about refunds left pending. Each index holds only those rows, so a run
    // never scans every closed payment or every refund.
    sql: `
CREATE INDEX payments_recheck_idx ON payments (updated_at, id)
  WHERE status IN ('cancelled', 'expired') AND (doku ->> 'recheckUntil') IS NOT NULL;
CREATE INDEX refunds_pending_idx ON refunds (created_at, id) WHERE status = 'pending';
`,
  },
  {
    version: 11,
    name: 'saved card removals named by their DOKU id',
    // The X-EXTERNAL-ID of a card's latest unbinding call, stored before DOKU is asked: DOKU's
    // unbinding notification names the call, and a card saved by bind-and-pay has no binding row to
    // be found by. Before, only a finished removal's idempotency record named it, and an unbinding
    // whose answer was lost (the record released) left the card listed for good.
    sql: `
ALTER TABLE saved_cards ADD COLUMN removal_external_id text;
CREATE INDEX saved_cards_removal_idx ON saved_cards (removal_external_id) WHERE removal_external_id IS NOT NULL;
`,
  },
  {
    version: 12,
    name: 'authorizations DOKU may have let go',
    // Reconciliation asks DOKU about card authorizations still uncaptured past DOKU's hold (a release
    // frees the order); the index holds authorized payments only.
    sql: `
CREATE INDEX payments_authorized_idx ON payments (created_at) WHERE status = 'authorized';
`,
  },
  {
    version: 13,
    name: 'no unkeyed request hashes',
    // Request hashes were a plain SHA-256 of the request, which may hold a card number: with the
    // masked number kept beside it, the hidden digits could be found by trying them all. Hashes are
    // keyed now ('hmac:'); the old ones are erased. An erased hash still answers its key's stored
    // result (the runner's sameRequest) and no longer tells a reused key from a retry.
    sql: `
UPDATE idempotency_records SET request_hash = 'erased' WHERE request_hash NOT LIKE 'hmac:%';
`,
  },
  {
    version: 14,
    name: 'notification secrets sealed until applied',
    // A notification's payload is stored without DOKU's bankCardToken; a row replayed after a crash
    // then saved no card, and DOKU's retry was taken for a duplicate. The token is kept beside it,
    // sealed with the store's key, until the notification is applied.
    sql: `
ALTER TABLE notification_inbox ADD COLUMN sealed text;
`,
  },
  {
    version: 15,
    name: 'idempotency records by age',
    // Idempotency records past their retention are deleted (`idempotencyRetentionMs`), oldest first.
    // A B-tree on the claim's time, which no later write changes: the completion stays a HOT update.
    // Built inside the migration's transaction, so claims wait while it builds: a moment on a table
    // the retention bounds, longer on one that kept every key until now (migrate before a busy hour).
    sql: `
CREATE INDEX idempotency_records_created_idx ON idempotency_records (created_at);
`,
  },
  {
    version: 16,
    name: 'failed checkouts asked about again',
    // A DOKU Checkout that failed before its page's deadline is asked about again like a closed one
    // (DOKU calls FAILED not final and its page may let the shopper try again): migration 10's index
    // of marked payments takes failed ones too, so listToRecheck still reads through it.
    sql: `
DROP INDEX payments_recheck_idx;
CREATE INDEX payments_recheck_idx ON payments (updated_at, id)
  WHERE status IN ('cancelled', 'expired', 'failed') AND (doku ->> 'recheckUntil') IS NOT NULL;
`,
  },
];
