// The payment flow without a framework: start a payment (KKI with a card, DOKU's card page), follow
// it (polling with backoff, a last check at its deadline, a check when the page is shown again), resume
// after a redirect, cancel. Every UI layer drives this one machine.
import {
  type CreateCardPaymentRequest,
  type CreateCheckoutPaymentRequest,
  type CreateKkiPaymentRequest,
  DEFAULT_LOCALE,
  type KkiCopyOverrides,
  type KkiError,
  type KkiLocale,
  type PaymentActionResult,
  type PaymentView,
} from '@kki-kit/contract';
import { createAction, isOutcomeUnknown, OutcomeGate } from './action.js';
import { DEFAULT_POLLING, isExpired, type KkiPollingOptions, nextPoll, pollDelay } from './backoff.js';
import type { KkiClient } from './bff-client.js';
import { requestErrorToKki } from './localize.js';
import { type PendingPaymentStore, sessionPendingPayments } from './pending-payment.js';
import {
  firePaymentCallbacks,
  type KkiPaymentCallbacks,
  localizedPaymentResult,
  paymentOutcome,
  paymentOutcomeKey,
} from './payment-outcome.js';
import { isOpenPayment, type KkiPaymentPhase, paymentPhase } from './payment-phase.js';
import { onPageShown } from './page-shown.js';

/** What pays: a card typed now (CPAN + OTT, `saveCard` to keep it) or a saved card's id. */
export type KkiPaymentSource = CreateKkiPaymentRequest['source'];

/**
 * How a payment starts: KKI with a card typed now or saved (`kki`, host-to-host: PCI DSS merchants
 * only), DOKU's hosted card page (`card`), or DOKU Checkout's page (`checkout`: KKI or a card typed on
 * DOKU's side; the answer's next action is `checkout_page`).
 */
export type KkiPaymentStart =
  | { readonly method: 'kki'; readonly source: KkiPaymentSource }
  | { readonly method: 'card'; readonly request: Omit<CreateCardPaymentRequest, 'orderId'> }
  | { readonly method: 'checkout'; readonly request: Omit<CreateCheckoutPaymentRequest, 'orderId'> };

/**
 * Where "the customer is looking again" comes from: called with the check to run, returns the function
 * that stops it (e.g. a UI library's own focus manager).
 */
export type KkiFocusSource = (check: () => void) => () => void;

/** Options of {@link createPaymentFlow}; the callbacks fire once per outcome. */
export interface KkiPaymentFlowOptions extends KkiPaymentCallbacks {
  readonly client: KkiClient;
  /** The order to pay, created by the merchant's server (the amount comes from it). */
  readonly orderId: string;
  /** Language of error copy (default `id`). */
  readonly locale?: KkiLocale;
  /** Replacements for the catalogue's error copy. */
  readonly errorCopy?: KkiCopyOverrides;
  readonly polling?: Partial<KkiPollingOptions>;
  /** A payment to pick up (e.g. after DOKU's page sent the customer back); default: the remembered one. */
  readonly resumePaymentId?: string;
  /** Where the open payment's id is remembered (default: sessionStorage; `null`: nowhere). */
  readonly storage?: PendingPaymentStore | null;
  /**
   * The methods this flow shows (default: all): a payment picked up (remembered, resumed) of another
   * method is left alone, for the component that shows it; starting is then refused by the BFF with
   * `order_payment_open`, which says why.
   */
  readonly methods?: readonly PaymentView['method'][];
  /**
   * Check an open payment when the page is shown or focused again (default `true`: the page's own
   * visibility and focus events; a function: that source instead, e.g. TanStack Query's focusManager).
   */
  readonly refreshOnFocus?: boolean | KkiFocusSource;
}

/** Where a payment flow stands. */
export interface KkiPaymentFlowState {
  readonly phase: KkiPaymentPhase;
  /** The current payment, as the BFF last reported it. */
  readonly payment: PaymentView | null;
  /** The typed result of the current attempt (`null` before the first). */
  readonly result: PaymentActionResult | null;
  readonly isSubmitting: boolean;
}

