// The UI phase of a payment flow, derived from the action result and the view.
import { isOpenPaymentStatus, type PaymentActionResult, type PaymentView } from '@kki-kit/contract';

/**
 * Where a payment flow stands for the UI: nothing yet, sending, no answer to the sending
 * (`unconfirmed`: the BFF may have acted; the flow's `retry()` asks again with the same
 * idempotency key, which never makes a second payment), waiting on the customer (issuer app, OTP,
 * card page), waiting on the bank (`pending`, also while a payment picked up after a reload or a
 * return is read for the first time), or one of the endings.
 */
export type KkiPaymentPhase =
  | 'idle'
  | 'submitting'
  | 'unconfirmed'
  | 'requires_action'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'cancelled';

/** Whether the payment can still change without a refund (it waits on someone). */
export function isOpenPayment(payment: PaymentView): boolean {
  return isOpenPaymentStatus(payment.status);
}

/** The phase for a result (`null`: no attempt yet) while not submitting. */
export function paymentPhase(result: PaymentActionResult | null): KkiPaymentPhase {
  if (result === null) return 'idle';
  if (result.status !== 'failed') return result.status;
  if (result.error.code === 'payment_expired' || result.value?.status === 'expired') return 'expired';
  if (result.value?.status === 'cancelled') return 'cancelled';
  return 'failed';
}
