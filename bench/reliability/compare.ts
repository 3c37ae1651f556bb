// The comparison after a run: every payment the BFF knows against the sandbox ledger (DOKU's truth).
import type { SandboxLedger, Store } from './kit.js';

/** One payment row as the BFF stored it. */
export interface BffPaymentRow {
  id: string;
  orderId: string;
  status: string;
  amount: number;
  refundedAmount: number;
  partnerReferenceNo: string;
}

/** Every KKI payment in the store. */
export async function bffPayments(store: Store): Promise<BffPaymentRow[]> {
  const rows = await store.db.query<{
    id: string;
    order_id: string;
    status: string;
    amount: string | number;
    refunded_amount: string | number;
    partner_reference_no: string;
  }>(
    "SELECT id, order_id, status, amount, refunded_amount, partner_reference_no FROM payments WHERE method = 'kki'",
  );
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    status: r.status,
    amount: Number(r.amount),
    refundedAmount: Number(r.refunded_amount),
    partnerReferenceNo: r.partner_reference_no,
  }));
}

const PAID = new Set(['succeeded', 'partially_refunded', 'refunded']);

/**
 * Mismatches between the BFF and the ledger, one message each: a charge the BFF does not show as
 * paid (lost), an order charged twice, amounts or refunded amounts that differ, refunds above the
 * paid amount, a BFF payment paid that DOKU did not charge, a payment still open after reconciliation.
 */
export function compareWithLedger(rows: readonly BffPaymentRow[], ledger: SandboxLedger): string[] {
  const problems: string[] = [];
  const byRef = new Map(rows.map((r) => [r.partnerReferenceNo, r]));
  const chargedPerOrder = new Map<string, number>();
  for (const p of ledger.payments) {
    const row = byRef.get(p.partnerReferenceNo);
    if (p.refundedAmount > p.amount) problems.push(`${p.partnerReferenceNo}: DOKU refunded above the amount`);
    if (p.status !== 'SUCCESS') continue;
    if (!row) {
      problems.push(`${p.partnerReferenceNo}: charged by DOKU, unknown to the BFF (lost)`);
      continue;
    }
    chargedPerOrder.set(row.orderId, (chargedPerOrder.get(row.orderId) ?? 0) + 1);
    if (!PAID.has(row.status)) problems.push(`${row.id}: charged by DOKU, ${row.status} in the BFF (lost)`);
    if (row.amount !== p.amount) problems.push(`${row.id}: amount ${row.amount} here, ${p.amount} at DOKU`);
    if (row.refundedAmount !== p.refundedAmount)
      problems.push(`${row.id}: refunded ${row.refundedAmount} here, ${p.refundedAmount} at DOKU`);
  }
  for (const [orderId, n] of chargedPerOrder) if (n > 1) problems.push(`${orderId}: charged ${n} times`);
  const ledgerByRef = new Map(ledger.payments.map((p) => [p.partnerReferenceNo, p]));
  for (const row of rows) {
    if (row.refundedAmount > row.amount) problems.push(`${row.id}: refunds above the paid amount`);
    if (row.status === 'created' || row.status === 'pending')
      problems.push(`${row.id}: still ${row.status} after reconciliation`);
    if (PAID.has(row.status) && ledgerByRef.get(row.partnerReferenceNo)?.status !== 'SUCCESS')
      problems.push(`${row.id}: ${row.status} in the BFF, not charged by DOKU`);
  }
  return problems;
}
