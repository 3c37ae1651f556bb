'use client';
// KkiPayButton: pay an order with KKI (new card, pay-and-save, saved card) and every state after.
import { formatIdr } from '@kki-kit/contract';
import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import { CpanInput } from '../fields/CpanInput.js';
import { cpanProblem } from '../fields/cpan.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { StatusPanel } from '../fields/StatusPanel.js';
import { TextField } from '../fields/TextField.js';
import type { KkiPaymentAction, KkiPaymentCallbacks } from '../internal/usePaymentFlow.js';
import type { KkiCopy } from '../copy/index.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useFocusRequest } from '../internal/useFocusRequest.js';
import { useKitConfig } from '../internal/useKitConfig.js';
import { useWarnOnChange } from '../internal/useWarnOnChange.js';
import { useKkiContext } from '../provider/context.js';
import { BankWaiting } from './BankWaiting.js';
import { CheckoutStart, CheckoutWaiting } from './checkout/CheckoutPanels.js';
import { type KkiCheckoutMode, useCheckoutOpener } from './checkout/useCheckoutOpener.js';
import { SavedCardChoice, useSavedCardsIf } from './SavedCardChoice.js';
import { type KkiPaymentSource, useKkiPayment } from './useKkiPayment.js';

export type { KkiCheckoutMode };

// Declared here rather than taken from @types/node: the kit's browser build has no Node types.
declare const process: { readonly env: { readonly NODE_ENV?: string } } | undefined;

/** Props of {@link KkiPayButton}. */
export interface KkiPayButtonProps extends KkiPaymentCallbacks {
  /** The order to pay, created by the merchant's server. */
  readonly orderId: string;
  /** Offer the customer's saved cards (loads them). Default `true`. */
  readonly showSavedCards?: boolean;
  /** Offer "save this card" for a new card (pay with binding). Default `true`. */
  readonly allowSaveCard?: boolean;
  /** A saved card to preselect (e.g. picked in `SavedCardsList`). */
  readonly savedCardId?: string;
  /** A payment to resume after DOKU's OTP page sent the customer back. */
  readonly resumePaymentId?: string;
  /**
   * On the Checkout path (the BFF decides the path), how DOKU Checkout's page is shown: a full-page
   * `redirect` (default; the payment resumes when the customer comes back), a `popup`, or an
   * `overlay` on this page.
   */
  readonly checkoutMode?: KkiCheckoutMode;
  readonly className?: string;
}

type FieldErrors = { cpan?: string; ott?: string; savedCard?: string };

// The contract's ottSchema as a plain pattern: importing the schema costs this entry 3 kB gzipped.
const OTT_PATTERN = /^[A-Za-z0-9]{1,40}$/;

/**
 * A complete KKI checkout for one order, on the path the merchant's server chose. DOKU Checkout: one
 * button that opens DOKU's page (redirect, popup or overlay), then waiting. Host-to-host (PCI DSS
 * merchants): card entry (or a saved card), the confirm-in-your-app step with the issuer's name and
 * a countdown, OTP redirect. Both end in the same panels with the catalogue's copy.
 */
