// Follows one payment through the BFF: polls it with backoff while it is open, checks once more at its
// deadline, derives the typed result and phase, and fires the caller's latest callbacks on each change.
// Also submits the request that creates the payment, so the payment hooks share one attempt logic.
import {
  createKkiError,
  type KkiError,
  type PaymentActionResult,
  type PaymentNextAction,
  type PaymentView,
  paymentActionResult,
} from '@kki-kit/contract';
import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AttemptKeys } from '../client/idempotency.js';
import { KkiRequestError } from '../client/request-error.js';
import type { KkiContextValue } from '../provider/context.js';
import { localizeError } from '../provider/to-error.js';
import { isExpired } from './backoff.js';
import { fingerprint } from './fingerprint.js';
import { isOpenPayment, type KkiPaymentPhase, paymentPhase } from './payment-phase.js';
import { kkiQueryKeys } from './query-keys.js';
import { useExpiryTimer } from './useExpiryTimer.js';
import { usePolledQuery } from './usePolledQuery.js';

/** A next action the customer has to take. */
export type KkiPaymentAction = Exclude<PaymentNextAction, { type: 'none' }>;

/** Callbacks of the payment hooks; the latest ones are always called. */
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

/** What {@link usePaymentTracker} tells its hook. */
export interface PaymentTracker {
  readonly payment: PaymentView | null;
  readonly result: PaymentActionResult | null;
  readonly phase: KkiPaymentPhase;
  /** Asks the BFF for the payment now (it checks DOKU when the payment has waited long enough). */
  readonly refresh: () => Promise<PaymentView | null>;
}

/** The typed result of `payment`, a failure's message in the provider's locale and copy. */
function localizedResult(
  payment: PaymentView,
  locale: KkiContextValue['locale'],
  errorCopy: KkiContextValue['errorCopy'],
): PaymentActionResult {
  const r = paymentActionResult(payment, locale);
  return r.status === 'failed' ? { ...r, error: localizeError(r.error, locale, errorCopy) } : r;
}

/** Tracks `paymentId`; `submitError` is a failure before any payment existed. */
export function usePaymentTracker(
  ctx: KkiContextValue,
  paymentId: string | null,
  submitError: KkiError | null,
  callbacks: RefObject<KkiPaymentCallbacks>,
): PaymentTracker {
  const [expiredLocally, setExpiredLocally] = useState<string | null>(null);
  const query = usePolledQuery<PaymentView>(ctx, {
    queryKey: kkiQueryKeys.payment(paymentId ?? ''),
    queryFn: (signal) =>
      ctx.client.request('getPayment', {
        params: { paymentId: paymentId ?? '' },
        query: { refresh: 'true' },
        signal,
        locale: ctx.locale,
      }),
    enabled: paymentId !== null,
    isSettled: (p) => !isOpenPayment(p),
    expiresAt: (p) => (p.nextAction.type === 'none' ? null : p.nextAction.expiresAt),
  });
  const payment = paymentId === null ? null : (query.data ?? null);
  const deadline =
    payment !== null && payment.nextAction.type !== 'none' ? payment.nextAction.expiresAt : null;

  const refetch = query.refetch;
  const refresh = useCallback(async () => {
    if (paymentId === null) return null;
    const r = await refetch();
    return r.data ?? null;
  }, [paymentId, refetch]);

  // At the deadline, one last check with the BFF; still open then means expired for the customer.
  useExpiryTimer(payment !== null && isOpenPayment(payment) ? deadline : null, () => {
    void query.refetch().then((r) => {
      const p = r.data;
      if (p !== undefined && isOpenPayment(p) && isExpired(deadline, Date.now())) setExpiredLocally(p.id);
    });
  });

  const { locale, errorCopy } = ctx;
  const result = useMemo<PaymentActionResult | null>(() => {
    if (submitError !== null) return { status: 'failed', error: submitError };
    if (payment === null) return null;
    if (expiredLocally === payment.id && isOpenPayment(payment)) {
      return {
        status: 'failed',
        error: createKkiError('payment_expired', { locale, ...(errorCopy && { overrides: errorCopy }) }),
        value: payment,
      };
    }
    return localizedResult(payment, locale, errorCopy);
  }, [submitError, payment, expiredLocally, locale, errorCopy]);
  const phase = paymentPhase(result);

  // Fire each callback once per (payment, phase, action) change.
  const notified = useRef<string | null>(null);
  useEffect(() => {
    if (result === null) {
      notified.current = null;
      return;
    }
    const value = result.status === 'failed' ? (result.value ?? null) : result.value;
    const key = `${value?.id ?? 'none'}:${phase}:${result.status === 'requires_action' ? result.nextAction.type : ''}:${
      result.status === 'failed' ? result.error.code : ''
    }`;
    if (notified.current === key) return;
    notified.current = key;
    const cb = callbacks.current;
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
      case 'failed':
        if (phase === 'cancelled' && value !== null) cb.onCancel?.(value);
        else if (phase === 'expired') {
          cb.onExpire?.(value);
          cb.onError?.(result.error, value);
        } else cb.onError?.(result.error, value);
        break;
    }
  }, [result, phase, callbacks]);

  return { payment, result, phase, refresh };
}

/** What {@link usePaymentSubmit} gives its hook. */
export interface PaymentSubmit {
  /** True while the request that creates the payment is in flight. */
  readonly isSubmitting: boolean;
  /**
   * Creates a payment by calling `send` with `body` and the attempt's idempotency key, and hands its id
   * to `setPaymentId` (a failure to `setSubmitError`). A call while one is in flight returns that call's
   * promise.
   */
  readonly submit: <B>(
    body: B,
    send: (body: B, idempotencyKey: string) => Promise<PaymentView>,
  ) => Promise<PaymentActionResult>;
}

/**
 * Submits the request that creates a payment: one request at a time, one idempotency key per attempt
 * (kept only to retry an attempt whose outcome is unknown), and the answer cached for the tracker.
 */
export function usePaymentSubmit(
  ctx: KkiContextValue,
  setPaymentId: (paymentId: string | null) => void,
  setSubmitError: (error: KkiError | null) => void,
): PaymentSubmit {
  const { queryClient, locale, errorCopy, toError } = ctx;
  const [isSubmitting, setSubmitting] = useState(false);
  const inFlight = useRef<Promise<PaymentActionResult> | null>(null);
  const [keys] = useState(() => new AttemptKeys());

  const submit = useCallback(
    <B>(
      body: B,
      send: (body: B, idempotencyKey: string) => Promise<PaymentView>,
    ): Promise<PaymentActionResult> => {
      if (inFlight.current !== null) return inFlight.current;
      const run = async (): Promise<PaymentActionResult> => {
        setSubmitting(true);
        setSubmitError(null);
        const idempotencyKey = keys.keyFor(fingerprint(body));
        try {
          const view = await send(body, idempotencyKey);
          keys.settle();
          queryClient.setQueryData(kkiQueryKeys.payment(view.id), view);
          setPaymentId(view.id);
          return localizedResult(view, locale, errorCopy);
        } catch (cause) {
          // The BFF may have acted on a request without an answer: keep its key for the retry.
          if (!(cause instanceof KkiRequestError && cause.outcomeUnknown)) keys.settle();
          const error = toError(cause);
          setPaymentId(null);
          setSubmitError(error);
          return { status: 'failed', error };
        } finally {
          setSubmitting(false);
          inFlight.current = null;
        }
      };
      inFlight.current = run();
      return inFlight.current;
    },
    [queryClient, locale, errorCopy, toError, keys, setPaymentId, setSubmitError],
  );

  return { isSubmitting, submit };
}
