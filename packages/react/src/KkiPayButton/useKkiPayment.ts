'use client';
// useKkiPayment: pay an order with KKI (new card, pay-and-save, saved card), follow it to the end.
import type { KkiPaymentPhase, KkiPaymentSource } from '@kki-kit/client';
import type {
  CheckoutChannel,
  CheckoutDisplay,
  KkiError,
  KkiLocale,
  OrderView,
  PaymentActionResult,
  PaymentView,
} from '@kki-kit/contract';
import { useCallback } from 'react';
import { useLatest } from '../internal/useLatest.js';
import { useOrder } from '../internal/useOrder.js';
import {
  type KkiPaymentAction,
  type KkiPaymentCallbacks,
  usePaymentFlow,
} from '../internal/usePaymentFlow.js';
import { useKkiContext } from '../provider/context.js';
import { returnedPaymentId } from './returned-payment.js';

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

/** How DOKU Checkout is opened; everything is optional. */
export interface KkiCheckoutRequest {
  /** Narrows the methods the merchant's server allows (KKI, credit card). */
  readonly methods?: readonly CheckoutChannel[];
  /** Language of DOKU's page; defaults to the provider's locale. */
  readonly language?: KkiLocale;
  /** The page to come back to after a full-page redirect; defaults to this page. */
  readonly returnUrl?: string;
  /** How the page is shown (`redirect` by default): tells the BFF's return page how to hand back. */
  readonly display?: CheckoutDisplay;
}

// What the button shows (a card page payment remembered for the order is CardPaymentFrame's).
const KKI_METHODS = ['kki', 'checkout'] as const;

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
  /**
   * Opens DOKU Checkout for the order (the BFF chose the Checkout path): resolves to the answer, whose
   * next action `checkout_page` is the page to open. A call while one is in flight returns that call's promise.
   */
  readonly openCheckout: (request?: KkiCheckoutRequest) => Promise<PaymentActionResult>;
  /** Asks the BFF for the payment now (e.g. DOKU's page says the customer is done). */
  readonly refresh: () => Promise<PaymentView | null>;
  /** Cancels the current payment while the customer has not confirmed it. */
  readonly cancel: () => Promise<PaymentActionResult | null>;
  /**
   * Sends the payment request again after it got no answer (phase `unconfirmed`), with the same
   * idempotency key: the answer is that attempt's result, never a second payment. In any other
   * phase it sends nothing and resolves to the current result (`null` before any).
   */
  readonly retry: () => Promise<PaymentActionResult | null>;
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
  // The order's open attempt (any tab, any device) is resumed, never doubled; given, else the one the
  // shopper came back with from DOKU Checkout or the bank's app.
  const flow = usePaymentFlow(
    ctx,
    orderId,
    callbacks,
    options.resumePaymentId ?? returnedPaymentId,
    order,
    KKI_METHODS,
  );
  const { start, result } = flow;
  const pay = useCallback((source: KkiPaymentSource) => start({ method: 'kki', source }), [start]);
  const { locale } = ctx;
  const openCheckout = useCallback(
    (request: KkiCheckoutRequest = {}) => {
      const returnUrl =
        request.returnUrl ?? (typeof window === 'undefined' ? undefined : window.location.href);
      return start({
        method: 'checkout',
        request: {
          language: request.language ?? locale,
          ...(request.methods !== undefined && { methods: [...request.methods] }),
          ...(request.display !== undefined && { display: request.display }),
          ...(returnUrl !== undefined && { returnUrl }),
        },
      });
    },
    [start, locale],
  );
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
    openCheckout,
    refresh: flow.refresh,
    cancel: flow.cancel,
    retry: flow.retry,
    reset: flow.reset,
  };
}
