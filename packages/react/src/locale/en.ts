/**
 * `@kki-kit/react/locale/en`: the kit's English, for `<KkiProvider locale={en}>`. Its own entry so
 * pages in Bahasa Indonesia (the built-in default) never ship it; import it statically, or load it
 * with `import()` when the shopper picks English.
 */
import { en as copy } from '../copy/en.js';
import type { KkiUiLocale } from '../copy/types.js';

export type { KkiUiLocale } from '../copy/types.js';

/** English: the `locale` for `KkiProvider`. */
export const en: KkiUiLocale = { code: 'en', copy };
