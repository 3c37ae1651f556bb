/**
 * `@kki-kit/react/locale/id`: Bahasa Indonesia, the language `KkiProvider` uses when given none. Import
 * it to switch back from another language, or to read every copy key (`id.copy`).
 */
export type { KkiUiLocale } from '../copy/types.js';
export { KKI_ID as id } from '../copy/index.js';
