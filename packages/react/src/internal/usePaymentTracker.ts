// Follows one payment through the BFF: polls it with backoff while it is open, checks once more at its
// deadline, derives the typed result and phase, and fires the caller's latest callbacks on each change.
// Also submits the request that creates the payment, so the payment hooks share one attempt logic.
import {
  createActionRunner,
  createSingleFlight,
  fingerprint,
  firePaymentCallbacks,
  isExpired,
  isOpenPayment,
  type KkiPaymentCallbacks,
  type KkiPaymentPhase,
  localizedPaymentResult,
  OutcomeGate,
  paymentOutcome,
  paymentOutcomeKey,
  paymentPhase,
} from '@kki-kit/client';
import type { KkiError, PaymentActionResult, PaymentView } from '@kki-kit/contract';
import { type RefObject, useCallback, useEffect, useMemo, useState } from 'react';
import type { KkiContextValue } from '../provider/context.js';
import { kkiQueryKeys } from './query-keys.js';
import { useExpiryTimer } from './useExpiryTimer.js';
import { usePolledQuery } from './usePolledQuery.js';

export type { KkiPaymentAction, KkiPaymentCallbacks } from '@kki-kit/client';

/** What {@link usePaymentTracker} tells its hook. */
export interface PaymentTracker {
  readonly payment: PaymentView | null;
  readonly result: PaymentActionResult | null;
  readonly phase: KkiPaymentPhase;
  /** Asks the BFF for the payment now (it checks DOKU when the payment has waited long enough). */
  readonly refresh: () => Promise<PaymentView | null>;
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
  const result = useMemo(
    () => paymentOutcome({ submitError, payment, expiredId: expiredLocally, locale, errorCopy }),
    [submitError, payment, expiredLocally, locale, errorCopy],
  );
  const phase = paymentPhase(result);

  // Fire each callback once per outcome (the core's rule).
  const [gate] = useState(() => new OutcomeGate());
  useEffect(() => {
    if (result === null) gate.reset();
    else if (gate.pass(paymentOutcomeKey(result, phase))) firePaymentCallbacks(result, callbacks.current);
  }, [result, phase, callbacks, gate]);

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
  const [flight] = useState(() => createSingleFlight<PaymentActionResult>());
  // The core keeps the attempt's key while its outcome is unknown.
  const [action] = useState(() => createActionRunner<PaymentView>());

  const submit = useCallback(
    <B>(
      body: B,
      send: (body: B, idempotencyKey: string) => Promise<PaymentView>,
    ): Promise<PaymentActionResult> => {
      return flight.run(async (): Promise<PaymentActionResult> => {
        setSubmitting(true);
        setSubmitError(null);
        try {
          const view = await action.run(fingerprint(body), (key) => send(body, key));
          queryClient.setQueryData(kkiQueryKeys.payment(view.id), view);
          setPaymentId(view.id);
          return localizedPaymentResult(view, locale, errorCopy);
        } catch (cause) {
          const error = toError(cause);
          setPaymentId(null);
          setSubmitError(error);
          return { status: 'failed', error };
        } finally {
          setSubmitting(false);
        }
      });
    },
    [queryClient, locale, errorCopy, toError, flight, action, setPaymentId, setSubmitError],
  );

  return { isSubmitting, submit };
}