export function KkiPayButton(props: KkiPayButtonProps): ReactElement {
  const ctx = useKkiContext('KkiPayButton');
  const { copy, locale } = ctx;
  const { showSavedCards = true, allowSaveCard = true } = props;
  const flow = useKkiPayment(props);
  const { config, configError } = useKitConfig(ctx);
  const checkout = config?.kki.integration === 'checkout';
  const opener = useCheckoutOpener(
    props.checkoutMode ?? 'redirect',
    ctx.client,
    flow.payment?.id ?? null,
    () => {
      void flow.refresh();
    },
  );
  // Preselects a card once: the customer's own pick must not be overridden by a later prop.
  // Development only, written out so production bundles drop it (see useWarnOnChange).
  if (typeof process === 'object' && process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: the build fixes the condition, so the hook order is stable
    useWarnOnChange(props.savedCardId, 'KkiPayButton', 'savedCardId');
  }
  // Cards saved on DOKU Checkout's page are offered there: the list is for the H2H form only.
  const saved = useSavedCardsIf(showSavedCards && config?.kki.integration === 'h2h');
  const activeCards = (saved ?? []).filter((c) => c.status === 'active');

  // The customer's own choices; until they make one, a saved card is preselected (the first, or
  // `savedCardId`), so a returning customer pays with one click.
  const [modeChoice, setMode] = useState<'card' | 'saved_card' | null>(null);
  const [cardChoice, setCardId] = useState<string | null>(props.savedCardId ?? null);
  const hasSaved = showSavedCards && activeCards.length > 0;
  const mode = hasSaved ? (modeChoice ?? 'saved_card') : 'card';
  const cardId =
    activeCards.find((c) => c.id === cardChoice)?.id ?? (hasSaved ? (activeCards[0]?.id ?? null) : null);
  const [cpan, setCpan] = useState('');
  const [ott, setOtt] = useState('');
  const [saveCard, setSaveCard] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [acted, setActed] = useState(false);
  const [showForm, setShowForm] = useState(false);
  const cpanRef = useRef<HTMLInputElement>(null);
  const ottRef = useRef<HTMLInputElement>(null);
  const savedRef = useRef<HTMLInputElement>(null);
  const focus = useFocusRequest();
  const ids = useId();

  const amount = flow.order === undefined ? null : formatIdr(flow.order.amount, locale);
  const issuerName = copy.issuerName(
    flow.nextAction?.type === 'issuer_app' ? flow.nextAction.issuer : (flow.payment?.card?.issuer ?? null),
  );

  const { phase } = flow;
  useAnnounce(ctx, announcement());

  function announcement(): string | null {
    switch (phase) {
      case 'submitting':
        return copy.paySubmitting;
      case 'requires_action':
        return flow.nextAction === null ? null : actionTitle(flow.nextAction, copy, issuerName);
      case 'pending':
        return copy.payPending;
      case 'succeeded':
        return copy.paySucceeded(amount ?? formatIdr(flow.payment?.amount ?? 0, locale));
      case 'failed':
        return flow.error?.message ?? null;
      case 'expired':
        return copy.payExpired;
      case 'cancelled':
        return copy.payCancelled;
      default:
        return null;
    }
  }

  // A refusal about a field the form holds goes back to the form, on that field.
  const fieldOfError = flow.error?.field;
  const errorOnForm =
    phase === 'failed' &&
    flow.error?.retryable === true &&
    (fieldOfError === 'cardNumber' || fieldOfError === 'ott');

  function validate(): FieldErrors {
    if (mode === 'saved_card') return cardId === null ? { savedCard: copy.chooseSavedCard } : {};
    const next: FieldErrors = {};
    const c = cpanProblem(cpan, copy, locale);
    if (c !== null) next.cpan = c;
    if (ott.trim() === '') next.ott = copy.ottRequired;
    else if (!OTT_PATTERN.test(ott.trim())) next.ott = copy.ottInvalid;
    return next;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (flow.isSubmitting) return;
    setActed(true);
    const next = validate();
    setErrors(next);
    if (next.cpan !== undefined) return focus(cpanRef);
    if (next.ott !== undefined) return focus(ottRef);
    if (next.savedCard !== undefined) return focus(savedRef);
    const source: KkiPaymentSource =
      mode === 'saved_card' && cardId !== null
        ? { type: 'saved_card', cardId }
        : { type: 'card', cpan, ott: ott.trim(), saveCard: allowSaveCard && saveCard };
    setShowForm(false);
    void flow.pay(source).then((r) => {
      if (r.status !== 'failed') return;
      // The one-time token is spent or wrong: ask for a new one.
      if (r.error.field === 'ott' || r.error.code === 'invalid_ott' || r.error.code === 'ott_expired')
        setOtt('');
      if (r.error.retryable && r.error.field === 'cardNumber') focus(cpanRef);
      else if (r.error.retryable && r.error.field === 'ott') focus(ottRef);
    });
  }

  function backToForm(clear: boolean) {
    flow.reset();
    setShowForm(true);
    setOtt('');
    // Starting over resets the choices but keeps the card number: retyping 16 digits is the
    // slowest part of the form, and the number was not what failed.
    if (clear) {
      setMode(null);
      setSaveCard(false);
    }
    focus(mode === 'card' ? cpanRef : savedRef);
  }

  const root = (body: ReactElement) => (
    <div className={`kki-root kki-pay${props.className ? ` ${props.className}` : ''}`} style={ctx.style}>
      {body}
    </div>
  );

  if (!showForm && !errorOnForm) {
    if (phase === 'requires_action' && flow.nextAction?.type === 'checkout_page') {
      return root(
        <CheckoutWaiting
          copy={copy}
          url={flow.nextAction.url}
          expiresAt={flow.nextAction.expiresAt}
          opener={opener}
          focusOnMount={acted}
          onCancel={() => void flow.cancel()}
        />,
      );
    }
    if (phase === 'requires_action' && flow.nextAction !== null) {
      const action = flow.nextAction;
      return root(
        <BankWaiting
          action={action}
          paymentId={flow.payment?.id}
          title={actionTitle(action, copy, issuerName)}
          issuerName={issuerName}
          copy={copy}
          focusOnMount={acted}
          onCheck={async () => {
            const now = await flow.refresh();
            return now !== null && (now.status === 'created' || now.status === 'pending');
          }}
          onCancel={() => void flow.cancel()}
        />,
      );
    }
    if (phase === 'pending') {
      return root(
        <StatusPanel tone="waiting" title={copy.payPending} focusOnMount={acted}>
          <div className="kki-spinner" aria-hidden="true" />
        </StatusPanel>,
      );
    }
    if (phase === 'succeeded' && flow.payment !== null) {
      return root(
        <StatusPanel
          tone="success"
          focusOnMount={acted}
          title={copy.paySucceeded(formatIdr(flow.payment.amount, locale))}
        >
          {flow.payment.checkoutChannel !== null && (
            <p className="kki-panel-text">{copy.checkoutPaidWith(flow.payment.checkoutChannel)}</p>
          )}
        </StatusPanel>,
      );
    }
    if ((phase === 'failed' || phase === 'expired' || phase === 'cancelled') && flow.error !== null) {
      const title =
        phase === 'expired'
          ? copy.payExpired
          : phase === 'cancelled'
            ? copy.payCancelled
            : copy.payFailedTitle;
      return root(
        <ErrorPanel
          title={title}
          error={flow.error}
          copy={copy}
          focusOnMount={acted}
          onRetry={phase === 'failed' ? () => backToForm(false) : undefined}
          onStartOver={() => backToForm(true)}
        />,
      );
    }
  }

  // The order itself could not be read (unknown, another customer's, signed out): nothing to pay.
  if (phase === 'idle' && flow.orderError !== null) {
    return root(<ErrorPanel title={copy.payFailedTitle} error={flow.orderError} copy={copy} />);
  }

  const submitting = phase === 'submitting';
  // The path is the server's choice: nothing to pay with until it is known.
  if (config === undefined) {
    return root(
      configError === null ? (
        <div className="kki-spinner" role="status" aria-label={copy.payTitle} />
      ) : (
        <ErrorPanel title={copy.payFailedTitle} error={configError} copy={copy} />
      ),
    );
  }
  if (checkout) {
    return root(
      <CheckoutStart
        copy={copy}
        amount={amount}
        submitting={submitting}
        onPay={() => {
          setActed(true);
          setShowForm(false);
          opener.begin(() => flow.openCheckout({ display: props.checkoutMode ?? 'redirect' }));
        }}
      />,
    );
  }
  const formErrors: FieldErrors = {
    ...errors,
    ...(errorOnForm && fieldOfError === 'cardNumber' && flow.error && { cpan: flow.error.message }),
    ...(errorOnForm && fieldOfError === 'ott' && flow.error && { ott: flow.error.message }),
  };
  return root(
    <form
      className="kki-form"
      aria-label={copy.payTitle}
      noValidate
      onSubmit={onSubmit}
      aria-busy={submitting}
    >
      {hasSaved && (
        <fieldset className="kki-fieldset kki-choice">
          <legend className="kki-legend">{copy.payTitle}</legend>
          <label className="kki-radio">
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={mode === 'card'}
              onChange={() => setMode('card')}
              disabled={submitting}
            />
            {copy.payWithNewCard}
          </label>
          <label className="kki-radio">
            <input
              type="radio"
              name={`${ids}-mode`}
              checked={mode === 'saved_card'}
              onChange={() => setMode('saved_card')}
              disabled={submitting}
            />
            {copy.payWithSavedCard}
          </label>
        </fieldset>
      )}
      {mode === 'saved_card' && hasSaved ? (
        <SavedCardChoice
          cards={activeCards}
          value={cardId}
          onChange={setCardId}
          error={formErrors.savedCard}
          firstRef={savedRef}
          disabled={submitting}
        />
      ) : (
        <>
          <CpanInput
            value={cpan}
            onChange={setCpan}
            copy={copy}
            error={formErrors.cpan ?? null}
            inputRef={cpanRef}
            disabled={submitting}
          />
          <TextField
            label={copy.ottLabel}
            value={ott}
            onValueChange={setOtt}
            hint={copy.ottHint}
            error={formErrors.ott ?? null}
            inputRef={ottRef}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            required
            disabled={submitting}
          />
          {allowSaveCard && (
            <label className="kki-checkbox">
              <input
                type="checkbox"
                checked={saveCard}
                onChange={(e) => setSaveCard(e.currentTarget.checked)}
                disabled={submitting}
              />
              {copy.saveCardLabel}
            </label>
          )}
        </>
      )}
      <button
        type="submit"
        className="kki-button kki-button--primary"
        aria-disabled={submitting || undefined}
      >
        {submitting ? copy.paySubmitting : amount === null ? copy.payButtonNoAmount : copy.payButton(amount)}
      </button>
    </form>,
  );
}

/** What the customer is asked to do for `action`. */
function actionTitle(action: KkiPaymentAction, copy: KkiCopy, issuerName: string): string {
  if (action.type === 'issuer_app') return copy.payConfirmInApp(issuerName);
  if (action.type === 'otp_redirect') return copy.payOtpRedirect;
  return action.type === 'checkout_page' ? copy.checkoutWaiting : copy.payCardPage;
}
