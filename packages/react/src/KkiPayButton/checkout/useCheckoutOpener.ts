// Opens DOKU Checkout's page the way the merchant chose (full-page redirect, popup, overlay) and hears
// the return page's message from the popup or the overlay, which only triggers a read from the BFF.
import { type KkiClient, onCheckoutReturnMessage } from '@kki-kit/client';
import type { CheckoutDisplay, PaymentActionResult } from '@kki-kit/contract';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How `KkiPayButton` shows DOKU Checkout's page: `redirect`, `popup` or `overlay`. */
export type KkiCheckoutMode = CheckoutDisplay;

/** What {@link useCheckoutOpener} gives the button. */
export interface CheckoutOpener {
  /** The overlay is showing (overlay mode). */
  readonly overlayOpen: boolean;
  /** The browser refused the popup: the customer opens it with a button (a new gesture). */
  readonly popupBlocked: boolean;
  /** The page is being left for DOKU's (redirect mode, after the answer). */
  readonly leaving: boolean;
  /**
   * Starts `create` and shows its `checkout_page`. Call it in the click handler: a popup must be
   * opened in the same gesture, before the answer arrives, or the browser blocks it.
   */
  readonly begin: (create: () => Promise<PaymentActionResult | null>) => void;
  /** Shows `url` again (the customer closed the overlay or the popup). */
  readonly reopen: (url: string) => void;
  /** Closes the overlay (nothing is cancelled at the BFF). */
  readonly closeOverlay: () => void;
}

const POPUP_NAME = 'kki-checkout';
const POPUP_FEATURES = 'popup,width=480,height=760';

/** Opens and follows DOKU Checkout's page for `paymentId` (once known). */
export function useCheckoutOpener(
  mode: KkiCheckoutMode,
  client: KkiClient,
  paymentId: string | null,
  onReturn: () => void,
): CheckoutOpener {
  const [overlayOpen, setOverlayOpen] = useState(false);
  const [popupBlocked, setPopupBlocked] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const popup = useRef<Window | null>(null);

  const show = useCallback(
    (url: string) => {
      if (mode === 'redirect') {
        setLeaving(true);
        window.location.assign(url);
      } else if (mode === 'overlay') setOverlayOpen(true);
      else {
        const win = popup.current !== null && !popup.current.closed ? popup.current : null;
        if (win !== null) win.location.href = url;
        else setPopupBlocked(true);
      }
    },
    [mode],
  );

  const begin = useCallback(
    (create: () => Promise<PaymentActionResult | null>) => {
      if (mode === 'popup') {
        // Same gesture as the click: opened blank now, sent to DOKU's page once the BFF answers.
        popup.current = window.open('', POPUP_NAME, POPUP_FEATURES);
        setPopupBlocked(popup.current === null);
      }
      void create().then((r) => {
        if (r?.status === 'requires_action' && r.nextAction.type === 'checkout_page') show(r.nextAction.url);
        else popup.current?.close();
      });
    },
    [mode, show],
  );

  const reopen = useCallback(
    (url: string) => {
      if (mode === 'popup') {
        popup.current = window.open(url, POPUP_NAME, POPUP_FEATURES);
        setPopupBlocked(popup.current === null);
      } else show(url);
    },
    [mode, show],
  );

  // The return page in the popup or the overlay says the customer is done: read the result, close it.
  const latestReturn = useRef(onReturn);
  latestReturn.current = onReturn;
  useEffect(() => {
    if (paymentId === null) return;
    return onCheckoutReturnMessage(client, paymentId, () => {
      setOverlayOpen(false);
      popup.current?.close();
      popup.current = null;
      latestReturn.current();
    });
  }, [client, paymentId]);

  const closeOverlay = useCallback(() => setOverlayOpen(false), []);
  return { overlayOpen, popupBlocked, leaving, begin, reopen, closeOverlay };
}
