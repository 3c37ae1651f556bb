'use client';
// A non-error state (waiting, done): text, optional details and actions. Takes focus when it appears
// so keyboard users are not left on a button that has gone.
import { type ReactElement, type ReactNode, useEffect, useRef } from 'react';

/** Props of {@link StatusPanel}. */
export interface StatusPanelProps {
  /** Move focus here when shown (after the customer acted; never on page load). */
  readonly focusOnMount?: boolean;
  readonly tone: 'waiting' | 'success' | 'info';
  readonly title: string;
  readonly children?: ReactNode;
}

/** A titled panel for one state of a flow. */
export function StatusPanel({ tone, title, children, focusOnMount = false }: StatusPanelProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <div className={`kki-panel kki-panel--${tone}`} aria-busy={tone === 'waiting' ? true : undefined}>
      <h3 className="kki-panel-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </div>
  );
}
