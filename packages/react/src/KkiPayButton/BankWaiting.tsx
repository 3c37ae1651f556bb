'use client';
// The wait for the customer's bank (issuer app, OTP page, card page): signs of life beside the
// countdown, a "check now" for the customer who already confirmed, the bank link in a new tab on a
// desktop (this page must stay open) with a QR code of the issuer-app link for the phone (drawn by the
// BFF, so no QR encoder ships to the browser), and a "time almost up" announcement for screen readers.
import { type ReactElement, useState, useSyncExternalStore } from 'react';
import { Countdown } from '../fields/Countdown.js';
import { StatusPanel } from '../fields/StatusPanel.js';
import type { KkiPaymentAction } from '../internal/usePaymentFlow.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useNow } from '../internal/useNow.js';
import { useKkiContext } from '../provider/context.js';
import type { H2hCopy } from './PayOutcome.js';

/** Seconds left at which screen readers are told that time is almost up. */
const ALMOST_UP_SECONDS = 60;

// A desktop pointer: the bank's app is on the customer's phone, so its web page opens in a new tab
// and this page stays where it is. Phones follow the app link in place (the OS hands it to the app).
const DESKTOP = '(hover: hover) and (pointer: fine)';
const subscribeDesktop = (onChange: () => void) => {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const query = window.matchMedia(DESKTOP);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const isDesktop = () => typeof window !== 'undefined' && !!window.matchMedia?.(DESKTOP).matches;

/** Props of {@link BankWaiting}. */
export interface BankWaitingProps {
  readonly action: KkiPaymentAction;
  /** The waiting payment: its issuer-app link's QR code is read from the BFF. */
  readonly paymentId: string | undefined;
  readonly title: string;
  readonly issuerName: string;
  readonly copy: H2hCopy;
  readonly focusOnMount: boolean;
  /** Reads the payment now; resolves `true` when it is still waiting. */
  readonly onCheck: () => Promise<boolean>;
  readonly onCancel: () => void;
}

/** The waiting panel. */
export function BankWaiting(props: BankWaitingProps): ReactElement {
  const ctx = useKkiContext('KkiPayButton');
  const { action, copy } = props;
  const now = useNow();
  const desktop = useSyncExternalStore(subscribeDesktop, isDesktop, () => false);
  const [checking, setChecking] = useState(false);
  const [stillWaiting, setStillWaiting] = useState(false);
  const qr =
    desktop && action.type === 'issuer_app' && props.paymentId
      ? ctx.client.url('getPaymentAppLinkQr', { paymentId: props.paymentId })
      : null;
  const scan = copy.payScanQr(props.issuerName);
  const left = action.expiresAt === null || now === null ? null : Date.parse(action.expiresAt) - now;
  const almostUp = left !== null && left > 0 && left <= ALMOST_UP_SECONDS * 1000;
  useAnnounce(ctx, almostUp ? copy.payTimeAlmostUp : stillWaiting ? copy.payNotConfirmedYet : null);

  const check = () => {
    if (checking) return;
    setChecking(true);
    setStillWaiting(false);
    void props.onCheck().then(
      (waiting) => {
        setChecking(false);
        setStillWaiting(waiting);
      },
      () => setChecking(false),
    );
  };

  const link =
    action.type === 'issuer_app'
      ? copy.payOpenIssuerApp(props.issuerName)
      : action.type === 'otp_redirect'
        ? copy.payOtpRedirectLink
        : action.type === 'checkout_page'
          ? copy.checkoutOpenAgain
          : copy.payCardPage;
  return (
    <StatusPanel tone="waiting" focusOnMount={props.focusOnMount} title={props.title}>
      {action.type === 'issuer_app' && <p className="kki-panel-text">{copy.payConfirmInAppHint}</p>}
      <div className="kki-waiting">
        <span className="kki-spinner kki-spinner--small" aria-hidden="true" />
        {action.expiresAt !== null && <Countdown expiresAt={action.expiresAt} copy={copy} />}
      </div>
      {stillWaiting && <p className="kki-panel-text kki-muted">{copy.payNotConfirmedYet}</p>}
      <div className="kki-actions">
        <a
          className="kki-button kki-button--primary"
          href={action.url}
          rel="noopener noreferrer"
          {...(desktop && { target: '_blank' })}
        >
          {link}
          {desktop && <span className="kki-sr-only"> {copy.opensInNewTab}</span>}
        </a>
        <button
          type="button"
          className="kki-button kki-button--secondary"
          onClick={check}
          aria-disabled={checking || undefined}
        >
          {checking ? copy.payChecking : copy.payCheckNow}
        </button>
        <button type="button" className="kki-button kki-button--secondary" onClick={props.onCancel}>
          {copy.payCancelButton}
        </button>
      </div>
      {qr && (
        // The spinner's row layout; the SVG brings its own white ground and quiet zone.
        <div className="kki-waiting">
          <img src={qr} alt={scan} width={144} height={144} />
          {/* The alt text says it to screen readers; this line is for the eyes. */}
          <span className="kki-muted" aria-hidden>
            {scan}
          </span>
        </div>
      )}
    </StatusPanel>
  );
}
