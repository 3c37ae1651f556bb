// Refunds of KKI payments (SNAP debit refund), DOKU Cards payments (Non-SNAP card refund / void) and
// DOKU Checkout payments (the refund API of the method used on DOKU's page).
// The store reserves the amount first under the payment's row lock, so two refunds racing each other
// can never add up to more than the payment; DOKU's answer then settles the reservation.
import { createKkiError, type RefundType, toSnapAmountObject } from '@kki-kit/contract';
import {
  CHECKOUT_REFUND_API,
  cardOrderRefundHistory,
  cardRefundInOrderStatus,
  type DokuClient,
  snapRefundOutcome,
} from '@kki-kit/doku';
import type { IdempotencyContext } from '../idempotency.js';
import { KkiDomainError } from '../errors.js';
import {
  chargedAmount,
  type DokuFacts,
  type PaymentRecord,
  type RefundOutcome,
  type RefundRecord,
} from '../store/index.js';
import { dokuFailure } from '../services/doku-outcome.js';
import type { RefundService, ServiceDeps } from '../services/types.js';

/** DOKU's answer, before it is written to the refund. */
type Answer = { outcome: 'succeeded' | 'pending' } & Pick<RefundOutcome, 'type' | 'doku'>;

async function kkiRefund(
  client: DokuClient,
  payment: PaymentRecord,
  refund: RefundRecord,
  full: boolean,
  ctx: IdempotencyContext,
): Promise<Answer> {
  const answer = await client.debitRefund(
    {
      originalPartnerReferenceNo: payment.partnerReferenceNo,
      ...(payment.dokuReferenceNo !== null && { originalReferenceNo: payment.dokuReferenceNo }),
      originalExternalId: payment.externalId,
      partnerRefundNo: refund.partnerRefundNo,
      refundAmount: toSnapAmountObject(refund.amount),
      ...(refund.reason !== null && { reason: refund.reason }),
    },
    { externalId: ctx.externalId },
  );
  const type: RefundType = full ? 'KKI_FULL_REFUND' : 'KKI_PARTIAL_REFUND';
  if (answer.source === 'status') return { outcome: answer.pending ? 'pending' : 'succeeded', type };
  const facts: Record<string, string> = { responseCode: answer.data.responseCode };
  if (answer.data.refundNo) facts.refundNo = answer.data.refundNo;
  // SNAP `202xxxx`: accepted, still in progress at the issuer. Read from the response code, as the
  // client reads it (`pending`), never from the HTTP status: a replay's original comes in a 409, and
  // an in-progress code may come with a 200.
  return { outcome: answer.pending ? 'pending' : 'succeeded', type, doku: facts };
}

/** DOKU refused the refund; the refund type it decided is kept for the record. */
function refundFailed(
  type: RefundType | null,
  why: string,
): KkiDomainError & { refundType: RefundType | null } {
  return Object.assign(new KkiDomainError('refund_failed', { internal: why }), { refundType: type });
}

/**
 * A card refund as the order status's `refund_history` reports it (by its Request-Id): there when
 * DOKU has it, `pending` while DOKU's history does not show it ended.
 */
function fromRefundHistory(status: unknown, requestId: string): Answer {
  const found = cardRefundInOrderStatus(status, requestId);
  if (found?.status === 'FAILED') throw refundFailed(found.type, 'card refund failed (status)');
  return { outcome: found?.status === 'SUCCESS' ? 'succeeded' : 'pending', type: found?.type ?? null };
}

async function cardRefund(
  client: DokuClient,
  payment: PaymentRecord,
  amount: number,
  ctx: IdempotencyContext,
): Promise<Answer> {
  const answer = await client.cardRefund(
    {
      order: { invoice_number: payment.partnerReferenceNo },
      payment: { original_request_id: payment.externalId },
      refund: { amount },
    },
    { requestId: ctx.externalId },
  );
  if (answer.source === 'status') return fromRefundHistory(answer.data, ctx.externalId);
  const result = answer.data.refund;
  const doku: DokuFacts = {
    refundStatus: result.status,
    ...(result.approval_code !== undefined && { approvalCode: result.approval_code }),
  };
  if (answer.replayed && result.status !== 'SUCCESS' && result.status !== 'FAILED') {
    // The original answer DOKU replays was still in progress: the order status says what it is now
    // (as the client does for SNAP). While it cannot tell, the original stands.
    const now = await client
      .orderStatus(payment.partnerReferenceNo)
      .then((status) => fromRefundHistory(status.data, ctx.externalId))
      .catch((error: unknown) => {
        if (error instanceof KkiDomainError) throw error;
        return null;
      });
    // Settled (a failure throws): the original's facts, with DOKU's word now.
    if (now !== null && now.outcome !== 'pending') {
      return { ...now, type: now.type ?? result.type ?? null, doku: { ...doku, refundStatus: 'SUCCESS' } };
    }
  }
  if (result.status === 'FAILED') {
    throw refundFailed(result.type ?? null, `card refund failed: ${result.message ?? ''}`);
  }
  return { outcome: result.status === 'SUCCESS' ? 'succeeded' : 'pending', type: result.type ?? null, doku };
}

/**
 * The refund API of a payment: KKI's SNAP debit refund, the card refund for DOKU Cards, and for a
 * DOKU Checkout payment the one `CHECKOUT_REFUND_API` (open questions) names for the method the
 * customer used on DOKU's page (the card refund when DOKU never said which).
 */
