'use client';
// `@kki-kit/react/KkiPayButton`: the KKI checkout component and its headless hook.
export type { KkiPaymentPhase } from '@kki-kit/client';
export type { KkiPaymentAction, KkiPaymentCallbacks } from '../internal/usePaymentFlow.js';
export { KkiPayButton, type KkiPayButtonProps } from './KkiPayButton.js';
export {
  type KkiPaymentSource,
  type UseKkiPaymentOptions,
  type UseKkiPaymentResult,
  useKkiPayment,
} from './useKkiPayment.js';
