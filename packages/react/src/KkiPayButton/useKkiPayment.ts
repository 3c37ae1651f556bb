'use client';
// useKkiPayment: pay an order with KKI (new card, pay-and-save, saved card), follow it to the end.
import type { KkiPaymentPhase, KkiPaymentSource } from '@kki-kit/client';
import type { KkiError, OrderView, PaymentActionResult, PaymentView } from '@kki-kit/contract';
import { useCallback } from 'react';
import { useLatest } from '../internal/useLatest.js';
import { useOrder } from '../internal/useOrder.js';
import {
  type KkiPaymentAction,
  type KkiPaymentCallbacks,
  usePaymentFlow,
} from '../internal/usePaymentFlow.js';
import { useKkiContext } from '../provider/context.js';

export type { KkiPaymentSource };

/** Options of {@link useKkiPayment}. */
export interface UseKkiPaymentOptions extends KkiPaymentCallbacks {
  /** The order to pay, created by the merchant's server (the amount comes from it). */
  readonly orderId: string;
  /**
   * A payment to pick up, e.g. after DOKU's OTP page sent the customer back. Without it, the hook
   * resumes the unfinished payment this tab started for the order, if any.
   */
  readonly resumePaymentId?: string;
}

/** What {@link useKkiPayment} returns. */
export interface UseKkiPaymentResult {
  /** Where the flow stands. */
  readonly phase: KkiPaymentPhase;
  /** The order (amount, items), once loaded. */
  readonly order: OrderView | undefined;
  /** Why the order could not be read, if it could not. */
  readonly orderError: KkiError | null;
  /** The current payment attempt, as the BFF last reported it. */
  readonly payment: PaymentView | null;
  /** The typed result of the current attempt (`null` before the first). */
  readonly result: PaymentActionResult | null;
  /** The failure of the current attempt, if it failed. */
  readonly error: KkiError | null;
  /** What the customer has to do now (issuer app, OTP page), if anything. */
  readonly nextAction: KkiPaymentAction | null;
  /** True while the payment request is in flight. */
  readonly isSubmitting: boolean;
  /**
   * Pays the order. Resolves to the first answer (often `requires_action`: confirm in the issuer app);
   * the hook then follows the payment. A call while one is in flight returns that call's promise.
   */
  readonly pay: (source: KkiPaymentSource) => Promise<PaymentActionResult>;
  /** Cancels the current payment while the customer has not confirmed it. */
  readonly cancel: () => Promise<PaymentActionResult | null>;
  /** Forgets the current attempt (after a failure or to start over). */
  readonly reset: () => void;
}

/**
 * Headless KKI payment: one idempotency key per attempt, one request at a time, polling with backoff
 * while the bank confirms, and a result typed `succeeded | pending | requires_action | failed`. A thin
 * adapter over `createPaymentFlow` from `@kki-kit/client`.
 */
export function useKkiPayment(options: UseKkiPaymentOptions): UseKkiPaymentResult {
  const ctx = useKkiContext('useKkiPayment');
  const { orderId } = options;
  const callbacks = useLatest<KkiPaymentCallbacks>(options);
  const { order, orderError } = useOrder(ctx, orderId);
  const flow = usePaymentFlow(ctx, orderId, callbacks, options.resumePaymentId);
  const { start, result } = flow;
  const pay = useCallback((source: KkiPaymentSource) => start({ method: 'kki', source }), [start]);
  return {
    phase: flow.phase,
    order,
    orderError,
    payment: flow.payment,
    result,
    error: result?.status === 'failed' ? result.error : null,
    nextAction: result?.status === 'requires_action' ? result.nextAction : null,
    isSubmitting: flow.isSubmitting,
    pay,
    cancel: flow.cancel,
    reset: flow.reset,
  };
}
