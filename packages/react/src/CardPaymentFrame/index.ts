'use client';
// `@kki-kit/react/CardPaymentFrame`: DOKU's card page in a frame and its headless hook.
export { CardPaymentFrame, type CardPaymentFrameProps } from './CardPaymentFrame.js';
export {
  type KkiCardPageRequest,
  type KkiInstallmentChoice,
  type UseCardPaymentPageOptions,
  type UseCardPaymentPageResult,
  useCardPaymentPage,
} from './useCardPaymentPage.js';
