// What a failure story proves: the catalogue's copy for the code is on screen, outside the hidden live region.
import { createKkiError, type KkiErrorCode, type KkiLocale } from '@kki-kit/contract';
import { expect, waitFor } from 'storybook/test';
import type { KkiStoryFlow } from './case-codes.js';

/** `parameters.kkiCase` of a failure story: which flow and catalogue code it shows. */
export interface KkiCaseParameter {
  readonly flow: KkiStoryFlow;
  readonly code: KkiErrorCode;
  /** DOKU's codes that lead to it in this flow, for the reader of the story. */
  readonly dokuCodes: readonly string[];
}

/** The text the shopper reads for `code` in `locale` (the catalogue's copy, field-aware). */
export const catalogueCopy = (code: KkiErrorCode, locale: KkiLocale, field?: string): string =>
  createKkiError(code, { locale, ...(field !== undefined && { field }) }).message;

/** Waits until `text` is shown in `root` somewhere other than the visually hidden live region. */
export async function expectShown(root: HTMLElement, text: string): Promise<void> {
  await waitFor(
    () => {
      const shown = [...root.querySelectorAll<HTMLElement>('*')].filter(
        (el) =>
          el.closest('[data-kki-live-region]') === null &&
          [...el.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent ?? '')
            .join('')
            .includes(text),
      );
      expect(shown.length, `"${text}" is on screen`).toBeGreaterThan(0);
    },
    { timeout: 5000 },
  );
}
