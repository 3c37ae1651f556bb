// Calls back once when a deadline passes (used for the final status check at expiry).
import { useEffect } from 'react';
import { useLatest } from './useLatest.js';

/** Runs `onExpire` once when `expiresAt` passes, or at once if it already has. Cleared on unmount. */
export function useExpiryTimer(expiresAt: string | null | undefined, onExpire: () => void): void {
  const latest = useLatest(onExpire);
  useEffect(() => {
    if (expiresAt == null) return;
    const wait = Math.max(0, Date.parse(expiresAt) - Date.now());
    // setTimeout overflows above 2^31-1 ms; a deadline that far away never fires in a page's life.
    if (wait > 2_147_483_647) return;
    const id = setTimeout(() => latest.current(), wait);
    return () => clearTimeout(id);
  }, [expiresAt, latest]);
}
