// Cards and Checkout (Non-SNAP) notifications stored but never applied: the process died between
// storing one and applying it, or applying it failed (the store, or DOKU's order status when it was
// asked). DOKU sends again only after 30 minutes, and gives up after its last retry. Each such row is
// settled by its payment method's status check, the same one reconciliation uses (open payments,
// and closed ones a success may reopen or make an extra charge), never from the stored copy: that
// copy leaves out what the inbox must not keep (a saved card's token, an unknown body's details).
import { askDoku, CLOSED_RECHECK_GIVE_UP_MS } from '../services/closed-recheck.js';
import type { PaymentReconciler } from '../services/reconciliation.js';
import type { ServiceDeps } from '../services/types.js';
import { invoiceNumberIn } from './non-snap.js';

/**
 * Creates the replay of stored Non-SNAP notifications over the per-method reconcilers; it resolves to
 * how many it applied. A row whose status check DOKU did not answer stays `received` for the next run,
 * for a day at most: then it is set aside as `failed`, so rows DOKU never answers about cannot crowd
 * out the ones after them (the payment itself is still reconciled like any other). Until then each
 * such row is noted as failed once tried, which puts it behind the rows not tried yet.
 */
export function createNonSnapReplay(
  deps: Pick<ServiceDeps, 'store' | 'log'>,
  reconcilers: readonly PaymentReconciler[],
): () => Promise<number> {
  const { store, log } = deps;
  return async () => {
    let applied = 0;
    for (const record of await store.inbox.listReceived('non_snap')) {
      const invoice = invoiceNumberIn(record.payload);
      const payment = invoice === null ? null : await store.payments.findByPartnerReference(invoice);
      const reconciler = payment && reconcilers.find((r) => r.method === payment.method);
      if (!payment || !reconciler) {
        await store.inbox.finish(record.id, 'ignored', payment?.id ?? null, 'no matching payment');
        continue;
      }
      try {
        const { after, answered } = await askDoku(reconciler, payment);
        if (!answered && after.status === payment.status) {
          if (Date.now() - record.receivedAt.getTime() > CLOSED_RECHECK_GIVE_UP_MS) {
            await store.inbox.finish(record.id, 'failed', payment.id, 'no answer from DOKU for a day');
            log.warn('stored cards notification set aside', { inboxId: record.id, paymentId: payment.id });
          } else {
            await store.inbox.noteFailure(record.id, 'no answer from DOKU');
          }
          continue;
        }
        await store.inbox.finish(record.id, 'applied', payment.id);
        applied++;
        log.info('stored cards notification applied by status check', {
          inboxId: record.id,
          paymentId: payment.id,
          status: after.status,
        });
      } catch (error) {
        log.warn('stored cards notification not applied', { inboxId: record.id, error });
        await store.inbox
          .noteFailure(record.id, error instanceof Error ? error.name : 'error')
          .catch(() => {});
      }
    }
    return applied;
  };
}
