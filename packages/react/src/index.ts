'use client';
/**
 * `@kki-kit/react`: drop-in React components and headless hooks for DOKU KKI and Cards payments,
 * talking only to the kki-kit BFF. Import a component from its own subpath
 * (`@kki-kit/react/KkiPayButton`) to ship only that one.
 */
// The typed BFF client lives in @kki-kit/client; re-exported so existing imports keep working.
export {
  createKkiClient,
  type KkiClient,
  type KkiClientOptions,
  type KkiJsonRouteId,
  type KkiRequestInput,
  KkiRequestError,
  newIdempotencyKey,
} from '@kki-kit/client';
// Bahasa Indonesia is built in; other languages are their own entries (`@kki-kit/react/locale/en`).
export {
  type KkiBindCardCopy,
  type KkiCardFrameCopy,
  type KkiCopy,
  type KkiCopyOverridesUi,
  type KkiPayCheckoutCopy,
  type KkiPayCopy,
  type KkiPayH2hCopy,
  type KkiRefundCopy,
  type KkiSavedCardsCopy,
  type KkiSharedCopy,
  type KkiUiLocale,
  resolveCopy,
} from './copy/index.js';
export { AmountText, type AmountTextProps } from './fields/AmountText.js';
export { Countdown, type CountdownProps } from './fields/Countdown.js';
export { CpanInput, type CpanInputProps } from './fields/CpanInput.js';
export { cpanDigits, cpanProblem, formatCpan } from './fields/cpan.js';
export { LiveRegion, type LiveRegionProps } from './fields/LiveRegion.js';
export { OtpInput, type OtpInputProps, otpProblem } from './fields/OtpInput.js';
export { kkiQueryKeys } from './internal/query-keys.js';
export {
  type KkiAppearance,
  type KkiAppearanceVariables,
  type KkiContextValue,
  KkiProvider,
  type KkiPollingOptions,
  type KkiProviderProps,
  type KkiProviderTarget,
  useKkiContext,
} from './provider/index.js';
export { useKkiCopy } from './provider/useKkiCopy.js';
// Named, not `export *`: webpack's React Server Components loader (Next.js 15, `next build
// --webpack`) refuses `export *` in a 'use client' module.
export {
  CardPaymentFrame,
  type CardPaymentFrameProps,
  type KkiCardPageRequest,
  type KkiInstallmentChoice,
  type UseCardPaymentPageOptions,
  type UseCardPaymentPageResult,
  useCardPaymentPage,
} from './CardPaymentFrame/index.js';
export {
  KkiBindCard,
  type KkiBindCardProps,
  type KkiBindingAction,
  type KkiBindingInput,
  type KkiBindingPhase,
  type UseCardBindingOptions,
  type UseCardBindingResult,
  useCardBinding,
} from './KkiBindCard/index.js';
export {
  KkiPayButton,
  type KkiPayButtonProps,
  type KkiPaymentAction,
  type KkiPaymentCallbacks,
  type KkiPaymentPhase,
  type KkiPaymentSource,
  type UseKkiPaymentOptions,
  type UseKkiPaymentResult,
  useKkiPayment,
} from './KkiPayButton/index.js';
export {
  type KkiRefundRequest,
  RefundForm,
  type RefundFormProps,
  type RefundResult,
  type UseRefundOptions,
  type UseRefundResult,
  useRefund,
} from './RefundForm/index.js';
export {
  type RemoveCardRedirect,
  type RemoveCardResult,
  SavedCardsList,
  type SavedCardsListProps,
  type UseSavedCardsOptions,
  type UseSavedCardsResult,
  useSavedCards,
} from './SavedCardsList/index.js';
