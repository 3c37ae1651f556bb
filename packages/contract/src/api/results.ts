// The typed result every action of the React hooks resolves to, derived from the BFF's views.
import type { KkiError } from '../errors/kki-error.js';
import { createLocalKkiError } from '../errors/local-errors.js';
import type { KkiLocale } from '../locale.js';
import type { BindingNextAction, BindingView, PaymentNextAction, PaymentView } from './views.js';

/**
 * The outcome of one customer action: done, waiting on DOKU or the bank, waiting on the customer
 * (`nextAction`), or failed with a catalogue error.
 */
export type KkiActionResult<T, A = never> =
  | { readonly status: 'succeeded'; readonly value: T }
  | { readonly status: 'pending'; readonly value: T }
  | { readonly status: 'requires_action'; readonly value: T; readonly nextAction: A }
  | { readonly status: 'failed'; readonly error: KkiError; readonly value?: T };

/** A payment action's result; `requires_action` carries the issuer-app / OTP / card-page step. */
export type PaymentActionResult = KkiActionResult<PaymentView, Exclude<PaymentNextAction, { type: 'none' }>>;

/** A binding action's result; `requires_action` carries the OTP step. */
export type BindingActionResult = KkiActionResult<BindingView, Exclude<BindingNextAction, { type: 'none' }>>;

// The error of a failed view without one (the BFF always sets one; this keeps the union total).
function errorFor(status: 'failed' | 'expired' | 'cancelled', locale: KkiLocale | undefined): KkiError {
  const code =
    status === 'expired'
      ? 'payment_expired'
      : status === 'cancelled'
        ? 'transaction_cancelled'
        : 'card_declined';
  return createLocalKkiError(code, locale === undefined ? {} : { locale });
}

/**
 * Reads a payment view as an action result. `authorized` counts as succeeded (the customer is done;
 * the merchant captures), refunds too (the payment itself succeeded). `locale` is the language of
 * an error the view lacks.
 */
export function paymentActionResult(payment: PaymentView, locale?: KkiLocale): PaymentActionResult {
  const { status } = payment;
  if (status === 'created' || status === 'pending') {
    return payment.nextAction.type === 'none'
      ? { status: 'pending', value: payment }
      : { status: 'requires_action', value: payment, nextAction: payment.nextAction };
  }
  if (status === 'failed' || status === 'expired' || status === 'cancelled') {
    return { status: 'failed', error: payment.error ?? errorFor(status, locale), value: payment };
  }
  // `succeeded`, `authorized` (to capture), `partially_refunded`, `refunded`: the money was taken.
  return { status: 'succeeded', value: payment };
}

/** Reads a binding view as an action result. */
export function bindingActionResult(binding: BindingView, locale?: KkiLocale): BindingActionResult {
  switch (binding.status) {
    case 'active':
      return { status: 'succeeded', value: binding };
    case 'failed':
    case 'expired':
      return {
        status: 'failed',
        error: binding.error ?? errorFor(binding.status === 'expired' ? 'expired' : 'failed', locale),
        value: binding,
      };
    case 'pending':
      return binding.nextAction.type === 'none'
        ? { status: 'pending', value: binding }
        : { status: 'requires_action', value: binding, nextAction: binding.nextAction };
  }
}
