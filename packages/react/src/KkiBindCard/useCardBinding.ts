'use client';
// useCardBinding: register a KKI card (CPAN + holder), then the OTP on DOKU's page or in the component.
import {
  createActionRunner,
  createSingleFlight,
  fingerprint,
  isExpired,
  localizeError,
} from '@kki-kit/client';
import {
  type BindingActionResult,
  type BindingNextAction,
  type BindingView,
  bindingActionResult,
  type CreateBindingRequest,
  createLocalKkiError,
  type KkiError,
} from '@kki-kit/contract';
import { useCallback, useMemo, useState } from 'react';
import { bindingKey, savedCardsKey } from '../internal/query-keys.js';
import { useExpiryTimer } from '../internal/useExpiryTimer.js';
import { useLatest } from '../internal/useLatest.js';
import { useOncePerOutcome } from '../internal/useOncePerOutcome.js';
import { usePolledQuery } from '../internal/usePolledQuery.js';
import { useKkiContext } from '../provider/context.js';

/** What the customer registers: CPAN, optional expiry, holder details and the OTP mode. */
export type KkiBindingInput = CreateBindingRequest;

/** A binding step the customer has to take: DOKU's OTP page, or the OTP typed in the component. */
export type KkiBindingAction = Exclude<BindingNextAction, { type: 'none' }>;

/** Where a binding flow stands. */
export type KkiBindingPhase =
  | 'idle'
  | 'submitting'
  | 'otp_input'
  | 'otp_redirect'
  | 'verifying'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'expired';

/** Callbacks of {@link useCardBinding}; the latest ones are always called. */
export interface UseCardBindingOptions {
  /** The card is saved (binding `active`). */
  readonly onSuccess?: (binding: BindingView) => void;
  /** The binding failed or expired. */
  readonly onError?: (error: KkiError, binding: BindingView | null) => void;
  /** The customer has to enter an OTP (here or on DOKU's page). */
  readonly onRequiresAction?: (action: KkiBindingAction, binding: BindingView) => void;
  /** A binding to pick up (e.g. after DOKU's OTP page redirected back). */
  readonly resumeBindingId?: string;
}

/** What {@link useCardBinding} returns. */
export interface UseCardBindingResult {
  readonly phase: KkiBindingPhase;
  readonly binding: BindingView | null;
  readonly result: BindingActionResult | null;
  readonly error: KkiError | null;
  readonly nextAction: KkiBindingAction | null;
  /** The last OTP refusal (wrong or expired code) while the binding still waits for one. */
  readonly otpError: KkiError | null;
  /** Starts a binding. A call while one is in flight returns that call's promise. */
  readonly bind: (input: KkiBindingInput) => Promise<BindingActionResult>;
  /** Sends the SMS OTP (`otp` mode). A call while one is in flight returns that call's promise. */
  readonly verifyOtp: (otp: string) => Promise<BindingActionResult>;
  /** Forgets the current attempt. */
  readonly reset: () => void;
}

const isOpenBinding = (b: BindingView) => b.status === 'pending';

/**
 * Headless card binding. Polls the binding while DOKU's OTP page is open, checks once more at its
 * deadline, and refreshes the saved-cards list once the card is active.
 */
