'use client';
// useCardPaymentPage: open DOKU's hosted card page for an order and learn its result from the BFF.
import {
  type CardPageTheme,
  type CardPaymentType,
  type CreateCardPaymentRequest,
  type KkiError,
  type KkiLocale,
  type OrderView,
  type PaymentActionResult,
  type PaymentView,
  readCardReturnMessage,
} from '@kki-kit/contract';
import type { KkiPaymentPhase } from '@kki-kit/client';
import { useCallback, useEffect } from 'react';
import { useLatest } from '../internal/useLatest.js';
import { useOrder } from '../internal/useOrder.js';
import { type KkiPaymentCallbacks, usePaymentFlow } from '../internal/usePaymentFlow.js';
import { useKkiContext } from '../provider/context.js';

/** An installment plan the customer picked: acquirer and number of months. */
export interface KkiInstallmentChoice {
  readonly acquirer: NonNullable<CreateCardPaymentRequest['installment']>['acquirer'];
  readonly tenor: number;
}

/** What the page is opened with; everything but `orderId` narrows what the order already allows. */
export interface KkiCardPageRequest {
  readonly paymentType?: CardPaymentType;
  readonly installment?: KkiInstallmentChoice;
  readonly allowedBins?: readonly string[];
  readonly allowedTenors?: readonly number[];
  readonly saveCard?: boolean;
  /** Language of DOKU's page; defaults to the provider's locale. */
  readonly language?: KkiLocale;
  readonly theme?: CardPageTheme;
}

// What the frame shows (a KKI payment remembered for the order is KkiPayButton's).
const CARD_ONLY = ['card'] as const;

/** Options of {@link useCardPaymentPage}. */
export interface UseCardPaymentPageOptions extends KkiPaymentCallbacks {
  /** The order to pay, created by the merchant's server. */
  readonly orderId: string;
}

/** What {@link useCardPaymentPage} returns. */
export interface UseCardPaymentPageResult {
  readonly phase: KkiPaymentPhase;
  readonly order: OrderView | undefined;
  readonly orderError: KkiError | null;
  readonly payment: PaymentView | null;
  readonly result: PaymentActionResult | null;
  readonly error: KkiError | null;
  /** DOKU's page to show in the frame, while the customer is on it. */
  readonly pageUrl: string | null;
  /** Opens the page. A call while one is in flight returns that call's promise. */
  readonly open: (request?: KkiCardPageRequest) => Promise<PaymentActionResult>;
  /** Asks the BFF for the result now (the BFF confirms it with DOKU). */
  readonly refresh: () => Promise<PaymentView | null>;
  /**
   * Opens the page again after the request got no answer (phase `unconfirmed`), with the same
   * idempotency key: the answer is that attempt's page or result, never a second payment. In any
   * other phase it sends nothing and resolves to the current result (`null` before any).
   */
  readonly retry: () => Promise<PaymentActionResult | null>;
  readonly reset: () => void;
}

/**
 * Headless DOKU card page. The result is always read from the BFF: the return page's `postMessage`
 * (checked for the BFF's origin and shape) only triggers that read, and polling backs it up.
 */
export function useCardPaymentPage(options: UseCardPaymentPageOptions): UseCardPaymentPageResult {
  const ctx = useKkiContext('useCardPaymentPage');
  const { client, locale } = ctx;
  const { orderId } = options;
  const callbacks = useLatest<KkiPaymentCallbacks>(options);
  const { order, orderError } = useOrder(ctx, orderId);
  // The order's open card page attempt (another tab, a reload before its answer was kept) is
  // followed, as KkiPayButton does: opening a new page would replace one the customer may still pay
  // on. Another method's is for its own component, and opening the page is then refused with the
  // BFF's order_payment_open (which says so).
  const flow = usePaymentFlow(ctx, orderId, callbacks, undefined, order, CARD_ONLY);
  const { refresh, start } = flow;
  const paymentId = flow.payment?.id ?? null;

  // The BFF's return page tells us the customer is back; we then ask the BFF, never trusting the message.
  useEffect(() => {
    if (paymentId === null || typeof window === 'undefined') return;
    const bffOrigin = new URL(client.baseUrl || '/', window.location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== bffOrigin) return;
      if (readCardReturnMessage(event.data)?.paymentId !== paymentId) return;
      void refresh();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [paymentId, client.baseUrl, refresh]);

  const open = useCallback(
    ({ language = locale, ...rest }: KkiCardPageRequest = {}): Promise<PaymentActionResult> =>
      // Sent as JSON, which leaves out what is undefined: the BFF gets only what was chosen. The
      // body is only read, so the readonly lists go as they are.
      start({ method: 'card', request: { language, ...rest } as Omit<CreateCardPaymentRequest, 'orderId'> }),
    [start, locale],
  );

  const { result } = flow;
  return {
    phase: flow.phase,
    order,
    orderError,
    payment: flow.payment,
    result,
    error: result?.status === 'failed' ? result.error : null,
    pageUrl:
      result?.status === 'requires_action' && result.nextAction.type === 'card_page'
        ? result.nextAction.url
        : null,
    open,
    refresh,
    retry: flow.retry,
    reset: flow.reset,
  };
}