/** A payment flow; see {@link createPaymentFlow}. */
export interface KkiPaymentFlow {
  getState(): KkiPaymentFlowState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (state: KkiPaymentFlowState) => void): () => void;
  /** Pays the order with KKI: `start({ method: 'kki', source })`. */
  pay(source: KkiPaymentSource): Promise<PaymentActionResult>;
  /**
   * Starts a payment of the order. Resolves to the first answer (often `requires_action`); the flow
   * then follows the payment. A call while one is in flight returns that call's promise.
   */
  start(start: KkiPaymentStart): Promise<PaymentActionResult>;
  /**
   * Sends the last start again after it got no answer (phase `unconfirmed`), with the same
   * idempotency key: the BFF answers for that attempt (finished, still running, or never received),
   * so the customer learns its result and is never charged twice. In any other phase it sends
   * nothing and resolves to the current result (`null` before any).
   */
  retry(): Promise<PaymentActionResult | null>;
  /** Changes the language and copy of results (e.g. the customer switched language). */
  configure(update: { readonly locale: KkiLocale; readonly errorCopy?: KkiCopyOverrides | undefined }): void;
  /** Cancels the current payment while the customer has not confirmed it. */
  cancel(): Promise<PaymentActionResult | null>;
  /** Asks the BFF for the payment now. */
  refresh(): Promise<PaymentView | null>;
  /**
   * Follows `paymentId` (the order's attempt in progress, `OrderView.openPaymentId`, e.g. started
   * in another tab or on another device) when the flow follows none and is not starting one: the
   * customer sees that attempt instead of a form that would make a second. With its `method`
   * (`OrderView.openPaymentMethod`), an attempt this flow does not show is left alone.
   */
  resume(paymentId: string, method?: PaymentView['method'] | null): void;
  /** Forgets the current attempt. */
  reset(): void;
  /** Stops polling and listening; the flow does nothing afterwards. */
  dispose(): void;
}

/**
 * Creates a payment flow for one order. It resumes the payment given in `resumePaymentId`, or the
 * open one remembered for the order, at once.
 */
export function createPaymentFlow(options: KkiPaymentFlowOptions): KkiPaymentFlow {
  let wording = { locale: options.locale ?? DEFAULT_LOCALE, errorCopy: options.errorCopy };
  const flow = createPaymentFlowWith(options, (cause) =>
    requestErrorToKki(cause, wording.locale, wording.errorCopy),
  );
  return {
    ...flow,
    configure(update) {
      wording = { locale: update.locale, errorCopy: update.errorCopy };
      flow.configure(update);
    },
  };
}

/**
 * {@link createPaymentFlow} with the caller's wording of failed calls (a UI layer that words them
 * itself, e.g. with its own "check your connection" copy), so the default wording is not bundled.
 */
export function createPaymentFlowWith(
  options: KkiPaymentFlowOptions,
  toError: (cause: unknown) => KkiError,
): KkiPaymentFlow {
  const focus = options.refreshOnFocus ?? true;
  return createPaymentFlowCore({ ...options, refreshOnFocus: focus === true ? onPageShown : focus }, toError);
}

/** Options of {@link createPaymentFlowCore}: "the customer is looking again" comes from the caller. */
export interface KkiPaymentFlowCoreOptions extends Omit<KkiPaymentFlowOptions, 'refreshOnFocus'> {
  /** Where "the customer is looking again" comes from (e.g. TanStack Query's focusManager), or `false`. */
  readonly refreshOnFocus: KkiFocusSource | false;
}

/**
 * {@link createPaymentFlowWith} for a UI layer with its own focus source (React's adapter passes
 * TanStack Query's focusManager): the page's own visibility listener is then not bundled.
 */
