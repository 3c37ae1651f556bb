// Sandbox test cards for DOKU Cards (Non-SNAP hosted payment page). DOKU's own list lives behind its
// simulator page (doku-api.md §9.14: "sandbox card list exists only for regular cards"), which the
// project may not read, so these numbers are the sandbox's own: Luhn-valid, one brand prefix each,
// and an outcome per card. The README's "Cards" section prints this table.
import { luhnValid } from '@kki-kit/contract';
import type { CardAcquirer } from '@kki-kit/doku';

/** Card brands DOKU reports in `card.brand` (doku-api.md §7.2). */
export type CardBrand = 'VISA' | 'MASTER' | 'JCB' | 'AMEX';

/** What the issuer does with an authorisation on this card. */
export type CardOutcome =
  | { kind: 'approve' }
  /** The issuer asks for a 3-D Secure OTP first (see `THREE_DS_OTP`), then approves. */
  | { kind: 'threeDs' }
  /** The issuer declines with an ISO 8583 response code. */
  | { kind: 'decline'; responseCode: string; responseMessage: string };

/** One sandbox test card. */
export interface TestCard {
  /** Stable name used in tests, the ledger and the README. */
  id: string;
  number: string;
  brand: CardBrand;
  type: 'CREDIT' | 'DEBIT';
  /** Issuing bank as an acquirer code, so ON US installments can match card and acquirer. */
  issuer: CardAcquirer;
  /** Issuer name as DOKU prints it in `card.issuer` (doku-api.md §7.2 sample: "Bank Mandiri"). */
  issuerName: string;
  outcome: CardOutcome;
}

/** The OTP that passes the sandbox's 3-D Secure page; any other value fails. */
export const THREE_DS_OTP = '123456';
/** Wrong OTPs allowed before the 3-D Secure step fails the payment. */
export const THREE_DS_MAX_ATTEMPTS = 3;

/** ISO 8583 approval, what DOKU puts in `card_payment.response_code` for a paid order (§7.6). */
export const APPROVED = { responseCode: '00', responseMessage: 'PAYMENT APPROVED' } as const;

/** The response a card number gets when it is well formed but not one of the test cards. */
export const UNKNOWN_CARD_DECLINE = {
  responseCode: '14',
  responseMessage: 'INVALID CARD NUMBER',
} as const;

/** The response when the 3-D Secure step fails (wrong OTP too often, or cancelled). */
export const THREE_DS_FAILED = {
  responseCode: '3D',
  responseMessage: '3D SECURE AUTHENTICATION FAILED',
} as const;

/** Every test card. Expiry: any future month; CVV: any 3 digits (4 for AMEX). */
export const TEST_CARDS: readonly TestCard[] = [
  {
    id: 'visa-approve',
    number: '4111111111111111',
    brand: 'VISA',
    type: 'CREDIT',
    issuer: 'BNI',
    issuerName: 'Bank BNI',
    outcome: { kind: 'approve' },
  },
  {
    id: 'master-approve',
    number: '5573381011111002',
    brand: 'MASTER',
    type: 'CREDIT',
    issuer: 'BANK_MANDIRI',
    issuerName: 'Bank Mandiri',
    outcome: { kind: 'approve' },
  },
  {
    id: 'jcb-approve',
    number: '3569990010095841',
    brand: 'JCB',
    type: 'CREDIT',
    issuer: 'BCA',
    issuerName: 'Bank BCA',
    outcome: { kind: 'approve' },
  },
  {
    id: 'amex-approve',
    number: '378282246310005',
    brand: 'AMEX',
    type: 'CREDIT',
    issuer: 'BNI',
    issuerName: 'Bank BNI',
    outcome: { kind: 'approve' },
  },
  {
    id: 'visa-3ds',
    number: '4617000000000015',
    brand: 'VISA',
    type: 'CREDIT',
    issuer: 'BCA',
    issuerName: 'Bank BCA',
    outcome: { kind: 'threeDs' },
  },
  {
    id: 'master-3ds',
    number: '5222220000000013',
    brand: 'MASTER',
    type: 'CREDIT',
    issuer: 'BRI',
    issuerName: 'Bank BRI',
    outcome: { kind: 'threeDs' },
  },
  {
    id: 'visa-debit-approve',
    number: '4105050000000001',
    brand: 'VISA',
    type: 'DEBIT',
    issuer: 'BRI',
    issuerName: 'Bank BRI',
    outcome: { kind: 'approve' },
  },
  {
    id: 'visa-do-not-honor',
    number: '4000000000000002',
    brand: 'VISA',
    type: 'CREDIT',
    issuer: 'BRI',
    issuerName: 'Bank BRI',
    outcome: { kind: 'decline', responseCode: '05', responseMessage: 'DO NOT HONOR' },
  },
  {
    id: 'master-insufficient-funds',
    number: '5105100000000050',
    brand: 'MASTER',
    type: 'CREDIT',
    issuer: 'BANK_CIMB',
    issuerName: 'Bank CIMB Niaga',
    outcome: { kind: 'decline', responseCode: '51', responseMessage: 'INSUFFICIENT FUNDS' },
  },
  {
    id: 'visa-expired-card',
    number: '4000000000000069',
    brand: 'VISA',
    type: 'CREDIT',
    issuer: 'BANK_PERMATA',
    issuerName: 'Bank Permata',
    outcome: { kind: 'decline', responseCode: '54', responseMessage: 'EXPIRED CARD' },
  },
  {
    id: 'master-suspected-fraud',
    number: '5400000000000096',
    brand: 'MASTER',
    type: 'CREDIT',
    issuer: 'DANAMON',
    issuerName: 'Bank Danamon',
    outcome: { kind: 'decline', responseCode: '59', responseMessage: 'SUSPECTED FRAUD' },
  },
  {
    id: 'visa-restricted-card',
    number: '4000000000000127',
    brand: 'VISA',
    type: 'CREDIT',
    issuer: 'BNI',
    issuerName: 'Bank BNI',
    outcome: { kind: 'decline', responseCode: '62', responseMessage: 'RESTRICTED CARD' },
  },
];

for (const card of TEST_CARDS) {
  // A typo here would make a documented card fail the form's Luhn check; fail at import instead.
  if (!luhnValid(card.number)) throw new Error(`test card ${card.id} is not Luhn-valid`);
}

/** The test card with this number (digits only), or `undefined`. */
export function findTestCard(number: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.number === number);
}

/** The test card with this id; throws for an unknown id (tests and the README use ids). */
export function testCard(id: string): TestCard {
  const card = TEST_CARDS.find((c) => c.id === id);
  if (!card) throw new Error(`no sandbox test card "${id}"`);
  return card;
}

/** Brand from the number's prefix, for cards that are not test cards (drives the CVV length). */
export function brandOf(number: string): CardBrand | null {
  if (/^4/.test(number)) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'MASTER';
  if (/^35/.test(number)) return 'JCB';
  if (/^3[47]/.test(number)) return 'AMEX';
  return null;
}

/** CVV length per brand: 4 for AMEX, 3 for the others. */
export function cvvLength(brand: CardBrand | null): 3 | 4 {
  return brand === 'AMEX' ? 4 : 3;
}
