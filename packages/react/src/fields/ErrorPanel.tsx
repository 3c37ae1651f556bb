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
  /** Offered only when `error.retryable`, or when `unconfirmed`. */
  readonly onRetry?: () => void;
  /**
   * The request got no answer (`error` says why, e.g. the network): never "failed", since the BFF may
   * have acted on it. The panel says so instead of `title`, below the error's copy, and offers
   * `onRetry` as "check again": the same request, which the BFF answers for the first.
   */
  readonly unconfirmed?: boolean;
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
  unconfirmed,
}: ErrorPanelProps): ReactElement {
  const retry = onRetry && (error.retryable || unconfirmed);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  return (
    <div className="kki-panel kki-panel--error" data-kki-error={error.code}>
      <h3 className="kki-panel-title" ref={heading} tabIndex={-1}>
        {unconfirmed ? copy.unconfirmedTitle : title}
      </h3>
      <p className="kki-panel-text">{error.message}</p>
      {unconfirmed && <p className="kki-panel-text">{copy.unconfirmedText}</p>}
      <div className="kki-actions">
        {retry && (
          <button type="button" className="kki-button kki-button--primary" onClick={onRetry}>
            {unconfirmed ? copy.checkAgain : copy.retry}
          </button>
        )}
        {onStartOver !== undefined && (
          <button
            type="button"
            className={`kki-button kki-button--${retry ? 'secondary' : 'primary'}`}
            onClick={onStartOver}
          >
            {copy.startOver}
          </button>
        )}
      </div>
    </div>
  );
}
