// A DOKU Checkout payment's outcome, from DOKU's order status or its Checkout notification (the two
// share one envelope), read tolerantly by `checkoutOutcomeOf` of `@kki-kit/doku` and applied to the
// payment through the store's state table: a late PENDING never overwrites SUCCESS, and a success
// the order does not keep (a cancelled attempt, an order paid another way) is refunded at once.
import { createKkiError, kkiErrorFromNonSnap, maskedCpanSchema, type PaymentStatus } from '@kki-kit/contract';
import { type CheckoutOutcome, checkoutOutcomeOf } from '@kki-kit/doku';
import { refundIfExtra } from '../refunds/extra-charges.js';
import type { DokuFacts, PaymentPatch, PaymentRecord } from '../store/index.js';
import { isOpenPayment } from '../store/payment-state.js';
import { recheckMark } from '../services/page-expiry.js';
import type { ServiceDeps } from '../services/types.js';

/** Who read the outcome (recorded in the payment's history). */
export type CheckoutOutcomeSource = 'status_check' | 'notification' | 'reconciliation';

const STATUS: Readonly<Record<CheckoutOutcome['status'], PaymentStatus>> = {
  pending: 'pending',
  succeeded: 'succeeded',
  failed: 'failed',
  expired: 'expired',
};

/** The non-secret facts kept from a status answer or notification (never the saved-card token). */
function factsOf(outcome: CheckoutOutcome): DokuFacts {
  const raw = outcome.raw as { transaction?: { status?: unknown } } | null;
  const word = raw?.transaction?.status;
  return {
    ...(typeof word === 'string' && { transactionStatus: word.slice(0, 32) }),
    ...(outcome.channel !== null && { checkoutChannel: outcome.channel }),
  };
}

/** When an open checkout stops being payable: its page's expiry, else creation plus the due minutes. */
export function checkoutDeadline(deps: Pick<ServiceDeps, 'config'>, payment: PaymentRecord): number {
  const action = payment.nextAction;
  if (action.type === 'checkout_page' && action.expiresAt !== null) return Date.parse(action.expiresAt);
  const minutes = deps.config.checkout?.dueMinutes ?? 60;
  return payment.createdAt.getTime() + minutes * 60_000;
}

/** Whether `outcome` is about `payment`'s invoice (it names that one, or none). */
export function checkoutOutcomeIsFor(payment: PaymentRecord, outcome: CheckoutOutcome): boolean {
  return outcome.invoiceNumber === null || outcome.invoiceNumber === payment.partnerReferenceNo;
}

/** Whether `body` speaks of `payment`: its invoice number (when named) and its amount (when named). */
export function checkoutOutcomeMatches(payment: PaymentRecord, outcome: CheckoutOutcome): boolean {
  return (
    checkoutOutcomeIsFor(payment, outcome) && (outcome.amount === null || outcome.amount === payment.amount)
  );
}

/**
 * Applies DOKU's status answer or notification `body` to the checkout `payment`. A body about another
 * invoice or amount changes nothing (logged); a move the state table forbids is skipped.
 */
export async function applyCheckoutOutcome(
  deps: ServiceDeps,
  payment: PaymentRecord,
  body: unknown,
  source: CheckoutOutcomeSource,
): Promise<PaymentRecord> {
  const outcome = checkoutOutcomeOf(body);
  if (!checkoutOutcomeMatches(payment, outcome)) {
    deps.log.warn('checkout outcome for another invoice or amount ignored', {
      paymentId: payment.id,
      source,
    });
    return payment;
  }
  const to = STATUS[outcome.status];
  const facts = factsOf(outcome);
  const seen: PaymentPatch = {
    doku: facts,
    lastCheckedAt: new Date(),
    ...(outcome.channel !== null && { checkoutChannel: outcome.channel }),
    // Only what the payment view accepts as a masked number (the contract's schema); an odd mask is
    // left out rather than stored.
    ...(outcome.maskedCard !== null &&
      maskedCpanSchema.safeParse(outcome.maskedCard).success && { maskedCpan: outcome.maskedCard }),
  };
  if (to === payment.status || (to === 'pending' && payment.status !== 'created')) {
    return deps.store.payments.update(payment.id, seen);
  }
  const result = await deps.store.payments.transition(payment.id, to, {
    source,
    detail: {
      transactionStatus: typeof facts.transactionStatus === 'string' ? facts.transactionStatus : null,
    },
    patch: {
      ...seen,
      ...(to === 'failed' && {
        error: createKkiError(kkiErrorFromNonSnap(body) ?? 'card_declined'),
        // DOKU calls FAILED not final: its page may let the shopper try again until its deadline
        // (CHECKOUT_DISABLE_RETRY_PAYMENT's effect is a guess), so DOKU is asked again until then,
        // and a success whose notification is lost still pays the order or is refunded.
        doku: { ...facts, ...recheckMark(checkoutDeadline(deps, payment)).doku },
      }),
      ...(to === 'expired' && { error: createKkiError('payment_expired') }),
      ...(!isOpenPayment(to) && { nextAction: { type: 'none' as const } }),
    },
  });
  if (!result.applied) {
    // Not a move the state table allows (e.g. FAILED after the customer cancelled): keep the facts.
    return deps.store.payments.update(payment.id, seen);
  }
  return refundIfExtra(deps, result);
}
