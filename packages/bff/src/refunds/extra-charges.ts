// One charge per order: a success the order does not keep (a cancelled attempt the issuer approved
// late, a second success on a paid order, e.g. KKI and the card page both approved) is refunded at
// DOKU automatically. The store records the extra charge with the success itself; this service
// refunds it under a reference derived from the payment and the attempt number, so a retry (after a
// crash, a timeout, from another instance or from reconciliation) is a replay at DOKU, never a
// second refund. Only a refusal DOKU decided moves to the next attempt's reference.
import { sha256Hex } from '@kki-kit/doku';
import { isKkiDomainError } from '../errors.js';
import type { IdempotencyContext } from '../idempotency.js';
import {
  chargedAmount,
  type ExtraChargeRecord,
  type PaymentRecord,
  type TransitionResult,
} from '../store/index.js';
import type { ExtraChargeService, RefundService, ServiceDeps } from '../services/types.js';

const BATCH = 100;

// Refund references of extra charges are 27 digits like every DOKU id of the kit, led by `2` where
// idempotency-derived ids are led by `1`, so the two families never meet.
async function digits27(seed: string): Promise<string> {
  const n = BigInt(`0x${(await sha256Hex(seed)).slice(0, 32)}`) % 10n ** 26n;
  return `2${n.toString().padStart(26, '0')}`;
}

/** The deterministic refund context of an extra charge's attempt `attempt`. */
export async function extraChargeRefundContext(
  payment: Pick<PaymentRecord, 'id' | 'partnerReferenceNo'>,
  attempt: number,
): Promise<IdempotencyContext> {
  const seed = `kki-kit/bff extra charge\n${payment.partnerReferenceNo}\n${attempt}`;
  return {
    key: `extra-charge:${payment.id}:${attempt}`,
    externalId: await digits27(seed),
    dokuId: (purpose) => digits27(`${seed}\n${purpose}`),
  };
}

/**
 * After a transition: when it recorded an extra charge, refunds it now (the refund settles the
 * payment to `refunded`) and returns the payment as it then stands.
 */
export async function refundIfExtra(
  deps: Pick<ServiceDeps, 'store' | 'extraCharges'>,
  result: TransitionResult<PaymentRecord>,
): Promise<PaymentRecord> {
  if (!result.extraCharge || !deps.extraCharges) return result.record;
  await deps.extraCharges.refund(result.record.id);
  return (await deps.store.payments.get(result.record.id)) ?? result.record;
}

/** Whether DOKU gave back everything it took for the payment. */
function fullyRefunded(payment: PaymentRecord): boolean {
  return payment.status === 'refunded' || payment.refundedAmount >= chargedAmount(payment);
}

const REASON_TEXT: Readonly<Record<ExtraChargeRecord['reason'], string>> = {
  cancelled_attempt: 'automatic refund: the customer cancelled this payment before DOKU approved it',
  order_already_paid: 'automatic refund: the order was already paid by another payment',
};

