'use client';
// The one polite live region: always mounted (a region added at the moment it speaks is missed by
// VoiceOver), visually hidden, its text replaced on each announcement.
import type { ReactElement } from 'react';

/** Props of {@link LiveRegion}. */
export interface LiveRegionProps {
  /** What the region says now. */
  readonly message: string;
}

/** A visually hidden `role="status"` region; screen readers read each new message politely. */
export function LiveRegion({ message }: LiveRegionProps): ReactElement {
  return (
    <div className="kki-sr-only" role="status" aria-live="polite" aria-atomic="true" data-kki-live-region="">
      {message}
    </div>
  );
}
