// What the SavedCardsList stories share: two saved cards, removing the first, and the KKI unbinding
// and Cards token-removal error flows (read by the card's owner).
import type { MswApi } from 'msw-storybook-addon/types';
import { fn, userEvent } from 'storybook/test';
import { answer } from './bff-handlers.js';
import { errorStories } from './error-stories.js';
import { type PlayContext, playKit } from './play.js';
import { storySavedCards } from './views.js';

/** The args and mock BFF every SavedCardsList story starts from. */
export const savedCardsMeta = {
  args: { onSelect: fn(), onRemove: fn(), onError: fn(), selectedCardId: 'card_story0001' },
  beforeEach({ msw }: { msw: MswApi }) {
    msw.use(answer('listSavedCards', { cards: [...storySavedCards] }));
  },
};

/** Opens the first card's removal step and confirms it. */
export async function removeFirstCard(context: PlayContext): Promise<void> {
  const { canvas, copy } = playKit(context);
  const [remove] = await canvas.findAllByRole('button', { name: copy.savedCardRemove });
  await userEvent.click(remove as HTMLElement);
  await userEvent.click(canvas.getByRole('button', { name: copy.savedCardRemoveYes }));
}

/** KKI card unbinding (SNAP 05) refusals. */
export const kkiUnbindingErrors = errorStories({
  flow: 'kki_unbinding',
  route: 'removeSavedCard',
  act: removeFirstCard,
});

/** Cards (Non-SNAP) token removal refusals, including DOKU's `DELETE FAILED`. */
export const cardRemovalErrors = errorStories({
  flow: 'card_removal',
  route: 'removeSavedCard',
  act: removeFirstCard,
});
