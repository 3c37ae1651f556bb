// The comparison after a run: every payment the BFF knows against the sandbox ledger (DOKU's truth).
import type { SandboxLedger, Store } from './kit.js';

/** One payment row as the BFF stored it. */
export interface BffPaymentRow {
  id: string;
  orderId: string;
  method: 'kki' | 'card';
  status: string;
  amount: number;
  refundedAmount: number;
  partnerReferenceNo: string;
}

/** Every payment in the store (KKI and Cards). */
export async function bffPayments(store: Store): Promise<BffPaymentRow[]> {
  const rows = await store.db.query<{
    id: string;
    order_id: string;
    method: 'kki' | 'card';
    status: string;
    amount: string | number;
    refunded_amount: string | number;
    partner_reference_no: string;
  }>('SELECT id, order_id, method, status, amount, refunded_amount, partner_reference_no FROM payments');
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    method: r.method,
    status: r.status,
    amount: Number(r.amount),
    refundedAmount: Number(r.refunded_amount),
    partnerReferenceNo: r.partner_reference_no,
  }));
}

const PAID = new Set(['succeeded', 'partially_refunded', 'refunded']);

/** One charge at DOKU, KKI or Cards, as the comparison reads it. */
interface LedgerCharge {
  /** KKI `partnerReferenceNo` or Cards `invoice_number`: the BFF's `partner_reference_no`. */
  ref: string;
  charged: boolean;
  amount: number;
  refundedAmount: number;
}

/** The part of the sandbox's Cards ledger the comparison reads. */
interface CardsLedgerOrders {
  orders?: { invoiceNumber: string; status: string; amount: number; refundedAmount: number }[];
}

function ledgerCharges(ledger: SandboxLedger): LedgerCharge[] {
  const kki = ledger.payments.map((p) => ({
    ref: p.partnerReferenceNo,
    charged: p.status === 'SUCCESS',
    amount: p.amount,
    refundedAmount: p.refundedAmount,
  }));
  const cards = ((ledger.cards as CardsLedgerOrders | null)?.orders ?? []).map((o) => ({
    ref: o.invoiceNumber,
    charged: o.status === 'SUCCESS',
    amount: o.amount,
    refundedAmount: o.refundedAmount,
  }));
  return [...kki, ...cards];
}

/**
 * Mismatches between the BFF and the ledger, one message each: a charge the BFF does not show as
 * paid (lost), an order keeping more than one charge (a success not refunded in full), amounts or
 * refunded amounts that differ, refunds above the paid amount, a BFF payment paid that DOKU did not
 * charge, a payment still open after reconciliation.
 */
export function compareWithLedger(rows: readonly BffPaymentRow[], ledger: SandboxLedger): string[] {
  const problems: string[] = [];
  const byRef = new Map(rows.map((r) => [r.partnerReferenceNo, r]));
  const charges = ledgerCharges(ledger);
  const keptPerOrder = new Map<string, number>();
  for (const p of charges) {
    const row = byRef.get(p.ref);
    if (p.refundedAmount > p.amount) problems.push(`${p.ref}: DOKU refunded above the amount`);
    if (!p.charged) continue;
    if (!row) {
      problems.push(`${p.ref}: charged by DOKU, unknown to the BFF (lost)`);
      continue;
    }
    // Kept: DOKU took the money and did not give all of it back.
    if (p.refundedAmount < p.amount) keptPerOrder.set(row.orderId, (keptPerOrder.get(row.orderId) ?? 0) + 1);
    // An authorization the order did not keep, voided at DOKU: the BFF shows it cancelled.
    if (row.status === 'cancelled' && p.refundedAmount === p.amount) continue;
    if (!PAID.has(row.status)) problems.push(`${row.id}: charged by DOKU, ${row.status} in the BFF (lost)`);
    if (row.amount !== p.amount) problems.push(`${row.id}: amount ${row.amount} here, ${p.amount} at DOKU`);
    if (row.refundedAmount !== p.refundedAmount)
      problems.push(`${row.id}: refunded ${row.refundedAmount} here, ${p.refundedAmount} at DOKU`);
  }
  for (const [orderId, n] of keptPerOrder) if (n > 1) problems.push(`${orderId}: ${n} charges kept`);
  const chargedRefs = new Set(charges.filter((p) => p.charged).map((p) => p.ref));
  for (const row of rows) {
    if (row.refundedAmount > row.amount) problems.push(`${row.id}: refunds above the paid amount`);
    if (row.status === 'created' || row.status === 'pending')
      problems.push(`${row.id}: still ${row.status} after reconciliation`);
    if (PAID.has(row.status) && !chargedRefs.has(row.partnerReferenceNo))
      problems.push(`${row.id}: ${row.status} in the BFF, not charged by DOKU`);
  }
  return problems;
}

/** Charges kept per order at DOKU (a success not refunded in full), for the orders given. */
export function keptChargesPerOrder(
  rows: readonly BffPaymentRow[],
  ledger: SandboxLedger,
  orderIds: readonly string[],
): Map<string, number> {
  const orderOf = new Map(rows.map((r) => [r.partnerReferenceNo, r.orderId]));
  const kept = new Map(orderIds.map((id) => [id, 0]));
  for (const p of ledgerCharges(ledger)) {
    const orderId = orderOf.get(p.ref);
    if (orderId !== undefined && kept.has(orderId) && p.charged && p.refundedAmount < p.amount) {
      kept.set(orderId, (kept.get(orderId) ?? 0) + 1);
    }
  }
  return kept;
}
