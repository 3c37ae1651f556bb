// The Cards business rules the sandbox applies where DOKU gives the rule but not the number:
// installment plans and minimum amounts, page lifetime, authorization hold, settlement time.
import { CARD_AUTHORIZATION_HOLD_MS, CARD_PAGE_LIFETIME_MS, type CardAcquirer } from '@kki-kit/doku';

/** Whether an installment acquirer finances only its own cards (ON US) or any credit card (OFF US). */
export type InstallmentKind = 'ON_US' | 'OFF_US';

/** One acquirer's installment plan in the sandbox. */
export interface InstallmentPlan {
  kind: InstallmentKind;
  /** Tenors (months) the acquirer offers. */
  tenors: readonly number[];
  /** Smallest amount (IDR) the acquirer finances in installments. */
  minAmount: number;
}

const ON_US_TENORS = [3, 6, 12, 24] as const;
const OFF_US_TENORS = [3, 6, 12] as const;
const ON_US_MIN = 500_000;
const OFF_US_MIN = 1_000_000;

/**
 * Installment plans per acquirer. ON US = BCA, Bank Mandiri, BNI; OFF US = Bukopin, Danamon,
 * Permata, HSBC, OCBC (doku-api.md §7.1 [SEED-002] "Installment ON US / OFF US"). BRI and CIMB are
 * allowed acquirers but the seed classifies neither: GUESS, ON US (each issues its own cards).
 * Tenors and minimum amounts: "minimal transaction amounts for each installment (depending on the
 * issuer)" [SEED-002] with no figures, so the sandbox's own values: ON US 3/6/12/24 months from
 * IDR 500,000; OFF US 3/6/12 months from IDR 1,000,000.
 */
export const INSTALLMENT_PLANS: Readonly<Record<CardAcquirer, InstallmentPlan>> = {
  BCA: { kind: 'ON_US', tenors: ON_US_TENORS, minAmount: ON_US_MIN },
  BANK_MANDIRI: { kind: 'ON_US', tenors: ON_US_TENORS, minAmount: ON_US_MIN },
  BNI: { kind: 'ON_US', tenors: ON_US_TENORS, minAmount: ON_US_MIN },
  BRI: { kind: 'ON_US', tenors: ON_US_TENORS, minAmount: ON_US_MIN },
  BANK_CIMB: { kind: 'ON_US', tenors: ON_US_TENORS, minAmount: ON_US_MIN },
  BUKOPIN: { kind: 'OFF_US', tenors: OFF_US_TENORS, minAmount: OFF_US_MIN },
  DANAMON: { kind: 'OFF_US', tenors: OFF_US_TENORS, minAmount: OFF_US_MIN },
  BANK_PERMATA: { kind: 'OFF_US', tenors: OFF_US_TENORS, minAmount: OFF_US_MIN },
  HSBC: { kind: 'OFF_US', tenors: OFF_US_TENORS, minAmount: OFF_US_MIN },
  OCBC_NISP: { kind: 'OFF_US', tenors: OFF_US_TENORS, minAmount: OFF_US_MIN },
};

/**
 * How long a payment page link works, sandbox-clock ms: the kit's guess of DOKU's page lifetime
 * (`CARD_PAGE_LIFETIME_MS`, open-questions.ts); an unpaid order then reads `EXPIRED`.
 */
export const PAGE_TTL_MS = CARD_PAGE_LIFETIME_MS;

/** AUTHORIZE holds the funds, then DOKU releases them (`CARD_AUTHORIZATION_HOLD_MS`, open-questions.ts). */
export const AUTHORIZATION_HOLD_MS = CARD_AUTHORIZATION_HOLD_MS;

/**
 * Default settlement time: 23:00 WIB each day (GUESS: DOKU settles card funds once a day; before
 * that a refund is a VOID, after it a PARTIAL_/FULL_REFUND, doku-api.md §7.3). The control API can
 * change the hour or settle at once.
 */
export const DEFAULT_SETTLEMENT_HOUR_WIB = 23;

const WIB_OFFSET_MS = 7 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** The first settlement run strictly after `afterMs`, at `hourWib`:00 Jakarta time. */
export function nextSettlementMs(afterMs: number, hourWib: number): number {
  const wibMs = afterMs + WIB_OFFSET_MS;
  const dayStart = Math.floor(wibMs / DAY_MS) * DAY_MS;
  let run = dayStart + hourWib * 60 * 60_000;
  if (run <= wibMs) run += DAY_MS;
  return run - WIB_OFFSET_MS;
}

/** Tenors the customer may pick: the plan's, narrowed by `allow_tenor`; `0` (pay in full) only if allowed. */
export function offeredTenors(plan: InstallmentPlan, allowTenor: readonly number[] | undefined): number[] {
  const base = allowTenor ? plan.tenors.filter((t) => allowTenor.includes(t)) : [...plan.tenors];
  return allowTenor?.includes(0) ? [0, ...base] : base;
}
