// A component's copy from its own Bahasa Indonesia sections and the provider's copy.
import { useMemo } from 'react';
import type { KkiSharedCopy } from '../copy/index.js';
import type { KkiContextValue } from '../provider/context.js';

/**
 * The copy a component shows: its built-in Bahasa Indonesia `section` (and a lazily loaded part's
 * `more`) under the provider's copy (the shared section, the chosen language and the merchant's
 * replacements). Each component brings its own sections, so a page ships the text of the components
 * it renders, not of all five.
 */
export function useSectionCopy<S extends object, M extends object = Record<never, never>>(
  ctx: KkiContextValue,
  section: S,
  more?: M,
): KkiSharedCopy & S & M {
  // The provider's copy holds every key the language or the merchant set: it wins over the sections.
  return useMemo(
    () => ({ ...section, ...more, ...ctx.copy }) as KkiSharedCopy & S & M,
    [section, more, ctx.copy],
  );
}
