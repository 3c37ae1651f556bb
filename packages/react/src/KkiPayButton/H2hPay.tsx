'use client';
// KkiPayButton on the host-to-host path (PCI DSS merchants): card entry or a saved card, then the
// confirm-in-your-bank-app step. Loaded on its own, so merchants on DOKU Checkout never ship it.
import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import { CpanInput } from '../fields/CpanInput.js';
import { cpanProblem } from '../fields/cpan.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { TextField } from '../fields/TextField.js';
import { useFocusRequest } from '../internal/useFocusRequest.js';
import { useKitConfigQuery } from '../internal/useKitConfig.js';
import { ID_PAY } from '../copy/id/pay.js';
import { ID_PAY_H2H } from '../copy/id/pay-h2h.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { BankWaiting } from './BankWaiting.js';
import { actionTitle, outcomePanel, type PayPathProps } from './PayOutcome.js';
import { SavedCardChoice, useSavedCardsIf } from './SavedCardChoice.js';
import type { KkiPaymentSource } from './useKkiPayment.js';

type FieldErrors = { cpan?: string; ott?: string; savedCard?: string };

// The contract's ottSchema as a plain pattern: importing the schema costs this entry 3 kB gzipped.
const OTT_PATTERN = /^[A-Za-z0-9]{1,40}$/;

/** The host-to-host form and every state after it. */
export function H2hPay({ props, flow, amount, issuerName }: PayPathProps): ReactElement {
  const ctx = useKkiContext('KkiPayButton');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_PAY, ID_PAY_H2H);
  const { showSavedCards = true, allowSaveCard = true } = props;
  // A payment resumed before the server's path is known may bring this path early; the list is for
  // the host-to-host form only (cards saved on DOKU Checkout's page are offered there).
  const h2h = useKitConfigQuery(ctx).data?.kki.integration === 'h2h';
  const saved = useSavedCardsIf(showSavedCards && h2h);
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
  const { phase } = flow;

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

  if (!showForm && !errorOnForm) {
    if (phase === 'requires_action' && flow.nextAction !== null) {
      const action = flow.nextAction;
      return (
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
        />
      );
    }
    const outcome = outcomePanel(
      flow,
      copy,
      locale,
      acted,
      () => backToForm(false),
      () => backToForm(true),
    );
    if (outcome !== null) return outcome;
  }

  // The order itself could not be read (unknown, another customer's, signed out): nothing to pay.
  if (phase === 'idle' && flow.orderError !== null) {
    return <ErrorPanel title={copy.payFailedTitle} error={flow.orderError} copy={copy} />;
  }

  const submitting = phase === 'submitting';
  const formErrors: FieldErrors = {
    ...errors,
    ...(errorOnForm && fieldOfError === 'cardNumber' && flow.error && { cpan: flow.error.message }),
    ...(errorOnForm && fieldOfError === 'ott' && flow.error && { ott: flow.error.message }),
  };
  return (
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
    </form>
  );
}
