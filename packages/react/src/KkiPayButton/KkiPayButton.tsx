'use client';
// KkiPayButton: pay an order with KKI (new card, pay-and-save, saved card) and every state after.
import { formatIdr } from '@kki-kit/contract';
import { lazy, type ReactElement, Suspense, useRef } from 'react';
import { ErrorPanel } from '../fields/ErrorPanel.js';
import type { KkiPaymentCallbacks } from '../internal/usePaymentFlow.js';
import { useAnnounce } from '../internal/useAnnounce.js';
import { useKitConfig } from '../internal/useKitConfig.js';
import { useWarnOnChange } from '../internal/useWarnOnChange.js';
import { ID_PAY } from '../copy/id/pay.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from '../provider/context.js';
import type { KkiCheckoutMode } from './checkout/useCheckoutOpener.js';
import { actionTitle, outcomePanel } from './PayOutcome.js';
import { useKkiPayment } from './useKkiPayment.js';

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

// A merchant's server uses one KKI path: each path's UI is loaded on its own once the path is known,
// so a page ships only the one it shows (a bundler splits these imports into their own files).
const H2hPay = lazy(() => import('./H2hPay.js').then((m) => ({ default: m.H2hPay })));
const CheckoutPay = lazy(() => import('./checkout/CheckoutPay.js').then((m) => ({ default: m.CheckoutPay })));

/**
 * A complete KKI checkout for one order, on the path the merchant's server chose. DOKU Checkout: one
 * button that opens DOKU's page (redirect, popup or overlay), then waiting. Host-to-host (PCI DSS
 * merchants): card entry (or a saved card), the confirm-in-your-app step with the issuer's name and
 * a countdown, OTP redirect. Both end in the same panels with the catalogue's copy.
 */
export function KkiPayButton(props: KkiPayButtonProps): ReactElement {
  const ctx = useKkiContext('KkiPayButton');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_PAY);
  const flow = useKkiPayment(props);
  const { config, configError } = useKitConfig(ctx);
  // Preselects a card once: the customer's own pick must not be overridden by a later prop.
  // Development only, written out so production bundles drop it (see useWarnOnChange).
  if (typeof process === 'object' && process.env.NODE_ENV !== 'production') {
    // biome-ignore lint/correctness/useHookAtTopLevel: the build fixes the condition, so the hook order is stable
    useWarnOnChange(props.savedCardId, 'KkiPayButton', 'savedCardId');
  }

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
      case 'unconfirmed':
        return copy.unconfirmedTitle;
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

  const root = (body: ReactElement) => (
    <div className={`kki-root kki-pay${props.className ? ` ${props.className}` : ''}`} style={ctx.style}>
      {body}
    </div>
  );
  // While the path or its code is loading (the customer has nothing to act on yet).
  const loading = <div className="kki-spinner" role="status" aria-label={copy.payTitle} />;

  // The path: the server's choice, or, for a resumed payment waiting on the customer, its action's.
  // Once chosen it stays, so the path's UI (and the customer's input in it) is never mounted twice.
  const action = phase === 'requires_action' ? flow.nextAction : null;
  const chosen = useRef<'h2h' | 'checkout' | undefined>(undefined);
  const path =
    (action === null ? undefined : action.type === 'checkout_page' ? 'checkout' : 'h2h') ??
    config?.kki.integration ??
    chosen.current;
  chosen.current = path;
  if (path !== undefined) {
    const Path = path === 'checkout' ? CheckoutPay : H2hPay;
    return root(
      <Suspense fallback={loading}>
        <Path props={props} flow={flow} amount={amount} issuerName={issuerName} />
      </Suspense>,
    );
  }
  if (configError === null) return root(loading);

  // The path cannot be known: a resumed payment's outcome, else why nothing can be paid.
  const outcome = outcomePanel(flow, copy, locale, false, flow.reset, flow.reset);
  if (outcome !== null) return root(outcome);
  if (phase === 'idle' && flow.orderError !== null) {
    return root(<ErrorPanel title={copy.payFailedTitle} error={flow.orderError} copy={copy} />);
  }
  return root(<ErrorPanel title={copy.payFailedTitle} error={configError} copy={copy} />);
}
