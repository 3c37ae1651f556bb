// Applying a KKI payment outcome, whoever learned it first: DOKU's payment response, a status check,
// a notification or reconciliation. The store's transition table keeps the order right (a late
// "pending" never undoes "succeeded"); a bind-and-pay's new `bankCardToken` becomes a saved card.
import { issuerById, type KkiError, type PaymentStatus } from '@kki-kit/contract';
import type { Log } from '../log.js';
import { isOpenPayment, type PaymentEventSource } from '../store/payment-state.js';
import type { DokuFacts, PaymentPatch, PaymentRecord, Store, TransitionResult } from '../store/index.js';
import { refundIfExtra } from '../refunds/extra-charges.js';
import type { ExtraChargeService } from '../services/types.js';

/** What DOKU said about a KKI payment. */
export interface KkiPaymentOutcome {
  status: PaymentStatus;
  error?: KkiError | null;
  referenceNo?: string | undefined;
  approvalCode?: string | undefined;
  /** The token DOKU issued for a bind-and-pay; saved for the customer, never stored in clear. */
  bankCardToken?: string | undefined;
  /** Non-secret facts for the event history (status and response codes). */
  detail?: DokuFacts;
  patch?: PaymentPatch;
}

/** Applies outcomes to stored KKI payments. */
export interface KkiPaymentApplier {
  apply(
    payment: PaymentRecord,
    outcome: KkiPaymentOutcome,
    source: PaymentEventSource,
  ): Promise<PaymentRecord>;
}

const CLOSED_ACTION = { type: 'none' } as const;

/** Creates the applier over `store`. */
export function createKkiPaymentApplier(deps: {
  store: Store;
  log: Log;
  extraCharges?: ExtraChargeService | undefined;
}): KkiPaymentApplier {
  const { store, log } = deps;

  async function saveIssuedCard(payment: PaymentRecord, token: string): Promise<PaymentRecord> {
    if (payment.kkiKind !== 'bind_and_pay' || payment.savedCardId) return payment;
    const issuer = issuerById(payment.issuer);
    const card = await store.savedCards.create({
      customerId: payment.customerId,
      method: 'kki',
      token,
      maskedCpan: payment.maskedCpan ?? '',
      issuer: issuer?.id ?? null,
      issuerName: issuer?.name ?? null,
    });
    log.info('kki card saved from bind-and-pay', { paymentId: payment.id, cardId: card.id });
    return store.payments.update(payment.id, { savedCardId: card.id });
  }

  return {
    async apply(payment, outcome, source) {
      const facts: Record<string, string> = {};
      if (outcome.approvalCode) facts.approvalCode = outcome.approvalCode;
      const patch: PaymentPatch = {
        ...outcome.patch,
        ...(outcome.referenceNo && !payment.dokuReferenceNo && { dokuReferenceNo: outcome.referenceNo }),
        ...(outcome.error !== undefined && { error: outcome.error }),
        ...(Object.keys(facts).length > 0 && { doku: facts }),
        // A payment that left `pending` has nothing left for the customer to do.
        ...(!isOpenPayment(outcome.status) && { nextAction: CLOSED_ACTION }),
      };
      let current = payment;
      let recorded: TransitionResult<PaymentRecord> | null = null;
      if (outcome.status !== payment.status) {
        const result = await store.payments.transition(payment.id, outcome.status, {
          source,
          expected: payment.status,
          ...(outcome.detail && { detail: outcome.detail }),
          patch,
        });
        current = result.record;
        if (result.extraCharge) recorded = result;
        if (!result.applied) {
          log.info('kki payment outcome not applied', {
            paymentId: payment.id,
            from: payment.status,
            to: outcome.status,
            source,
          });
        }
      } else if (Object.keys(patch).length > 0) {
        current = await store.payments.update(payment.id, patch);
      }
      if (outcome.bankCardToken && (current.status === 'succeeded' || outcome.status === 'succeeded')) {
        current = await saveIssuedCard(current, outcome.bankCardToken);
      }
      // A charge the order does not keep is refunded at once (the card DOKU issued stays saved).
      if (recorded) current = await refundIfExtra(deps, { ...recorded, record: current });
      return current;
    },
  };
}
