// The kit's copy per locale, and how a merchant's overrides are merged in.
import type { KkiLocale } from '@kki-kit/contract';
import { en } from './en.js';
import { id } from './id.js';
import type { KkiCopy, KkiCopyOverridesUi } from './types.js';

export type { KkiCopy, KkiCopyOverridesUi } from './types.js';

/** The built-in copy of each locale. */
export const KKI_COPY: { readonly [L in KkiLocale]: KkiCopy } = { id, en };

/** The copy of `locale` with the merchant's replacements applied key by key. */
export function resolveCopy(locale: KkiLocale, overrides?: KkiCopyOverridesUi): KkiCopy {
  return overrides === undefined ? KKI_COPY[locale] : { ...KKI_COPY[locale], ...overrides };
}
