// What a tester needs for the hosted card page, in one value: the test cards, the 3-D Secure OTP and
// the installment plans. Served at `GET /__sandbox/cards/test-cards` and exported for shops that list
// the values without turning the control API on (the demo's test-values page).
import { type InstallmentPlan, INSTALLMENT_PLANS } from '../cards/rules.js';
import type { CardAcquirer } from '@kki-kit/doku';
import { type TestCard, TEST_CARDS, THREE_DS_MAX_ATTEMPTS, THREE_DS_OTP } from './cards.js';

/** The card page's test values. */
export interface CardTestValues {
  cards: readonly TestCard[];
  threeDs: { otp: string; maxAttempts: number };
  expiry: string;
  cvv: string;
  installmentPlans: Readonly<Record<CardAcquirer, InstallmentPlan>>;
}

/** The sandbox card page's test cards, 3-D Secure OTP and installment plans. */
export const CARD_TEST_VALUES: CardTestValues = {
  cards: TEST_CARDS,
  threeDs: { otp: THREE_DS_OTP, maxAttempts: THREE_DS_MAX_ATTEMPTS },
  expiry: 'any future month (MM/YY)',
  cvv: 'any 3 digits (4 for AMEX)',
  installmentPlans: INSTALLMENT_PLANS,
};
