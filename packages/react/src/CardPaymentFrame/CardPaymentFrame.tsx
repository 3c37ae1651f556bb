'use client';
// CardPaymentFrame: DOKU's hosted card page in a frame sized for phones; the result comes from the BFF.
import {
  type CardPageTheme,
  type CardPaymentType,
  cardAcquirerName,
  formatIdr,
  installmentMonthly,
  type KkiLocale,
} from '@kki-kit/contract';
import { type FormEvent, type ReactElement, useId, useRef, useState } from 'react';
import { CardPageFrame } from './CardPageFrame.js';
import { Countdown } from '../fields/Countdown.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { StatusPanel } from '../fields/StatusPanel.js';
import type { KkiPaymentCallbacks } from '../internal/usePaymentFlow.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useFocusRequest } from '../internal/useFocusRequest.js';
import { ID_CARD_FRAME } from '../copy/id/card-frame.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import { type KkiInstallmentChoice, useCardPaymentPage } from './useCardPaymentPage.js';

/** Props of {@link CardPaymentFrame}. */
export interface CardPaymentFrameProps extends KkiPaymentCallbacks {
  /** The order to pay, created by the merchant's server. */
  readonly orderId: string;
  /** Payment types offered; with more than one, the customer picks. Default `['SALE']`. */
  readonly paymentTypes?: readonly CardPaymentType[];
  /** Installment plans offered when `INSTALLMENT` is picked. */
  readonly installmentPlans?: readonly KkiInstallmentChoice[];
  /** Narrow the BINs DOKU's page accepts (never wider than the order allows). */
  readonly allowedBins?: readonly string[];
  /** Narrow the tenors DOKU's page offers. */
  readonly allowedTenors?: readonly number[];
  /** Save the card at DOKU for later payments. */
  readonly saveCard?: boolean;
  /** Language of DOKU's page; defaults to the provider's locale. */
  readonly language?: KkiLocale;
  /** Colours of DOKU's page. */
  readonly theme?: CardPageTheme;
  readonly className?: string;
}

/**
 * Opens DOKU's card page for an order in an iframe and follows the payment to its end: the return
 * page's message only prompts a re-read from the BFF, which confirms with DOKU.
 */
