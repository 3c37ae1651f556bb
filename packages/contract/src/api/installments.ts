// What shoppers read for an installment plan, zod-free for the browser: each acquirer's name and
// each month's amount.
import type { CardAcquirer } from './views.js';

// Names that DOKU's codes do not spell; the others read as the code with a space for `_`
// (BNI, BRI, BCA, HSBC, OCBC NISP). Kept short: every bundle with the card frame carries it.
const NAMES: { readonly [A in CardAcquirer]?: string } = {
  BANK_CIMB: 'CIMB Niaga',
  BANK_MANDIRI: 'Bank Mandiri',
  BANK_PERMATA: 'PermataBank',
  DANAMON: 'Danamon',
  BUKOPIN: 'KB Bukopin',
};

/**
 * What shoppers read for an installment acquirer: the bank's own short name (DOKU's codes such as
 * `BANK_CIMB` or `OCBC_NISP` are not for people).
 */
export function cardAcquirerName(acquirer: CardAcquirer): string {
  return NAMES[acquirer] ?? acquirer.replace('_', ' ');
}

/**
 * Each monthly instalment of `amount` over `tenor` months, shown before the shopper picks a plan:
 * equal parts without interest (the 0% cicilan shops offer), rounded up to whole rupiah.
 */
export function installmentMonthly(amount: number, tenor: number): number {
  return Math.ceil(amount / tenor);
}
