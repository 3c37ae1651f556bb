'use client';
// DOKU Checkout's page in an overlay on the shop's page: a modal dialog with a title, a close button
// and the page in an iframe. Focus stays inside while it is open, Esc closes it, and focus returns to
// where it was. Closing hides the page only: the payment stays open until it ends or is cancelled.
import { type CSSProperties, type KeyboardEvent, type ReactElement, useEffect, useId, useRef } from 'react';

// The overlay's layout is inline, not in styles.css: it is what makes the overlay a modal at all, so it
// holds without the optional stylesheet, and it costs bytes only in the bundle that opens Checkout.
// React sets these through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows.
// The kki-overlay* classes stay as hooks for a shop's own look.
const OVERLAY: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 2147483000,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: 'rgb(0 0 0 / 0.5)',
};
const DIALOG: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  width: 'min(480px, 100vw)',
  height: 'min(760px, 100vh)',
  background: 'var(--kki-color-background)',
  borderRadius: 'var(--kki-radius)',
  overflow: 'hidden',
};
const BAR: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: '0.5rem',
  padding: '0.5rem 0.75rem',
};
const TITLE: CSSProperties = { margin: 0, fontSize: '1rem' };
const FRAME: CSSProperties = { flex: 1, width: '100%', border: 0 };

/** Props of {@link CheckoutOverlay}. */
export interface CheckoutOverlayProps {
  readonly url: string;
  readonly title: string;
  readonly closeLabel: string;
  readonly onClose: () => void;
}

/** The overlay; render it only while open. */
export function CheckoutOverlay({ url, title, closeLabel, onClose }: CheckoutOverlayProps): ReactElement {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  // Focus moves in on open and back on close; focus that leaves the dialog (Tab past the page, a
  // click behind it) is brought back, so the shop's page behind stays out of reach while it is open.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const keepInside = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof Node && dialogRef.current?.contains(target)) return;
      closeRef.current?.focus();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      before?.focus();
    };
  }, []);

  // Tab cycles between the close button and the page; Esc closes.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const first = closeRef.current;
    const last = frameRef.current;
    if (first === null || last === null) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="kki-overlay" style={OVERLAY}>
      <div
        ref={dialogRef}
        className="kki-overlay-dialog"
        style={DIALOG}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <div className="kki-overlay-bar" style={BAR}>
          <h3 id={titleId} className="kki-overlay-title" style={TITLE}>
            {title}
          </h3>
          <button ref={closeRef} type="button" className="kki-button kki-button--secondary" onClick={onClose}>
            {closeLabel}
          </button>
        </div>
        <iframe ref={frameRef} className="kki-overlay-frame" style={FRAME} src={url} title={title} />
      </div>
    </div>
  );
}
