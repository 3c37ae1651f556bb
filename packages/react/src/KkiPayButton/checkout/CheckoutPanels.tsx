'use client';
// The Checkout path's own states in KkiPayButton: the pay button that opens DOKU Checkout (no card
// field: the card is typed on DOKU's page), opening, and waiting while the customer is on DOKU's page.
// Success, failure, expiry and cancellation share KkiPayButton's panels.
import type { ReactElement } from 'react';
import { useState } from 'react';
import { Countdown } from '../../fields/Countdown.js';
import { StatusPanel } from '../../fields/StatusPanel.js';
import type { CheckoutCopy } from '../PayOutcome.js';
import { CheckoutOverlay } from './CheckoutOverlay.js';
import type { CheckoutOpener } from './useCheckoutOpener.js';

/** Props of {@link CheckoutStart}. */
export interface CheckoutStartProps {
  readonly copy: CheckoutCopy;
  /** The order's amount, formatted (`null` while loading). */
  readonly amount: string | null;
  readonly submitting: boolean;
  readonly onPay: () => void;
}

/** Idle and opening: what happens next, and one button. */
export function CheckoutStart({ copy, amount, submitting, onPay }: CheckoutStartProps): ReactElement {
  return (
    <form
      className="kki-form"
      aria-label={copy.payTitle}
      aria-busy={submitting}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!submitting) onPay();
      }}
    >
      <p className="kki-panel-text">{copy.checkoutIntro}</p>
      <button
        type="submit"
        className="kki-button kki-button--primary"
        aria-disabled={submitting || undefined}
      >
        {submitting
          ? copy.checkoutOpening
          : amount === null
            ? copy.checkoutPayButtonNoAmount
            : copy.checkoutPayButton(amount)}
      </button>
    </form>
  );
}

/** Props of {@link CheckoutWaiting}. */
export interface CheckoutWaitingProps {
  readonly copy: CheckoutCopy;
  readonly url: string;
  readonly expiresAt: string | null;
  readonly opener: CheckoutOpener;
  readonly focusOnMount: boolean;
  readonly onCancel: () => void;
}

/**
 * The customer is on DOKU's page (or closed it): a countdown, a way back to the page, and a cancel that
 * asks first, since cancelling ends the payment for good.
 */
export function CheckoutWaiting(props: CheckoutWaitingProps): ReactElement {
  const { copy, url, expiresAt, opener } = props;
  const [confirming, setConfirming] = useState(false);
  if (opener.leaving) return <StatusPanel tone="waiting" title={copy.checkoutOpening} focusOnMount />;
  return (
    <StatusPanel
      tone="waiting"
      title={copy.checkoutWaiting}
      focusOnMount={props.focusOnMount && !opener.overlayOpen}
    >
      <p className="kki-panel-text">{copy.checkoutWaitingHint}</p>
      {opener.popupBlocked && <p className="kki-panel-text">{copy.checkoutPopupBlocked}</p>}
      {expiresAt !== null && <Countdown expiresAt={expiresAt} copy={copy} />}
      {confirming ? (
        <div className="kki-actions">
          <p className="kki-panel-text">{copy.checkoutCancelQuestion}</p>
          <button type="button" className="kki-button kki-button--danger" onClick={props.onCancel}>
            {copy.checkoutCancelConfirm}
          </button>
          <button
            type="button"
            className="kki-button kki-button--secondary"
            onClick={() => setConfirming(false)}
          >
            {copy.checkoutCancelKeep}
          </button>
        </div>
      ) : (
        <div className="kki-actions">
          <button type="button" className="kki-button kki-button--primary" onClick={() => opener.reopen(url)}>
            {copy.checkoutOpenAgain}
          </button>
          <button
            type="button"
            className="kki-button kki-button--secondary"
            onClick={() => setConfirming(true)}
          >
            {copy.payCancelButton}
          </button>
        </div>
      )}
      {opener.overlayOpen && (
        <CheckoutOverlay
          url={url}
          title={copy.checkoutFrameTitle}
          closeLabel={copy.close}
          onClose={opener.closeOverlay}
        />
      )}
    </StatusPanel>
  );
}
