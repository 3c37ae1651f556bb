// Announces a flow's status text through the provider's live region whenever it changes.
import { useEffect } from 'react';
import type { KkiContextValue } from '../provider/context.js';

/** Says `message` politely each time it changes (nothing for `null`). */
export function useAnnounce(ctx: KkiContextValue, message: string | null): void {
  const { announce } = ctx;
  useEffect(() => {
    if (message !== null) announce(message);
  }, [announce, message]);
}
