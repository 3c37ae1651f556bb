// Every copy key for a custom component: the whole built-in Bahasa Indonesia under the provider's copy.
import { id } from '../copy/id/index.js';
import type { KkiCopy } from '../copy/index.js';
import { useSectionCopy } from '../internal/useSectionCopy.js';
import { useKkiContext } from './context.js';

/**
 * All of the kit's UI copy as the provider's components show it: the provider's language and the
 * merchant's `copy` over the built-in Bahasa Indonesia. For custom components that reuse the kit's
 * words; it brings the whole Indonesian text (about 3 kB gzipped) into the page that calls it.
 *
 * @throws Error when used outside `<KkiProvider>`.
 */
export function useKkiCopy(): KkiCopy {
  // The whole language is one section, laid under the provider's copy as a component's own is.
  return useSectionCopy(useKkiContext('useKkiCopy'), id);
}
