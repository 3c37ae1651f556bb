// The kit's built-in copy (Bahasa Indonesia) and how a language and the merchant's overrides are
// merged. English lives in its own entry (`@kki-kit/react/locale/en`), so pages in Indonesian never
// ship it.
import { id } from './id.js';
import type { KkiCopy, KkiCopyOverridesUi, KkiUiLocale } from './types.js';

export type { KkiCopy, KkiCopyOverridesUi, KkiUiLocale } from './types.js';

/** Bahasa Indonesia, the built-in default language. */
export const KKI_ID: KkiUiLocale = { code: 'id', copy: id };

/** The copy of `locale` (default Bahasa Indonesia) with the merchant's replacements applied key by key. */
export function resolveCopy(locale: KkiUiLocale = KKI_ID, overrides?: KkiCopyOverridesUi): KkiCopy {
  return overrides === undefined ? locale.copy : { ...locale.copy, ...overrides };
}
