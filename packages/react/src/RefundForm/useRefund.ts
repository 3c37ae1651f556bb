'use client';
// useRefund: refund a payment in full or in part (merchant staff) and follow its refunds.
import {
  createActionRunner,
  createSingleFlight,
  fingerprint,
  isOutcomeUnknown,
  localizeError,
  resendFailure,
} from '@kki-kit/client';
import {
  type CreateRefundRequest,
  createLocalKkiError,
  type KkiActionResult,
  type KkiError,
  type ListRefundsResponse,
  type RefundView,
} from '@kki-kit/contract';
import { useCallback, useRef, useState } from 'react';
import { paymentKey, refundsKey } from '../internal/query-keys.js';
import { useLatest } from '../internal/useLatest.js';
import { useOncePerOutcome } from '../internal/useOncePerOutcome.js';
import { usePolledQuery } from '../internal/usePolledQuery.js';
import { useKkiContext } from '../provider/context.js';

/** A refund's outcome: `succeeded`, `pending` (DOKU still working) or `failed`. */
export type RefundResult = Exclude<KkiActionResult<RefundView>, { readonly status: 'requires_action' }>;

/** What staff ask for: an amount (omit for everything left) and a reason. */
export interface KkiRefundRequest {
  readonly amount?: number;
  readonly reason?: string;
}

/** Options of {@link useRefund}. */
export interface UseRefundOptions {
  /** The payment to refund. */
  readonly paymentId: string;
  /** The payment's amount in whole rupiah: what is left is this minus refunds not failed. */
  readonly amount: number;
  readonly onSuccess?: (refund: RefundView) => void;
  readonly onPending?: (refund: RefundView) => void;
  readonly onError?: (error: KkiError, refund: RefundView | null) => void;
}

/** What {@link useRefund} returns. */
export interface UseRefundResult {
  /** Every refund of the payment, oldest first (`undefined` while loading). */
  readonly refunds: readonly RefundView[] | undefined;
  readonly isLoading: boolean;
  readonly loadError: KkiError | null;
  /** What can still be refunded (pending refunds count as taken). */
  readonly remaining: number;
  /** The refund this form created last, as it stands now. */
  readonly latest: RefundView | null;
  /** The result of the last request (`null` before the first). */
  readonly result: RefundResult | null;
  readonly isSubmitting: boolean;
  /**
   * The last request got no answer (network, timeout): the BFF may have made the refund. The next
   * `refund` call sends that request again, with its key, whatever it is given: the BFF answers for
   * the first, never a second refund.
   */
  readonly unconfirmed: boolean;
  /** Requests a refund. A call while one is in flight returns that call's promise. */
  readonly refund: (request: KkiRefundRequest) => Promise<RefundResult>;
  readonly reset: () => void;
}

const resultOf = (
  refund: RefundView,
  toLocal: (e: KkiError) => KkiError,
  fallback: () => KkiError,
): RefundResult =>
  refund.status === 'failed'
    ? { status: 'failed', error: refund.error === null ? fallback() : toLocal(refund.error), value: refund }
    : { status: refund.status, value: refund };

