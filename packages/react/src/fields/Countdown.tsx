'use client';
// Time left until a deadline, as mm:ss; renders nothing on the server (the clock differs there).
import type { ReactElement } from 'react';
import type { KkiSharedCopy } from '../copy/index.js';
import { useNow } from '../internal/useNow.js';

/** Props of {@link Countdown}. */
export interface CountdownProps {
  /** ISO timestamp of the deadline. */
  readonly expiresAt: string;
  readonly copy: KkiSharedCopy;
}

/** `04:59`-style time left. */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * A countdown. `role="timer"` is not live by default, so screen readers are not told every second;
 * the status changes go through the provider's live region instead.
 */
export function Countdown({ expiresAt, copy }: CountdownProps): ReactElement | null {
  const now = useNow();
  if (now === null) return null;
  const left = formatTimeLeft(Date.parse(expiresAt) - now);
  return (
    <p className="kki-countdown" role="timer" aria-label={copy.timeLeftLabel}>
      {copy.timeLeft(left)}
    </p>
  );
}
