// What shoppers read for an installment plan, zod-free for the browser: each acquirer's name and
// each month's amount.
import type { CardAcquirer } from './views.js';

/**
 * What shoppers read for each installment acquirer: the bank's own short name (DOKU's codes such as
 * `BANK_CIMB` or `OCBC_NISP` are not for people).
 */
export const CARD_ACQUIRER_NAMES: { readonly [A in CardAcquirer]: string } = {
  BNI: 'BNI',
  BRI: 'BRI',
  BANK_CIMB: 'CIMB Niaga',
  BANK_MANDIRI: 'Bank Mandiri',
  BCA: 'BCA',
  BANK_PERMATA: 'PermataBank',
  DANAMON: 'Danamon',
  BUKOPIN: 'KB Bukopin',
  HSBC: 'HSBC',
  OCBC_NISP: 'OCBC NISP',
};

/**
 * Each monthly instalment of `amount` over `tenor` months, shown before the shopper picks a plan:
 * equal parts without interest (the 0% cicilan shops offer), rounded up to whole rupiah.
 */
export function installmentMonthly(amount: number, tenor: number): number {
  return Math.ceil(amount / tenor);
}
