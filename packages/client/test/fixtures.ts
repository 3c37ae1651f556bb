// Shared test data and waits for the client's tests.
import { type PaymentView, paymentViewSchema } from '@kki-kit/contract';
import type { KkiPaymentFlow, KkiPaymentFlowState } from '../src/payment-flow.js';

export const T0 = '2026-01-01T00:00:00.000Z';

/** A pending KKI payment view as the BFF returns it, with `over` applied. */
export function payment(over: Partial<PaymentView> = {}): PaymentView {
  return paymentViewSchema.parse({
    id: 'pay_test0001',
    orderId: 'ord_test0001',
    method: 'kki',
    kkiKind: 'single',
    cardPaymentType: null,
    checkoutChannel: null,
    status: 'pending',
    amount: 150_000,
    currency: 'IDR',
    refundedAmount: 0,
    refundableAmount: 0,
    nextAction: { type: 'none' },
    error: null,
    card: { maskedCpan: '936000******5678', issuer: 'bri', cardId: null },
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

/** Resolves with the first state of `flow` that `match` accepts. */
export function until(
  flow: KkiPaymentFlow,
  match: (s: KkiPaymentFlowState) => boolean,
): Promise<KkiPaymentFlowState> {
  return new Promise((resolve) => {
    if (match(flow.getState())) return resolve(flow.getState());
    const stop = flow.subscribe((s) => {
      if (!match(s)) return;
      stop();
      resolve(s);
    });
  });
}
