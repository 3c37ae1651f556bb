'use client';
// useKkiPayment: pay an order with KKI (new card, pay-and-save, saved card), follow it to the end.
import {
  clearPendingPayment,
  createActionRunner,
  isOpenPayment,
  type KkiPaymentPhase,
  type KkiPaymentSource,
  readPendingPayment,
  writePendingPayment,
} from '@kki-kit/client';
import type {
  CreateKkiPaymentRequest,
  KkiError,
  OrderView,
  PaymentActionResult,
  PaymentView,
} from '@kki-kit/contract';
import { paymentActionResult } from '@kki-kit/contract';
import { useCallback, useEffect, useState } from 'react';
import { kkiQueryKeys } from '../internal/query-keys.js';
import { useLatest } from '../internal/useLatest.js';
import { useOrder } from '../internal/useOrder.js';
import {
  type KkiPaymentAction,
  type KkiPaymentCallbacks,
  usePaymentSubmit,
  usePaymentTracker,
} from '../internal/usePaymentTracker.js';
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
 * while the bank confirms, and a result typed `succeeded | pending | requires_action | failed`.
 */
export function useKkiPayment(options: UseKkiPaymentOptions): UseKkiPaymentResult {
  const ctx = useKkiContext('useKkiPayment');
  const { orderId } = options;
  const callbacks = useLatest<KkiPaymentCallbacks>(options);
  const [paymentId, setPaymentId] = useState<string | null>(options.resumePaymentId ?? null);
  const [submitError, setSubmitError] = useState<KkiError | null>(null);
  const { isSubmitting, submit } = usePaymentSubmit(ctx, setPaymentId, setSubmitError);
  const { order, orderError } = useOrder(ctx, orderId);
  const tracker = usePaymentTracker(ctx, paymentId, submitError, callbacks);
  const { payment } = tracker;

  // After a redirect to the bank and back, pick up where this tab left off (effect: no storage on SSR).
  useEffect(() => {
    if (options.resumePaymentId !== undefined) return;
    const stored = readPendingPayment(orderId);
    if (stored !== null) setPaymentId((current) => current ?? stored);
  }, [orderId, options.resumePaymentId]);

  // Remember only an open payment's id; forget it once the payment has ended.
  useEffect(() => {
    if (payment === null) return;
    if (isOpenPayment(payment)) writePendingPayment(orderId, payment.id);
    else clearPendingPayment(orderId);
  }, [orderId, payment]);

  const { client, queryClient, locale, toError } = ctx;
  const [cancelAction] = useState(() => createActionRunner<PaymentView>());
  const pay = useCallback(
    (source: KkiPaymentSource): Promise<PaymentActionResult> =>
      submit<CreateKkiPaymentRequest>({ orderId, source }, (body, idempotencyKey) =>
        client.request('createKkiPayment', { body, idempotencyKey, locale }),
      ),
    [submit, client, locale, orderId],
  );

  const cancel = useCallback(async (): Promise<PaymentActionResult | null> => {
    if (paymentId === null) return null;
    try {
      const view = await cancelAction.run(paymentId, (idempotencyKey) =>
        client.request('cancelPayment', { params: { paymentId }, idempotencyKey, locale }),
      );
      queryClient.setQueryData(kkiQueryKeys.payment(view.id), view);
      return paymentActionResult(view, locale);
    } catch (cause) {
      // The payment may have moved on meanwhile (e.g. confirmed): read it again.
      void tracker.refresh();
      return { status: 'failed', error: toError(cause) };
    }
  }, [client, queryClient, locale, toError, paymentId, cancelAction, tracker.refresh]);

  const reset = useCallback(() => {
    clearPendingPayment(orderId);
    setPaymentId(null);
    setSubmitError(null);
  }, [orderId]);

  const result = tracker.result;
  return {
    phase: isSubmitting ? 'submitting' : tracker.phase,
    order,
    orderError,
    payment,
    result,
    error: result?.status === 'failed' ? result.error : null,
    nextAction: result?.status === 'requires_action' ? result.nextAction : null,
    isSubmitting,
    pay,
    cancel,
    reset,
  };
}
