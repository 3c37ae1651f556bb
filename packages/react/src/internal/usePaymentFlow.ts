// The React adapter of @kki-kit/client's payment flow (createPaymentFlowCore): one flow per order, its state read through
// useSyncExternalStore, the caller's latest callbacks, TanStack Query's focus manager for "the customer
// is back" (e.g. from the bank's app), and each payment the flow sees written to the query cache.
import {
  createPaymentFlowCore,
  type KkiPaymentCallbacks,
  type KkiPaymentFlow,
  type KkiPaymentFlowOptions,
  type KkiPaymentFlowState,
  type KkiPaymentStart,
} from '@kki-kit/client';
import type { OrderView, PaymentActionResult, PaymentView } from '@kki-kit/contract';
import { focusManager } from '@tanstack/react-query';
import { type RefObject, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { KkiContextValue } from '../provider/context.js';
import { paymentKey } from './query-keys.js';
import { useLatest } from './useLatest.js';

export type { KkiPaymentAction, KkiPaymentCallbacks } from '@kki-kit/client';

const IDLE: KkiPaymentFlowState = { phase: 'idle', payment: null, result: null, isSubmitting: false };
const noop = () => {};

/** What {@link usePaymentFlow} gives its hook. */
export interface PaymentFlowHandle extends KkiPaymentFlowState {
  readonly start: (start: KkiPaymentStart) => Promise<PaymentActionResult>;
  readonly cancel: () => Promise<PaymentActionResult | null>;
  /** Sends an unanswered start again with its idempotency key (phase `unconfirmed`). */
  readonly retry: () => Promise<PaymentActionResult | null>;
  /** Asks the BFF for the payment now (it checks DOKU when the payment has waited long enough). */
  readonly refresh: () => Promise<PaymentView | null>;
  readonly reset: () => void;
}

/**
 * Drives one `createPaymentFlow` for `orderId` while mounted (created in an effect: nothing runs on
 * the server, and StrictMode's second mount gets a fresh flow that resumes from storage). `resume`
 * is the payment to pick up, or a function that names it once mounted (e.g. from the address the
 * shopper came back to); without one the flow resumes what it remembered. The `order`'s attempt in
 * progress is picked up too. `methods` are the ones the component shows: another method's payment is
 * left to its own component.
 */
export function usePaymentFlow(
  ctx: KkiContextValue,
  orderId: string,
  callbacks: RefObject<KkiPaymentCallbacks>,
  resume?: string | (() => string | null),
  order?: Pick<OrderView, 'openPaymentId' | 'openPaymentMethod'>,
  methods?: KkiPaymentFlowOptions['methods'],
): PaymentFlowHandle {
  const { client, queryClient, locale, errorCopy } = ctx;
  const openPaymentId = order?.openPaymentId;
  const openPaymentMethod = order?.openPaymentMethod;
  const latest = useLatest(ctx);
  const [flow, setFlow] = useState<KkiPaymentFlow | null>(null);

  useEffect(() => {
    const { polling } = latest.current;
    // Given or found (the flow drops another order's), else remembered.
    const resumeId = (typeof resume === 'function' ? resume() : resume) ?? undefined;
    // The provider words failed calls (its network copy, the merchant's errorCopy).
    const created = createPaymentFlowCore(
      {
        client,
        orderId,
        ...(resumeId !== undefined && { resumePaymentId: resumeId }),
        locale: latest.current.locale,
        ...(methods && { methods }),
        ...(latest.current.errorCopy !== undefined && { errorCopy: latest.current.errorCopy }),
        polling,
        // TanStack Query's focus manager: the same "page shown again" signal its queries refetch on.
        refreshOnFocus: (check) =>
          focusManager.subscribe((focused) => {
            if (focused) check();
          }),
        onSuccess: (p) => callbacks.current.onSuccess?.(p),
        onError: (e, p) => callbacks.current.onError?.(e, p),
        onPending: (p) => callbacks.current.onPending?.(p),
        onRequiresAction: (a, p) => callbacks.current.onRequiresAction?.(a, p),
        onCancel: (p) => callbacks.current.onCancel?.(p),
        onExpire: (p) => callbacks.current.onExpire?.(p),
      },
      (cause) => latest.current.toError(cause),
    );
    const stopCaching = created.subscribe(({ payment }) => {
      if (payment !== null) queryClient.setQueryData(paymentKey(payment.id), payment);
    });
    setFlow(created);
    return () => {
      stopCaching();
      created.dispose();
    };
  }, [client, queryClient, orderId, resume, callbacks, latest, methods]);

  useEffect(() => flow?.configure({ locale, errorCopy }), [flow, locale, errorCopy]);
  // The server knows the order's attempt in progress: a new tab or device picks it up.
  useEffect(() => {
    if (openPaymentId) flow?.resume(openPaymentId, openPaymentMethod);
  }, [flow, openPaymentId, openPaymentMethod]);

  const subscribe = useCallback((onChange: () => void) => flow?.subscribe(onChange) ?? noop, [flow]);
  const getState = useCallback(() => flow?.getState() ?? IDLE, [flow]);
  const state = useSyncExternalStore(subscribe, getState, () => IDLE);

  // Stable while the flow is: callers list them as effect and callback dependencies.
  const actions = useMemo(() => {
    const mounted = (): KkiPaymentFlow => {
      if (flow === null)
        throw new Error('@kki-kit/react: a payment cannot start before the component mounts.');
      return flow;
    };
    return {
      start: (how: KkiPaymentStart) => mounted().start(how),
      retry: () => mounted().retry(),
      cancel: async () => (flow === null ? null : flow.cancel()),
      refresh: async () => (flow === null ? null : flow.refresh()),
      reset: () => flow?.reset(),
    };
  }, [flow]);
  return { ...state, ...actions };
}
