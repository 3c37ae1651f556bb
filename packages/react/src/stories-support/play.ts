// Small steps the play functions share: the copy of the story's locale and typing into labelled fields.
import { formatIdr, type KkiLocale } from '@kki-kit/contract';
import { within } from 'storybook/test';
import type { KkiCopy } from '../copy/index.js';
import { STORY_LOCALES, storyLocale } from './provider-decorator.js';
import { STORY_AMOUNT } from './views.js';

/** What a play function needs from its story context. */
export interface PlayContext {
  readonly canvasElement: HTMLElement;
  readonly globals: Record<string, unknown>;
}

/** The canvas queries, the locale, the kit's copy in it, and the story amount as the shopper reads it. */
export function playKit(context: PlayContext): {
  canvas: ReturnType<typeof within>;
  locale: KkiLocale;
  copy: KkiCopy;
  amount: string;
} {
  const locale = storyLocale(context.globals);
  return {
    canvas: within(context.canvasElement),
    locale,
    copy: STORY_LOCALES[locale].copy,
    amount: formatIdr(STORY_AMOUNT, locale),
  };
}
