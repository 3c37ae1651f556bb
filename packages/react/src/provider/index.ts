'use client';
/**
 * `@kki-kit/react/KkiProvider`: the provider and what custom components read from it, without the
 * components. Importing it from here rather than from `@kki-kit/react` keeps a page's bundle to what
 * it renders under bundlers that split code less exactly than Rollup (esbuild with `splitting`:
 * about 1.8 kB less; see the README, "Bundle size").
 */
export type { KkiAppearance, KkiAppearanceVariables } from './appearance.js';
export { type KkiContextValue, type KkiPollingOptions, useKkiContext } from './context.js';
export { KkiProvider, type KkiProviderProps, type KkiProviderTarget } from './KkiProvider.js';
