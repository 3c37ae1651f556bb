'use client';
// KkiPayButton on the DOKU Checkout path (merchants without PCI DSS): one button that opens DOKU's
// page (redirect, popup or overlay), then waiting. Loaded on its own, so host-to-host merchants never
// ship it.
import type { ReactElement } from 'react';
import { useState } from 'react';
import { ErrorPanel } from '../../fields/ErrorPanel.js';
import { ID_PAY } from '../../copy/id/pay.js';
import { ID_PAY_CHECKOUT } from '../../copy/id/pay-checkout.js';
import { useSectionCopy } from '../../internal/useSectionCopy.js';
import { useKkiContext } from '../../provider/context.js';
import { outcomePanel, type PayPathProps } from '../PayOutcome.js';
import { CheckoutStart, CheckoutWaiting } from './CheckoutPanels.js';
import { useCheckoutOpener } from './useCheckoutOpener.js';

/** The Checkout button and every state after it. */
export function CheckoutPay({ props, flow, amount }: PayPathProps): ReactElement {
  const ctx = useKkiContext('KkiPayButton');
  const { locale } = ctx;
  const copy = useSectionCopy(ctx, ID_PAY, ID_PAY_CHECKOUT);
  const mode = props.checkoutMode ?? 'redirect';
  const opener = useCheckoutOpener(mode, ctx.client, flow.payment?.id ?? null, () => {
    void flow.refresh();
  });
  const [acted, setActed] = useState(false);
  const [showForm, setShowForm] = useState(false);
  const { phase } = flow;

  const backToStart = () => {
    flow.reset();
    setShowForm(true);
  };

  if (!showForm) {
    if (phase === 'requires_action' && flow.nextAction?.type === 'checkout_page') {
      return (
        <CheckoutWaiting
          copy={copy}
          url={flow.nextAction.url}
          expiresAt={flow.nextAction.expiresAt}
          opener={opener}
          focusOnMount={acted}
          onCancel={() => void flow.cancel()}
        />
      );
    }
    // Asking again goes through the opener, which sends the customer to DOKU's page once answered.
    const outcome = outcomePanel(flow, copy, locale, acted, backToStart, backToStart, () =>
      opener.begin(flow.retry),
    );
    if (outcome !== null) return outcome;
  }

  // The order itself could not be read (unknown, another customer's, signed out): nothing to pay.
  if (phase === 'idle' && flow.orderError !== null) {
    return <ErrorPanel title={copy.payFailedTitle} error={flow.orderError} copy={copy} />;
  }

  return (
    <CheckoutStart
      copy={copy}
      amount={amount}
      submitting={phase === 'submitting'}
      onPay={() => {
        setActed(true);
        setShowForm(false);
        opener.begin(() => flow.openCheckout({ display: mode }));
      }}
    />
  );
}