/** Creates the service over the refund service (which reserves, calls DOKU and settles). */
export function createExtraChargeService(deps: ServiceDeps, refunds: RefundService): ExtraChargeService {
  const { store, log } = deps;

  async function settle(extra: ExtraChargeRecord): Promise<ExtraChargeRecord> {
    if (extra.status !== 'refunding') return extra;
    const payment = await store.payments.get(extra.paymentId);
    if (!payment) return extra;
    const fields = {
      paymentId: payment.id,
      orderId: extra.orderId,
      keptPaymentId: extra.keptPaymentId,
      reason: extra.reason,
    };
    if (payment.status === 'refunded') {
      log.warn('extra charge refunded', fields);
      return store.extraCharges.finish(payment.id, 'refunded');
    }
    if (payment.status === 'expired' || payment.status === 'failed') {
      // An authorization DOKU released by itself: nothing was taken, so nothing to give back.
      log.warn('extra charge released by DOKU', fields);
      return store.extraCharges.finish(payment.id, 'released');
    }
    if (payment.status === 'cancelled') {
      // The extra authorization was voided (a try before this one got DOKU's answer).
      log.warn('extra charge refunded', { ...fields, voided: true });
      return store.extraCharges.finish(payment.id, 'refunded');
    }
    const ctx = await extraChargeRefundContext(payment, extra.attempt);
    if (payment.status === 'authorized') return voidHeld(extra, payment, ctx, fields);
    if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') return extra;
    try {
      const refund = await refunds.refund(payment, { reason: REASON_TEXT[extra.reason] }, ctx);
      if (refund.status === 'failed') {
        // DOKU refused this reference (a try before this one recorded it): the next one gets a new
        // reference, and is made now. It has no refund yet, so this recurses at most once.
        return settle(
          await store.extraCharges.note(payment.id, {
            refundId: refund.id,
            lastError: refund.error?.code ?? 'refund_failed',
            nextAttempt: true,
          }),
        );
      }
      if (refund.status !== 'succeeded') {
        return store.extraCharges.note(payment.id, { refundId: refund.id, lastError: null });
      }
      // The refund covered what was left, which leaves out refunds still pending (staff's): only a
      // payment refunded in full closes the extra charge. Otherwise the next pass refunds the rest
      // under the next reference (this one is spent on a refund DOKU made).
      const after = await store.payments.get(payment.id);
      if (!after || !fullyRefunded(after)) {
        log.warn('extra charge refunded in part', { ...fields, refundId: refund.id, amount: refund.amount });
        return store.extraCharges.note(payment.id, {
          refundId: refund.id,
          lastError: null,
          nextAttempt: true,
        });
      }
      log.warn('extra charge refunded', { ...fields, refundId: refund.id, amount: refund.amount });
      return store.extraCharges.finish(payment.id, 'refunded');
    } catch (error) {
      const code = isKkiDomainError(error) ? error.code : 'internal_error';
      // Kept for the next try: an unknown outcome is asked again under the same reference; a refusal
      // DOKU decided was settled `failed` by the refund service, which moves the next try to a new one.
      log.error('extra charge refund not confirmed', { ...fields, code, attempt: extra.attempt });
      const after = await store.payments.get(payment.id);
      if (after?.status === 'refunded') return store.extraCharges.finish(payment.id, 'refunded');
      return store.extraCharges.note(payment.id, { lastError: code });
    }
  }

  // A card authorization the order does not keep: DOKU holds the money until it is voided.
  async function voidHeld(
    extra: ExtraChargeRecord,
    payment: PaymentRecord,
    ctx: IdempotencyContext,
    fields: Record<string, unknown>,
  ): Promise<ExtraChargeRecord> {
    try {
      const after = await refunds.voidAuthorization(payment, ctx);
      if (after.status !== 'cancelled') return extra;
      log.warn('extra charge refunded', { ...fields, voided: true });
      return store.extraCharges.finish(payment.id, 'refunded');
    } catch (error) {
      const code = isKkiDomainError(error) ? error.code : 'internal_error';
      // A void DOKU refused burns its reference (DOKU records the refusal under it); unknown: ask again.
      const refused = isKkiDomainError(error) && !error.outcomeUnknown;
      log.error('extra charge void not confirmed', { ...fields, code, attempt: extra.attempt });
      return store.extraCharges.note(payment.id, { lastError: code, nextAttempt: refused });
    }
  }

  async function refund(paymentId: string): Promise<ExtraChargeRecord | null> {
    const extra = await store.extraCharges.get(paymentId);
    if (!extra) return null;
    try {
      return await settle(extra);
    } catch (error) {
      // The caller is applying DOKU's word about the payment; reconciliation tries again.
      log.error('extra charge refund failed', { paymentId, error });
      return extra;
    }
  }

  return {
    refund,
    async retryOpen() {
      let checked = 0;
      let refunded = 0;
      const seen = new Set<string>();
      for (;;) {
        const open = (await store.extraCharges.listRefunding(BATCH)).filter((e) => !seen.has(e.paymentId));
        if (open.length === 0) break;
        for (const extra of open) {
          seen.add(extra.paymentId);
          checked++;
          const after = await refund(extra.paymentId);
          if (after && after.status !== 'refunding') refunded++;
          // Left as it was (its payment not yet in a state to refund, or a void DOKU has not
          // settled): touched, so it goes to the back and a hundred such never keep the rest waiting.
          else if (after && after.updatedAt.getTime() === extra.updatedAt.getTime()) {
            await store.extraCharges.note(extra.paymentId, {}).catch(() => {});
          }
        }
        if (open.length < BATCH) break;
      }
      return { checked, refunded };
    },
  };
}