export function refundApiOf(payment: PaymentRecord): 'snap-debit-refund' | 'card-refund' {
  if (payment.method === 'kki') return 'snap-debit-refund';
  if (payment.method === 'card') return 'card-refund';
  return CHECKOUT_REFUND_API[payment.checkoutChannel ?? 'card'];
}

/**
 * DOKU's word, from its status API, on a refund sent before that DOKU now refuses when it is sent
 * again: the refusal of a repeat is no proof the first was not made (DOKU may no longer take the
 * repeat for a replay, and answer it as a new refund over what is left). `failed` when DOKU's list
 * of the payment's refunds has no such refund or says it failed; `null` when DOKU gives no list.
 */
async function refundInStatus(
  client: DokuClient,
  payment: PaymentRecord,
  refund: RefundRecord,
): Promise<'succeeded' | 'failed' | 'pending' | null> {
  if (refundApiOf(payment) === 'snap-debit-refund') {
    const status = await client.debitStatus({ originalPartnerReferenceNo: payment.partnerReferenceNo });
    const list = status.data.refundHistory;
    if (!list) return null;
    const entry = list.find((r) => r.partnerRefundNo === refund.partnerRefundNo);
    return entry ? snapRefundOutcome(entry.refundStatus) : 'failed';
  }
  const status = await client.orderStatus(payment.partnerReferenceNo);
  if (cardOrderRefundHistory(status.data) === null) return null;
  const found = cardRefundInOrderStatus(status.data, refund.externalId);
  if (found === null || found.status === 'FAILED') return 'failed';
  return found.status === 'SUCCESS' ? 'succeeded' : 'pending';
}

/** Creates the refund service on a DOKU client. */
export function createRefundService(deps: ServiceDeps, client: DokuClient): RefundService {
  return {
    async voidAuthorization(payment, ctx) {
      if (payment.method !== 'card' || payment.status !== 'authorized') {
        throw new KkiDomainError('operation_not_allowed', {
          internal: `void of a ${payment.status} payment`,
        });
      }
      let answer: Answer;
      try {
        // DOKU voids an authorization through its refund call, for the whole amount held.
        answer = await cardRefund(client, payment, chargedAmount(payment), ctx);
      } catch (error) {
        throw dokuFailure(error);
      }
      if (answer.outcome === 'pending') return payment;
      const { record } = await deps.store.payments.transition(payment.id, 'cancelled', {
        source: 'refund',
        detail: { voidRequestId: ctx.externalId, refundType: answer.type ?? null },
        patch: { ...(answer.doku && { doku: answer.doku }), nextAction: { type: 'none' } },
      });
      return record;
    },
    async refund(payment, request, ctx) {
      const { store } = deps;
      // A retry after an unknown outcome finds the refund this key reserved and asks DOKU again.
      let refund = await store.refunds.findByPartnerRefundNo(ctx.externalId);
      if (refund && refund.paymentId !== payment.id) throw new KkiDomainError('idempotency_key_reused');
      if (refund && refund.status !== 'pending') return refund;
      // Sent before (its outcome unknown): a refusal now is checked against DOKU's refund list.
      const resent = refund !== null;
      if (!refund) {
        // The store's rule (what DOKU took, less succeeded and pending refunds), checked again under
        // the payment's lock by `reserve`; here it only answers before the reservation.
        const left = await store.refunds.remaining(payment.id);
        if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') {
          throw new KkiDomainError('payment_not_refundable', { internal: `a ${payment.status} payment` });
        }
        const amount = request.amount ?? left;
        if (amount <= 0 || amount > left) {
          throw new KkiDomainError('refund_exceeds_remaining', {
            field: 'amount',
            internal: `refund of ${amount} over the ${Math.max(left, 0)} left`,
          });
        }
        try {
          ({ refund } = await store.refunds.reserve({
            paymentId: payment.id,
            amount,
            reason: request.reason ?? null,
            partnerRefundNo: ctx.externalId,
            externalId: ctx.externalId,
          }));
        } catch (error) {
          throw dokuFailure(error);
        }
      }
      const full = refund.amount + payment.refundedAmount >= chargedAmount(payment);
      let answer: Answer;
      try {
        answer =
          refundApiOf(payment) === 'snap-debit-refund'
            ? await kkiRefund(client, payment, refund, full, ctx)
            : await cardRefund(client, payment, refund.amount, ctx);
      } catch (error) {
        const failure = dokuFailure(error);
        if (!failure.outcomeUnknown) {
          const type = (error as { refundType?: RefundType | null }).refundType ?? null;
          if (resent) {
            const verdict = await refundInStatus(client, payment, refund).catch(() => null);
            // Made after all: settled as DOKU's list shows it.
            if (verdict === 'succeeded') {
              return (await store.refunds.settle(refund.id, { status: 'succeeded', type })).refund;
            }
            // DOKU cannot say: the amount stays reserved (never refunded twice) for the next pass.
            if (verdict !== 'failed') return refund;
          }
          await store.refunds.settle(refund.id, {
            status: 'failed',
            type,
            error: createKkiError(failure.code),
          });
        }
        throw failure;
      }
      if (answer.outcome === 'pending') return refund;
      const settled = await store.refunds.settle(refund.id, {
        status: 'succeeded',
        type: answer.type ?? null,
        ...(answer.doku && { doku: answer.doku }),
      });
      return settled.refund;
    },
  };
}
