// What a failure story proves: the copy its flow's reader gets for the code is on screen, outside the
// hidden live region.
import {
  type KkiCopyFlow,
  type KkiErrorCode,
  type KkiErrorFlow,
  type KkiLocale,
  kkiFlowCopy,
} from '@kki-kit/contract';
import { expect, waitFor } from 'storybook/test';

/** `parameters.kkiCase` of a failure story: which flow and catalogue code it shows. */
export interface KkiCaseParameter {
  readonly flow: KkiErrorFlow;
  readonly code: KkiErrorCode;
  /** SNAP case codes behind it (empty for Non-SNAP flows). */
  readonly caseCodes: readonly string[];
  /** DOKU's codes that lead to it in this flow, for the reader of the story. */
  readonly dokuCodes: readonly string[];
}

/** The text the reader of `flow` reads for `code` in `locale` (the catalogue's copy for the flow). */
export function flowCopy(flow: KkiCopyFlow, code: KkiErrorCode, locale: KkiLocale): string {
  const copy = kkiFlowCopy(flow, code);
  if (copy === undefined) throw new Error(`no ${flow} copy for ${code}`);
  return copy[locale];
}

/** The catalogue's shopper copy for `code` (payment flows). */
export const catalogueCopy = (code: KkiErrorCode, locale: KkiLocale): string =>
  flowCopy('payment', code, locale);

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
