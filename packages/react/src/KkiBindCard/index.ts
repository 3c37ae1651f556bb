'use client';
// `@kki-kit/react/KkiBindCard`: card registration and its headless hook.
export { KkiBindCard, type KkiBindCardProps } from './KkiBindCard.js';
export {
  type KkiBindingAction,
  type KkiBindingInput,
  type KkiBindingPhase,
  type UseCardBindingOptions,
  type UseCardBindingResult,
  useCardBinding,
} from './useCardBinding.js';