export function useCardBinding(options: UseCardBindingOptions = {}): UseCardBindingResult {
  const ctx = useKkiContext('useCardBinding');
  const { client, queryClient, locale, errorCopy, toError } = ctx;
  const callbacks = useLatest(options);
  const [bindingId, setBindingId] = useState<string | null>(options.resumeBindingId ?? null);
  const [submitError, setSubmitError] = useState<KkiError | null>(null);
  const [otpError, setOtpError] = useState<KkiError | null>(null);
  const [busy, setBusy] = useState<'submitting' | 'verifying' | null>(null);
  const [expiredLocally, setExpiredLocally] = useState<string | null>(null);
  // One call in flight across bind and verify; each keeps its attempt's key while the outcome is unknown.
  const [flight] = useState(() => createSingleFlight<BindingActionResult>());
  const [bindAction] = useState(() => createActionRunner<BindingView>());
  const [otpAction] = useState(() => createActionRunner<BindingView>());

  // Whether a binding being picked up may still be there after a read: no failure yet, or one for
  // now (429; 5xx, as a read with no answer reads too). A definite refusal (not found, a bad id, no
  // session) shows the form.
  const mayStillExist = (error: unknown) => {
    if (error === null) return true;
    const status = toError(error).httpStatus;
    return status === 429 || status >= 500;
  };
  const query = usePolledQuery<BindingView>(ctx, {
    queryKey: bindingKey(bindingId ?? ''),
    queryFn: (signal) =>
      client.request('getBinding', { params: { bindingId: bindingId ?? '' }, signal, locale }),
    enabled: bindingId !== null,
    // Typing an OTP here needs no polling: the answer to verify-OTP moves the binding on.
    isSettled: (b) => !isOpenBinding(b) || b.nextAction.type === 'otp_input',
    expiresAt: (b) => (b.nextAction.type === 'none' ? null : b.nextAction.expiresAt),
    // A binding being picked up is read again after any failure but not found (no answer, the session
    // or the BFF refusing for now): it may well be active, and the form would start a second one.
    readAgain: mayStillExist,
  });
  const binding = bindingId === null ? null : (query.data ?? null);
  const deadline =
    binding !== null && binding.nextAction.type !== 'none' ? binding.nextAction.expiresAt : null;
  const refetch = query.refetch;
  useExpiryTimer(binding !== null && isOpenBinding(binding) ? deadline : null, () => {
    void refetch().then((r) => {
      const b = r.data;
      if (b !== undefined && isOpenBinding(b) && isExpired(deadline, Date.now())) setExpiredLocally(b.id);
    });
  });

  const result = useMemo<BindingActionResult | null>(() => {
    if (submitError !== null) return { status: 'failed', error: submitError };
    if (binding === null) return null;
    if (expiredLocally === binding.id && isOpenBinding(binding)) {
      return {
        status: 'failed',
        error: createLocalKkiError('otp_expired', { locale, ...(errorCopy && { overrides: errorCopy }) }),
        value: binding,
      };
    }
    const r = bindingActionResult(binding, locale);
    return r.status === 'failed' ? { ...r, error: localizeError(r.error, locale, errorCopy) } : r;
  }, [submitError, binding, expiredLocally, locale, errorCopy]);

  let phase: KkiBindingPhase;
  if (busy !== null) phase = busy;
  // A binding being picked up (back from DOKU's page) is waited for until it is read, also across
  // reads that failed for now: the form would start a second one. A definite refusal shows the form.
  else if (result === null) phase = bindingId !== null && mayStillExist(query.error) ? 'pending' : 'idle';
  else if (result.status === 'failed')
    phase =
      result.value?.status === 'expired' ||
      expiredLocally === result.value?.id ||
      result.error.code === 'otp_expired'
        ? 'expired'
        : 'failed';
  else if (result.status === 'requires_action') phase = result.nextAction.type;
  else phase = result.status;

  // Fire callbacks once per change; a new active card refreshes the saved-cards list.
  useOncePerOutcome(result, (r) => {
    const cb = callbacks.current;
    if (r.status === 'succeeded') {
      void queryClient.invalidateQueries({ queryKey: savedCardsKey() });
      cb.onSuccess?.(r.value);
    } else if (r.status === 'requires_action') cb.onRequiresAction?.(r.nextAction, r.value);
    else if (r.status === 'failed') cb.onError?.(r.error, r.value ?? null);
  });

  const accept = useCallback(
    (view: BindingView): BindingActionResult => {
      queryClient.setQueryData(bindingKey(view.id), view);
      setBindingId(view.id);
      const r = bindingActionResult(view, locale);
      return r.status === 'failed' ? { ...r, error: localizeError(r.error, locale, errorCopy) } : r;
    },
    [queryClient, locale, errorCopy],
  );

  const bind = useCallback(
    (input: KkiBindingInput) =>
      flight.run(async () => {
        setBusy('submitting');
        setSubmitError(null);
        setOtpError(null);
        try {
          const view = await bindAction.run(fingerprint(input), (idempotencyKey) =>
            client.request('createBinding', { body: input, idempotencyKey, locale }),
          );
          return accept(view);
        } catch (cause) {
          const error = toError(cause);
          setBindingId(null);
          setSubmitError(error);
          return { status: 'failed', error };
        } finally {
          setBusy(null);
        }
      }),
    [flight, client, locale, toError, accept, bindAction],
  );

  const verifyOtp = useCallback(
    (otp: string) =>
      flight.run(async () => {
        if (bindingId === null) {
          return { status: 'failed', error: createLocalKkiError('otp_not_requested', { locale }) };
        }
        setBusy('verifying');
        setOtpError(null);
        const body = { otp };
        try {
          const view = await otpAction.run(fingerprint({ bindingId, body }), (idempotencyKey) =>
            client.request('verifyBindingOtp', { params: { bindingId }, body, idempotencyKey, locale }),
          );
          return accept(view);
        } catch (cause) {
          const error = toError(cause);
          // A wrong code leaves the binding waiting (with fewer attempts): show it on the OTP field.
          setOtpError(error);
          void refetch();
          return { status: 'failed', error };
        } finally {
          setBusy(null);
        }
      }),
    [flight, bindingId, client, locale, toError, accept, otpAction, refetch],
  );

  const reset = useCallback(() => {
    setBindingId(null);
    setSubmitError(null);
    setOtpError(null);
    setExpiredLocally(null);
  }, []);

  return {
    phase,
    binding,
    result,
    error: result?.status === 'failed' ? result.error : null,
    nextAction: result?.status === 'requires_action' ? result.nextAction : null,
    otpError,
    bind,
    verifyOtp,
    reset,
  };
}
