// The conformance steps in the order they run: the token first (every SNAP call needs it).
import type { ConformanceStep } from '../types.js';
import { b2bTokenStep } from './b2b-token.js';
import { badSignatureStep } from './bad-signature.js';
import { cardBindStep } from './card-bind.js';
import { checkoutStep } from './checkout.js';
import { paymentPageStep } from './payment-page.js';
import { statusUnknownStep } from './status-unknown.js';

/** Every step, one call each, each safe with test credentials. */
export const CONFORMANCE_STEPS: readonly ConformanceStep[] = [
  b2bTokenStep,
  cardBindStep,
  paymentPageStep,
  checkoutStep,
  statusUnknownStep,
  badSignatureStep,
];
