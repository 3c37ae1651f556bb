'use client';
// What both KKI paths of KkiPayButton (host-to-host and DOKU Checkout) share: the panels of a payment
// that is waiting on DOKU or has ended, and the props a path gets from the button.
import { formatIdr, type KkiLocale } from '@kki-kit/contract';
import type { ReactElement } from 'react';
import type { KkiPayCheckoutCopy, KkiPayCopy, KkiPayH2hCopy, KkiSharedCopy } from '../copy/index.js';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import { StatusPanel } from '../fields/StatusPanel.js';
import type { KkiPaymentAction } from '../internal/usePaymentFlow.js';
import type { KkiPayButtonProps } from './KkiPayButton.js';
import type { UseKkiPaymentResult } from './useKkiPayment.js';

/** What KkiPayButton's parts show: the shared copy and the pay section. */
export type PayCopy = KkiSharedCopy & KkiPayCopy;

/** What the host-to-host path's parts show. */
export type H2hCopy = PayCopy & KkiPayH2hCopy;

/** What the DOKU Checkout path's parts show. */
export type CheckoutCopy = PayCopy & KkiPayCheckoutCopy;

/** What the button hands the path it loaded. */
export interface PayPathProps {
  readonly props: KkiPayButtonProps;
  readonly flow: UseKkiPaymentResult;
  /** The order's amount, formatted (`null` while loading). */
  readonly amount: string | null;
  readonly issuerName: string;
}

/** What the customer is asked to do for `action`. */
export function actionTitle(action: KkiPaymentAction, copy: PayCopy, issuerName: string): string {
  if (action.type === 'issuer_app') return copy.payConfirmInApp(issuerName);
  if (action.type === 'otp_redirect') return copy.payOtpRedirect;
  return action.type === 'checkout_page' ? copy.checkoutWaiting : copy.payCardPage;
}

/**
 * The panel of a payment waiting on DOKU (`pending`), ended (paid, refused, expired, cancelled) or
 * unanswered (`unconfirmed`), or `null` when the payment is in none of those states.
 */
export function outcomePanel(
  flow: UseKkiPaymentResult,
  copy: PayCopy,
  locale: KkiLocale,
  acted: boolean,
  onRetry: () => void,
  onStartOver: () => void,
  onCheckAgain: () => void = () => void flow.retry(),
): ReactElement | null {
  const { phase } = flow;
  if (phase === 'pending') {
    return (
      <StatusPanel tone="waiting" title={copy.payPending} focusOnMount={acted}>
        <div className="kki-spinner" aria-hidden="true" />
      </StatusPanel>
    );
  }
  if (phase === 'succeeded' && flow.payment !== null) {
    return (
      <StatusPanel
        tone="success"
        focusOnMount={acted}
        title={copy.paySucceeded(formatIdr(flow.payment.amount, locale))}
      >
        {flow.payment.checkoutChannel !== null && (
          <p className="kki-panel-text">{copy.checkoutPaidWith(flow.payment.checkoutChannel)}</p>
        )}
      </StatusPanel>
    );
  }
  const unconfirmed = phase === 'unconfirmed';
  if (
    (phase === 'failed' || phase === 'expired' || phase === 'cancelled' || unconfirmed) &&
    flow.error !== null
  ) {
    const title =
      phase === 'expired' ? copy.payExpired : phase === 'cancelled' ? copy.payCancelled : copy.payFailedTitle;
    return (
      <ErrorPanel
        title={title}
        error={flow.error}
        copy={copy}
        focusOnMount={acted}
        unconfirmed={unconfirmed}
        onRetry={unconfirmed ? onCheckAgain : phase === 'failed' ? onRetry : undefined}
        onStartOver={onStartOver}
      />
    );
  }
  return null;
}