export function createPaymentFlowCore(
  options: KkiPaymentFlowCoreOptions,
  toError: (cause: unknown) => KkiError,
): KkiPaymentFlow {
  const { client, orderId } = options;
  // Whether this flow shows payments of `method` (the start's own, when no methods are given).
  const shows = (method: PaymentView['method'] | undefined, started?: KkiPaymentStart['method']) =>
    method !== undefined && (options.methods ?? [started ?? method]).includes(method);
  let { errorCopy } = options;
  let locale = options.locale ?? DEFAULT_LOCALE;
  const polling: KkiPollingOptions = { ...DEFAULT_POLLING, ...options.polling };
  const storage = options.storage === undefined ? sessionPendingPayments : options.storage;
  const listeners = new Set<(state: KkiPaymentFlowState) => void>();
  const gate = new OutcomeGate();
  let paymentId: string | null = null;
  let payment: PaymentView | null = null;
  let submitError: KkiError | null = null;
  // The start whose answer was lost (the BFF may have acted on it): what `retry` sends again.
  let unanswered: KkiPaymentStart | null = null;
  let expiredId: string | null = null;
  let polls = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let reading: AbortController | null = null;
  let submitting: Promise<PaymentActionResult> | null = null;
  let disposed = false;

  const payAction = createAction<KkiPaymentStart, PaymentView>({
    send: (start, idempotencyKey) => {
      if (start.method === 'kki') {
        const body: CreateKkiPaymentRequest = { orderId, source: start.source };
        return client.request('createKkiPayment', { body, idempotencyKey, locale });
      }
      if (start.method === 'checkout') {
        const body: CreateCheckoutPaymentRequest = { ...start.request, orderId };
        return client.request('createCheckoutPayment', { body, idempotencyKey, locale });
      }
      const body: CreateCardPaymentRequest = { ...start.request, orderId };
      return client.request('createCardPayment', { body, idempotencyKey, locale });
    },
  });
  const cancelAction = createAction<string, PaymentView>({
    send: (id, idempotencyKey) =>
      client.request('cancelPayment', { params: { paymentId: id }, idempotencyKey, locale }),
  });

  const compute = (): KkiPaymentFlowState => {
    const result = paymentOutcome({ submitError, payment, expiredId, locale, errorCopy });
    const isSubmitting = submitting !== null;
    // A payment being picked up (a reload, back from the bank's app) is waited on until read, also
    // across reads without an answer: a form shown meanwhile would only read it again.
    const phase = isSubmitting
      ? 'submitting'
      : unanswered && submitError
        ? 'unconfirmed'
        : result === null && paymentId !== null
          ? 'pending'
          : paymentPhase(result);
    return { phase, payment, result, isSubmitting };
  };
  let state = compute();

  function emit(): void {
    if (disposed) return;
    state = compute();
    const { result } = state;
    if (result === null) gate.reset();
    // Nothing fires while unconfirmed: the answer of the retry (or of the payment followed) does.
    else if (state.phase !== 'unconfirmed' && gate.pass(paymentOutcomeKey(result, paymentPhase(result))))
      firePaymentCallbacks(result, options);
    for (const listener of listeners) listener(state);
  }

  function clearTimers(): void {
    clearTimeout(pollTimer);
    clearTimeout(expiryTimer);
  }

  // Polls while the payment is open and before its deadline; at the deadline, one last check. Past it
  // and still open at the BFF (a confirmation made in the bank app at the last moment may still land,
  // or this device's clock runs ahead), it is asked about slowly until the BFF closes it: a late
  // success then shows, and fires onSuccess, instead of leaving the customer told it ran out.
  function schedule(): void {
    clearTimers();
    if (disposed || payment === null || !isOpenPayment(payment)) return;
    const deadline = payment.nextAction.type === 'none' ? null : payment.nextAction.expiresAt;
    const delay = nextPoll(false, deadline, polls, polling);
    if (delay !== false) {
      polls++;
      pollTimer = setTimeout(() => void read(), delay);
    } else if (expiredId === payment.id) {
      pollTimer = setTimeout(() => void read(), polling.maxIntervalMs);
    }
    if (deadline == null || expiredId === payment.id) return;
    const wait = Math.max(0, Date.parse(deadline) - Date.now());
    // setTimeout overflows above 2^31-1 ms; a deadline that far away never fires in a page's life.
    if (wait > 2_147_483_647) return;
    expiryTimer = setTimeout(() => {
      void read().then((p) => {
        if (p !== null && isOpenPayment(p) && isExpired(deadline, Date.now())) {
          expiredId = p.id;
          schedule();
          emit();
        }
      });
    }, wait);
  }

  function accept(view: PaymentView): void {
    payment = view;
    paymentId = view.id;
    if (isOpenPayment(view)) storage?.write(orderId, view.id);
    else storage?.clear(orderId);
    schedule();
    emit();
  }

  async function read(): Promise<PaymentView | null> {
    const id = paymentId;
    if (id === null || disposed) return null;
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    try {
      const view = await client.request('getPayment', {
        params: { paymentId: id },
        query: { refresh: 'true' },
        signal: controller.signal,
        locale,
      });
      // A payment of another order (e.g. a stale return address) or of a method this flow does not
      // show is not this flow's; the one this order remembers, if another, is followed instead (and
      // is not forgotten).
      if (view.orderId !== orderId || !shows(view.method)) {
        if (paymentId === id) {
          paymentId = null;
          const remembered = storage?.read(orderId);
          if (remembered && remembered !== id) follow(remembered);
          else emit();
        }
        return null;
      }
      if (paymentId === id && !disposed) accept(view);
      return view;
    } catch (cause) {
      // Not found before it was ever read (an id this customer does not have): nothing to pick up
      // (forgotten if it is the one remembered). Any other failure (no answer, DOKU or the session
      // down for now) is not the payment's end: it is read again after the poll delay, backing off,
      // also while the payment is still being picked up and past its deadline, where polling has
      // stopped (a read failing there once looped at once, without end).
      if (!controller.signal.aborted && paymentId === id) {
        if (payment === null && toError(cause).code === 'not_found') {
          paymentId = null;
          if (storage?.read(orderId) === id) storage.clear(orderId);
          emit();
        } else retryRead();
      }
      return null;
    } finally {
      if (reading === controller) reading = null;
    }
  }

  function retryRead(): void {
    clearTimeout(pollTimer);
    if (disposed) return;
    pollTimer = setTimeout(() => void read(), pollDelay(polls++, polling));
  }

  /** A payment being followed whose state is not known yet, or still open: never start another. */
  const following = () => paymentId !== null && (payment === null || isOpenPayment(payment));

  function follow(id: string): void {
    paymentId = id;
    polls = 0;
    // A payment being followed replaces an answer that was lost.
    submitError = null;
    unanswered = null;
    emit(); // picked up: waiting until read
    void read();
  }

  const checkIfOpen = () => void (following() && read());
  const focus = options.refreshOnFocus;
  const stopListening = focus ? focus(checkIfOpen) : () => {};

  function start(how: KkiPaymentStart): Promise<PaymentActionResult> {
    if (submitting !== null) return submitting;
    // A payment is being picked up (a reload, a return) or is still open: it is the answer, read
    // again, never a second payment started beside it.
    if (following()) {
      return read().then((view) =>
        view ? localizedPaymentResult(view, locale, errorCopy) : { status: 'failed', error: toError(null) },
      );
    }
    submitError = null;
    unanswered = null;
    submitting = payAction.run(how).then(
      (view) => {
        submitting = null;
        polls = 0;
        accept(view);
        return localizedPaymentResult(view, locale, errorCopy);
      },
      (cause: unknown) => {
        submitting = null;
        const error = toError(cause);
        // The order has a payment open already that this flow shows (another tab, an answer lost):
        // that one is followed. One this UI cannot show is the refusal to show.
        const open =
          error.code === 'order_payment_open' &&
          shows(error.details?.method, how.method) &&
          error.details?.paymentId;
        paymentId = null;
        payment = null;
        clearTimers();
        if (open) follow(open);
        else {
          submitError = error;
          if (isOutcomeUnknown(cause)) unanswered = how;
        }
        emit();
        return { status: 'failed', error };
      },
    );
    emit();
    return submitting;
  }

  const resumeId = options.resumePaymentId ?? storage?.read(orderId) ?? null;
  if (resumeId !== null) follow(resumeId);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pay: (source) => start({ method: 'kki', source }),
    start,
    retry: () => (unanswered ? start(unanswered) : Promise.resolve(state.result)),
    async cancel() {
      if (paymentId === null) return null;
      try {
        const view = await cancelAction.run(paymentId);
        accept(view);
        return localizedPaymentResult(view, locale, errorCopy);
      } catch (cause) {
        // The payment may have moved on meanwhile (e.g. confirmed): read it again.
        void read();
        return { status: 'failed', error: toError(cause) };
      }
    },
    refresh: read,
    resume(id, method) {
      // A payment still being picked up (its first read failed) may be resumed again.
      if (disposed || submitting !== null || (paymentId !== null && payment !== null)) return;
      if (method && !shows(method)) return;
      follow(id);
    },
    configure(update) {
      if (update.locale === locale && update.errorCopy === errorCopy) return;
      locale = update.locale;
      errorCopy = update.errorCopy;
      emit();
    },
    reset() {
      storage?.clear(orderId);
      reading?.abort();
      clearTimers();
      paymentId = null;
      payment = null;
      submitError = null;
      unanswered = null;
      expiredId = null;
      emit();
    },
    dispose() {
      disposed = true;
      reading?.abort();
      clearTimers();
      stopListening();
      listeners.clear();
    },
  };
}
