// The sandbox's truth for tests: what happened, without a single token or card number.
import type { CheckoutLedger } from './checkout/index.js';
import type { NotificationAttempt } from './context.js';
import type { FiredFault } from './faults.js';
import type { KkiLedger } from './snap/store.js';

/** `GET /__sandbox/ledger`. */
export interface SandboxLedger {
  /** Sandbox-clock time the ledger was taken at. */
  now: string;
  payments: KkiLedger['payments'];
  bindings: KkiLedger['bindings'];
  refunds: KkiLedger['refunds'];
  /** Whatever the Cards module reports (payment pages, captures, refunds, tokens). */
  cards: unknown;
  /** DOKU Checkout sessions (the order behind each is in `cards.orders`, a KKI one also in `payments`). */
  checkout: CheckoutLedger;
  notifications: ReadonlyArray<NotificationAttempt>;
  faults: ReadonlyArray<FiredFault>;
}

/** Assembles the ledger from the parts. */
export function buildLedger(parts: {
  now: Date;
  kki: KkiLedger;
  cards: unknown;
  checkout: CheckoutLedger;
  notifications: ReadonlyArray<NotificationAttempt>;
  faults: ReadonlyArray<FiredFault>;
}): SandboxLedger {
  return {
    now: parts.now.toISOString(),
    payments: parts.kki.payments,
    bindings: parts.kki.bindings,
    refunds: parts.kki.refunds,
    cards: parts.cards,
    checkout: parts.checkout,
    notifications: [...parts.notifications],
    faults: [...parts.faults],
  };
}