/** Headless refunds: list (polled while one is pending), what is left, and a new refund request. */
export function useRefund(options: UseRefundOptions): UseRefundResult {
  const ctx = useKkiContext('useRefund');
  const { client, queryClient, locale, errorCopy, toError } = ctx;
  const { paymentId, amount } = options;
  const callbacks = useLatest(options);
  const [action] = useState(() => createActionRunner<RefundView>());
  const [flight] = useState(() => createSingleFlight<RefundResult>());
  const [latestId, setLatestId] = useState<string | null>(null);
  // A request whose outcome is unknown (its answer lost): sent again as it was, with its key, until
  // the BFF answers it; an edited amount or reason would otherwise be a second refund.
  const unsettled = useRef<{ paymentId: string; body: CreateRefundRequest } | null>(null);
  const [submitError, setSubmitError] = useState<KkiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const key = refundsKey(paymentId);
  // Another payment: nothing of the previous one's last refund (its result, its unsettled request).
  const [shownFor, setShownFor] = useState(paymentId);
  if (shownFor !== paymentId) {
    setShownFor(paymentId);
    setLatestId(null);
    setSubmitError(null);
    unsettled.current = null;
  }

  const query = usePolledQuery<ListRefundsResponse>(ctx, {
    queryKey: key,
    queryFn: (signal) => client.request('listRefunds', { params: { paymentId }, signal, locale }),
    enabled: true,
    isSettled: (list) => list.refunds.every((r) => r.status !== 'pending'),
  });
  const refunds = query.data?.refunds;
  const taken = (refunds ?? []).reduce((sum, r) => (r.status === 'failed' ? sum : sum + r.amount), 0);
  const remaining = Math.max(0, amount - taken);
  const latest = latestId === null ? null : (refunds?.find((r) => r.id === latestId) ?? null);

  const toLocal = useCallback((e: KkiError) => localizeError(e, locale, errorCopy), [locale, errorCopy]);
  const fallback = useCallback(
    () => createLocalKkiError('refund_failed', { locale, ...(errorCopy && { overrides: errorCopy }) }),
    [locale, errorCopy],
  );
  // The last request's failure left it unsettled (no answer): it is kept until the BFF answers it.
  const unconfirmed = submitError !== null && unsettled.current !== null;
  const result: RefundResult | null =
    submitError !== null
      ? { status: 'failed', error: submitError }
      : latest && resultOf(latest, toLocal, fallback);

  // Callbacks once per (refund, status) change: the core's rule; none while the request is
  // unconfirmed (its resend's answer fires them).
  useOncePerOutcome(unconfirmed ? null : result, (r) => {
    const cb = callbacks.current;
    if (r.status === 'succeeded') cb.onSuccess?.(r.value);
    else if (r.status === 'pending') cb.onPending?.(r.value);
    else cb.onError?.(r.error, r.value ?? null);
  });

  const refund = useCallback(
    (request: KkiRefundRequest): Promise<RefundResult> => {
      return flight.run(async (): Promise<RefundResult> => {
        setSubmitting(true);
        setSubmitError(null);
        const asked: CreateRefundRequest = {
          ...(request.amount !== undefined && { amount: request.amount }),
          ...(request.reason !== undefined &&
            request.reason.trim() !== '' && { reason: request.reason.trim() }),
        };
        const kept = unsettled.current?.paymentId === paymentId ? unsettled.current : null;
        const body = kept?.body ?? asked;
        try {
          const view = await action.run(fingerprint({ paymentId, body }), (idempotencyKey) =>
            client
              .request('createRefund', { params: { paymentId }, body, idempotencyKey, locale })
              // A resend refused for who sent it (a session that ended) leaves the first send's
              // outcome unknown: its key is kept, never a second refund under a new one.
              .catch((cause: unknown) => {
                throw kept ? resendFailure(cause) : cause;
              }),
          );
          queryClient.setQueryData<ListRefundsResponse>(key, (list) => ({
            refunds: [...(list?.refunds ?? []).filter((r) => r.id !== view.id), view],
          }));
          unsettled.current = null;
          setLatestId(view.id);
          void queryClient.invalidateQueries({ queryKey: paymentKey(paymentId) });
          return resultOf(view, toLocal, fallback);
        } catch (cause) {
          const error = toError(cause);
          unsettled.current = isOutcomeUnknown(cause) ? { paymentId, body } : null;
          setSubmitError(error);
          // Someone else may have refunded meanwhile: read the list again.
          void query.refetch();
          return { status: 'failed', error };
        } finally {
          setSubmitting(false);
        }
      });
    },
    [paymentId, flight, action, client, locale, queryClient, key, toLocal, fallback, toError, query.refetch],
  );

  const reset = useCallback(() => {
    setLatestId(null);
    setSubmitError(null);
  }, []);

  return {
    refunds,
    isLoading: query.isPending,
    loadError: query.error === null || query.data !== undefined ? null : toError(query.error),
    remaining,
    latest,
    result,
    isSubmitting,
    unconfirmed,
    refund,
    reset,
  };
}
