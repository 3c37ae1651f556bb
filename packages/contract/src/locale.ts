/** Languages the kit ships copy for. Indonesian comes first: it is the default everywhere. */
export const KKI_LOCALES = ['id', 'en'] as const;

/** A language the kit ships copy for: `id` (Bahasa Indonesia) or `en` (English). */
export type KkiLocale = (typeof KKI_LOCALES)[number];

/** The locale used when the caller does not name one; the kit is Indonesian first. */
export const DEFAULT_LOCALE: KkiLocale = 'id';

/** One piece of customer-facing text in every supported language. */
export type LocalizedText = { readonly [L in KkiLocale]: string };

/** Narrows an unknown value (e.g. a query parameter or `navigator.language` prefix) to a {@link KkiLocale}. */
export function isKkiLocale(value: unknown): value is KkiLocale {
  return typeof value === 'string' && (KKI_LOCALES as readonly string[]).includes(value);
}
