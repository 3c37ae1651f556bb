// A payment's typed result and UI phase, and the callbacks each outcome fires (once per outcome).
import {
  type KkiCopyOverrides,
  type KkiError,
  type KkiLocale,
  type PaymentActionResult,
  type PaymentNextAction,
  type PaymentView,
  paymentActionResult,
} from '@kki-kit/contract';
import { outcomeKey } from './action.js';
import { localError, localizeError } from './localize.js';
import { isOpenPayment, type KkiPaymentPhase, paymentPhase } from './payment-phase.js';

/** A next action the customer has to take. */
export type KkiPaymentAction = Exclude<PaymentNextAction, { type: 'none' }>;

/** Callbacks of a payment flow. */
export interface KkiPaymentCallbacks {
  /** The payment succeeded (or, for card AUTHORIZE, was authorised). */
  readonly onSuccess?: (payment: PaymentView) => void;
  /** The attempt failed: refused by the BFF, declined, or expired. */
  readonly onError?: (error: KkiError, payment: PaymentView | null) => void;
  /** Waiting on DOKU or the bank; nothing for the customer to do. */
  readonly onPending?: (payment: PaymentView) => void;
  /** The customer has to act: issuer app, OTP page or card page. */
  readonly onRequiresAction?: (action: KkiPaymentAction, payment: PaymentView) => void;
  /** The payment was cancelled. */
  readonly onCancel?: (payment: PaymentView) => void;
  /** The time to confirm ran out. */
  readonly onExpire?: (payment: PaymentView | null) => void;
}

/** What a payment's result is derived from. */
export interface PaymentOutcomeInput {
  /** A failure before any payment existed (the create request was refused or got no answer). */
  readonly submitError: KkiError | null;
  /** The payment as the BFF last reported it. */
  readonly payment: PaymentView | null;
  /** The id of a payment whose deadline passed while it was still open at the last check. */
  readonly expiredId: string | null;
  readonly locale: KkiLocale;
  readonly errorCopy: KkiCopyOverrides | undefined;
}

/** The typed result of `payment`, a failure's message in `locale` and the merchant's copy. */
export function localizedPaymentResult(
  payment: PaymentView,
  locale: KkiLocale,
  errorCopy: KkiCopyOverrides | undefined,
): PaymentActionResult {
  const r = paymentActionResult(payment, locale);
  return r.status === 'failed' ? { ...r, error: localizeError(r.error, locale, errorCopy) } : r;
}

/** The result of a payment flow (`null`: no attempt yet). */
export function paymentOutcome(input: PaymentOutcomeInput): PaymentActionResult | null {
  const { submitError, payment, expiredId, locale, errorCopy } = input;
  if (submitError !== null) return { status: 'failed', error: submitError };
  if (payment === null) return null;
  if (expiredId === payment.id && isOpenPayment(payment)) {
    return { status: 'failed', error: localError('payment_expired', locale, errorCopy), value: payment };
  }
  return localizedPaymentResult(payment, locale, errorCopy);
}

/** What identifies an outcome for the once-per-outcome rule: payment, phase, action and error. */
export function paymentOutcomeKey(result: PaymentActionResult, phase: KkiPaymentPhase): string {
  return outcomeKey(result, phase);
}

/** Calls the callbacks `result` stands for (an expiry is also an error). */
export function firePaymentCallbacks(result: PaymentActionResult, cb: KkiPaymentCallbacks): void {
  const phase = paymentPhase(result);
  switch (result.status) {
    case 'succeeded':
      cb.onSuccess?.(result.value);
      break;
    case 'pending':
      cb.onPending?.(result.value);
      break;
    case 'requires_action':
      cb.onRequiresAction?.(result.nextAction, result.value);
      break;
    case 'failed': {
      const value = result.value ?? null;
      if (phase === 'cancelled' && value !== null) cb.onCancel?.(value);
      else {
        if (phase === 'expired') cb.onExpire?.(value);
        cb.onError?.(result.error, value);
      }
      break;
    }
  }
}