export function CardPaymentFrame(props: CardPaymentFrameProps): ReactElement {
  const ctx = useKkiContext('CardPaymentFrame');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_CARD_FRAME);
  const types =
    props.paymentTypes !== undefined && props.paymentTypes.length > 0
      ? props.paymentTypes
      : ['SALE' as const];
  const plans = props.installmentPlans ?? [];
  const flow = useCardPaymentPage(props);
  const [type, setType] = useState<CardPaymentType>(types[0] ?? 'SALE');
  // One plan offered: it is the choice (the card page then shows it, fixed).
  const [plan, setPlan] = useState(plans.length === 1 ? '0' : '');
  const [planError, setPlanError] = useState<string | null>(null);
  const [acted, setActed] = useState(false);
  const planRef = useRef<HTMLSelectElement>(null);
  const focus = useFocusRequest();
  const ids = useId();
  const { phase, payment } = flow;
  const total = flow.order?.amount;
  const amount = total === undefined ? null : formatIdr(total, locale);

  const doneTitle = payment?.status === 'authorized' ? copy.cardFrameAuthorized : copy.cardFrameSucceeded;
  const unconfirmed = phase === 'unconfirmed';
  // Set exactly in the phases failed, expired, cancelled and unconfirmed.
  const closedError = flow.error;
  // What a screen reader hears is the title each phase shows.
  useAnnounce(
    ctx,
    phase === 'submitting'
      ? copy.cardFrameLoading
      : phase === 'requires_action'
        ? copy.payCardPage
        : phase === 'pending'
          ? copy.cardFrameChecking
          : phase === 'succeeded'
            ? doneTitle
            : phase === 'expired'
              ? copy.cardFrameExpired
              : (closedError?.message ?? null),
  );

  function onOpen(event: FormEvent) {
    event.preventDefault();
    if (phase === 'submitting') return;
    setActed(true);
    const chosen = type === 'INSTALLMENT' && plan !== '' ? plans[Number(plan)] : undefined;
    if (type === 'INSTALLMENT' && chosen === undefined) {
      setPlanError(copy.installmentNone);
      return focus(planRef);
    }
    setPlanError(null);
    // The hook leaves out what is undefined: one place decides what the BFF is sent.
    void flow.open({
      paymentType: type,
      installment: chosen,
      allowedBins: props.allowedBins,
      allowedTenors: props.allowedTenors,
      saveCard: props.saveCard,
      language: props.language,
      theme: props.theme,
    });
  }

  const root = (body: ReactElement) => (
    <div
      className={`kki-root kki-card-page${props.className ? ` ${props.className}` : ''}`}
      style={ctx.style}
    >
      {body}
    </div>
  );

  if (phase === 'requires_action' && flow.pageUrl !== null) {
    const expiresAt = payment?.nextAction.type === 'card_page' ? payment.nextAction.expiresAt : null;
    return root(
      <div className="kki-frame-wrap">
        {expiresAt !== null && <Countdown expiresAt={expiresAt} copy={copy} />}
        <CardPageFrame title={copy.cardFrameTitle} url={flow.pageUrl} />
      </div>,
    );
  }
  if (phase === 'pending') {
    return root(
      <StatusPanel tone="waiting" title={copy.cardFrameChecking} focusOnMount={acted}>
        <div className="kki-spinner" aria-hidden="true" />
      </StatusPanel>,
    );
  }
  if (phase === 'succeeded') {
    return root(<StatusPanel tone="success" focusOnMount title={doneTitle} />);
  }
  if (closedError !== null) {
    return root(
      <ErrorPanel
        title={phase === 'expired' ? copy.cardFrameExpired : copy.cardFrameFailedTitle}
        error={closedError}
        copy={copy}
        focusOnMount
        unconfirmed={unconfirmed}
        onRetry={unconfirmed ? flow.retry : phase === 'failed' ? flow.reset : undefined}
        onStartOver={flow.reset}
      />,
    );
  }

  // The order itself could not be read (unknown, another customer's, signed out): nothing to pay.
  if (phase === 'idle' && flow.orderError !== null) {
    return root(<ErrorPanel title={copy.cardFrameFailedTitle} error={flow.orderError} copy={copy} />);
  }

  const submitting = phase === 'submitting';
  return root(
    <form
      className="kki-form"
      aria-label={copy.cardFrameTitle}
      noValidate
      onSubmit={onOpen}
      aria-busy={submitting}
    >
      {types.length > 1 && (
        <fieldset className="kki-fieldset kki-choice">
          <legend className="kki-legend">{copy.cardFrameTitle}</legend>
          {types.map((t) => (
            <label key={t} className="kki-radio">
              <input
                type="radio"
                name={`${ids}-type`}
                value={t}
                checked={type === t}
                onChange={() => setType(t)}
                disabled={submitting}
              />
              {copy.paymentTypeLabel(t)}
            </label>
          ))}
        </fieldset>
      )}
      {type === 'INSTALLMENT' && (
        <div className={`kki-field${planError ? ' kki-field--invalid' : ''}`}>
          <label className="kki-label" htmlFor={`${ids}-plan`}>
            {copy.installmentLabel}
          </label>
          <select
            ref={planRef}
            id={`${ids}-plan`}
            className="kki-input kki-select"
            value={plan}
            onChange={(e) => setPlan(e.currentTarget.value)}
            aria-invalid={planError ? true : undefined}
            aria-describedby={planError ? `${ids}-plan-error` : undefined}
            required
            disabled={submitting}
          >
            <option value="">{copy.installmentNone}</option>
            {/* Each month's amount needs the order's: the plans are listed once it is read. */}
            {total !== undefined &&
              plans.map((p, i) => (
                <option key={`${p.acquirer}-${p.tenor}`} value={String(i)}>
                  {copy.installmentOption(
                    cardAcquirerName(p.acquirer),
                    p.tenor,
                    formatIdr(installmentMonthly(total, p.tenor), locale),
                  )}
                </option>
              ))}
          </select>
          {planError && (
            <p id={`${ids}-plan-error`} className="kki-field-error">
              {planError}
            </p>
          )}
        </div>
      )}
      <button
        type="submit"
        className="kki-button kki-button--primary"
        aria-disabled={submitting || undefined}
      >
        {submitting
          ? copy.cardFrameLoading
          : amount === null
            ? copy.cardFrameOpenNoAmount
            : copy.cardFrameOpen(amount)}
      </button>
    </form>,
  );
}
