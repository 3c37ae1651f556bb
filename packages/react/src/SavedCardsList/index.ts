'use client';
// `@kki-kit/react/SavedCardsList`: the saved-cards list and its headless hook.
export { SavedCardsList, type SavedCardsListProps } from './SavedCardsList.js';
export {
  type RemoveCardRedirect,
  type RemoveCardResult,
  type UseSavedCardsOptions,
  type UseSavedCardsResult,
  useSavedCards,
} from './useSavedCards.js';
