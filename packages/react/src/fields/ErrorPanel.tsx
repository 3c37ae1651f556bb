'use client';
// A failure: title, the catalogue's copy, and the way forward (retry only where the code is retryable).
import type { KkiError } from '@kki-kit/contract';
import { type ReactElement, useEffect, useRef } from 'react';
import type { KkiSharedCopy } from '../copy/index.js';

/** Props of {@link ErrorPanel}. */
export interface ErrorPanelProps {
  /** Move focus here when shown (after the customer acted; never on page load). */
  readonly focusOnMount?: boolean;
  readonly title: string;
  readonly error: KkiError;
  readonly copy: KkiSharedCopy;
  /** Offered only when `error.retryable`. */
  readonly onRetry?: () => void;
  /** Offered always: start a fresh attempt. */
  readonly onStartOver?: () => void;
}

/** Shows a failure and takes focus, so keyboard and screen-reader users land on it. */
export function ErrorPanel({
  title,
  error,
  copy,
  onRetry,
  onStartOver,
  focusOnMount,
}: ErrorPanelProps): ReactElement {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <div className="kki-panel kki-panel--error" data-kki-error={error.code}>
      <h3 className="kki-panel-title" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <p className="kki-panel-text">{error.message}</p>
      <div className="kki-actions">
        {error.retryable && onRetry !== undefined && (
          <button type="button" className="kki-button kki-button--primary" onClick={onRetry}>
            {copy.retry}
          </button>
        )}
        {onStartOver !== undefined && (
          <button
            type="button"
            className={`kki-button kki-button--${error.retryable && onRetry !== undefined ? 'secondary' : 'primary'}`}
            onClick={onStartOver}
          >
            {copy.startOver}
          </button>
        )}
      </div>
    </div>
  );
}
