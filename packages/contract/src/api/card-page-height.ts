// The card page's height message, read without zod by the frame in the browser. The message type and
// the fallback height are guesses about DOKU's page (`@kki-kit/doku/open-questions`).
import {
  CARD_PAGE_FALLBACK_HEIGHT_PX,
  CARD_PAGE_FRAME_SANDBOX,
  CARD_PAGE_HEIGHT_MESSAGE_TYPE,
} from '@kki-kit/doku/open-questions';

export { CARD_PAGE_FALLBACK_HEIGHT_PX, CARD_PAGE_FRAME_SANDBOX, CARD_PAGE_HEIGHT_MESSAGE_TYPE };

/** The tallest height a card page may ask for, CSS pixels: anything above is not a page's height. */
export const CARD_PAGE_MAX_HEIGHT_PX = 4000;

/**
 * The height a card page's message asks for (whole CSS pixels, between 1 and
 * {@link CARD_PAGE_MAX_HEIGHT_PX}), or `null` when `data` is not such a message. The caller checks
 * the sender's origin.
 */
export function readCardPageHeight(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, height } = data as Record<string, unknown>;
  // NaN and infinities fail the comparisons.
  return type === CARD_PAGE_HEIGHT_MESSAGE_TYPE &&
    typeof height === 'number' &&
    height >= 1 &&
    height <= CARD_PAGE_MAX_HEIGHT_PX
    ? Math.ceil(height)
    : null;
}
