// Refunds DOKU left pending: a 202 (still in progress at the issuer), an outcome never learnt
// (timeout, 5xx) that nobody retried, or a process that died between the reservation and DOKU's
// answer. Until settled, such a refund never reaches the payment's refunded amount, never emits
// `refund.succeeded`, and its reserved amount blocks every other refund. Reconciliation asks DOKU
// again through the refund service under the refund's own ids (X-EXTERNAL-ID / Request-Id and
// partnerRefundNo as first sent), so each try is a replay at DOKU, never a second refund: DOKU
// answers the first outcome, and where that says nothing of now (a replay without the original, or
// an original still in progress) the status API's refund history does, which settles the refund;
// one still unknown stays pending for the next pass.
import { isKkiDomainError } from '../errors.js';
import type { IdempotencyContext } from '../idempotency.js';
import type { RefundRecord } from '../store/index.js';
import type { RefundService, ServiceDeps } from '../services/types.js';

const BATCH = 100;

/** Settles refunds left pending. */
export interface PendingRefunds {
  /**
   * Asks DOKU again about every refund pending since before `before`, oldest first, in bounded
   * pages; settles those DOKU answers. `settled` counts the ones that ended (succeeded or failed).
   */
  settle(before: Date): Promise<{ checked: number; settled: number }>;
}

/** The refund's own call context: the ids it was first sent under, so DOKU sees a replay. */
function replayContext(refund: RefundRecord): IdempotencyContext {
  return {
    key: `refund-replay:${refund.id}`,
    externalId: refund.externalId,
    // A refund is one DOKU call; its replay has no other call to derive an id for.
    dokuId: () => Promise.reject(new Error('a refund replay derives no further DOKU id')),
  };
}

/** Creates the step over the refund service (which finds the reservation by its id and settles it). */
export function createPendingRefunds(
  deps: Pick<ServiceDeps, 'store' | 'log'>,
  refunds: RefundService,
): PendingRefunds {
  const { store, log } = deps;

  async function settleOne(refund: RefundRecord): Promise<boolean> {
    const fields = { refundId: refund.id, paymentId: refund.paymentId };
    // The service finds the reservation by partnerRefundNo = the call's external id; one it would
    // not find that way would be reserved anew (a second refund), so it is never sent.
    if ((await store.refunds.findByPartnerRefundNo(refund.externalId))?.id !== refund.id) {
      log.error('pending refund cannot be replayed under its own ids', fields);
      return false;
    }
    const payment = await store.payments.get(refund.paymentId);
    if (!payment) return false;
    try {
      const after = await refunds.refund(payment, {}, replayContext(refund));
      return after.status !== 'pending';
    } catch (error) {
      // A refusal DOKU decided was settled `failed` by the service; anything else stays pending.
      const code = isKkiDomainError(error) ? error.code : 'internal_error';
      const now = await store.refunds.get(refund.id);
      if (now && now.status !== 'pending') return true;
      log.warn('pending refund still unknown', { ...fields, code });
      return false;
    }
  }

  return {
    async settle(before) {
      let checked = 0;
      let settled = 0;
      let after: RefundRecord | undefined;
      for (;;) {
        const page = await store.refunds.listPending(before, BATCH, after);
        for (const refund of page) {
          checked++;
          if (await settleOne(refund)) settled++;
        }
        if (page.length < BATCH) break;
        after = page.at(-1);
      }
      if (checked > 0) log.info('pending refunds checked', { checked, settled });
      return { checked, settled };
    },
  };
}
