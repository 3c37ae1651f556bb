// The kit's built-in copy (Bahasa Indonesia) and how a language and the merchant's overrides are
// merged. English lives in its own entry (`@kki-kit/react/locale/en`), so pages in Indonesian never
// ship it; each component carries its own section of the Indonesian text (`./id/`).
import { id } from './id/index.js';
import type { KkiCopy, KkiCopyOverridesUi, KkiUiLocale } from './types.js';

export type {
  KkiBindCardCopy,
  KkiCardFrameCopy,
  KkiCopy,
  KkiCopyOverridesUi,
  KkiPayCheckoutCopy,
  KkiPayCopy,
  KkiPayH2hCopy,
  KkiRefundCopy,
  KkiSavedCardsCopy,
  KkiSharedCopy,
  KkiUiLocale,
} from './types.js';

/** Bahasa Indonesia, the built-in default language, whole. */
export const KKI_ID: KkiUiLocale = { code: 'id', copy: id };

/** The copy of `locale` (default Bahasa Indonesia) with the merchant's replacements applied key by key. */
export function resolveCopy(locale: KkiUiLocale = KKI_ID, overrides?: KkiCopyOverridesUi): KkiCopy {
  return overrides === undefined ? locale.copy : { ...locale.copy, ...overrides };
}
