// Appearance: the merchant's design tokens, written as the kit's `--kki-*` CSS variables.
import type { CSSProperties } from 'react';

/** Design tokens the kit's stylesheet reads, one per `--kki-*` variable. */
export interface KkiAppearanceVariables {
  /** `--kki-color-primary`: buttons, focus ring, links. */
  readonly colorPrimary?: string;
  /** `--kki-color-primary-text`: text on primary buttons. */
  readonly colorPrimaryText?: string;
  /** `--kki-color-text`. */
  readonly colorText?: string;
  /** `--kki-color-text-muted`: hints and secondary text. */
  readonly colorTextMuted?: string;
  /** `--kki-color-background`. */
  readonly colorBackground?: string;
  /** `--kki-color-border`. */
  readonly colorBorder?: string;
  /** `--kki-color-danger`: errors. */
  readonly colorDanger?: string;
  /** `--kki-color-danger-text`: text on danger buttons. */
  readonly colorDangerText?: string;
  /** `--kki-color-success`. */
  readonly colorSuccess?: string;
  /** `--kki-font-family`. */
  readonly fontFamily?: string;
  /** `--kki-font-size`. */
  readonly fontSize?: string;
  /** `--kki-radius`. */
  readonly borderRadius?: string;
  /** `--kki-spacing`: the base gap between rows. */
  readonly spacing?: string;
}

/**
 * How the components look: CSS variables on each component's root. They apply in the light and the
 * dark preset alike (the theme is the stylesheet's: `data-kki-theme` or `prefers-color-scheme`).
 */
export interface KkiAppearance {
  readonly variables?: KkiAppearanceVariables;
}

// Each token is its name in kebab case, except `borderRadius`: the stylesheet calls it `--kki-radius`.
const toVar = (key: string) =>
  key === 'borderRadius' ? '--kki-radius' : `--kki-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The inline style setting the given variables (e.g. `colorPrimary` → `--kki-color-primary`,
 * `borderRadius` → `--kki-radius`).
 */
export function appearanceStyle(appearance: KkiAppearance | undefined): CSSProperties | undefined {
  const vars = appearance?.variables;
  if (vars === undefined) return undefined;
  const style: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (typeof value === 'string') style[toVar(key)] = value;
  }
  return style as CSSProperties;
}
