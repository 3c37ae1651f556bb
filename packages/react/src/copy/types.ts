// The shape of the kit's UI copy. Error copy is not here: the BFF words errors in the asked language.
import type { CardPaymentType, KkiIssuerId, KkiLocale, RefundType } from '@kki-kit/contract';

/** Formats an amount already written with the locale's IDR style, e.g. `Rp 150.000`. */
type WithAmount = (amount: string) => string;

/** Text more than one component shows: the card fields, the countdown, error panels, issuers' names. */
export interface KkiSharedCopy {
  readonly cardNumberLabel: string;
  readonly cardNumberHint: string;
  readonly cardNumberRequired: string;
  readonly cardNumberLength: string;
  readonly issuerDetected: (issuerName: string) => string;
  readonly otpLabel: string;
  readonly otpHint: string;
  readonly otpRequired: string;
  readonly otpInvalid: string;
  readonly timeLeft: (mmss: string) => string;
  readonly timeLeftLabel: string;
  readonly networkError: string;
  readonly retry: string;
  readonly startOver: string;
  /** Title of a request that got no answer: the BFF may have acted on it. */
  readonly unconfirmedTitle: string;
  /** What such a request may have done, and that asking again is safe. */
  readonly unconfirmedText: string;
  /** The button that asks again (the same request, never a second one). */
  readonly checkAgain: string;
  readonly cancel: string;
  readonly close: string;
  readonly issuerName: (issuer: KkiIssuerId | null) => string;
  readonly payCardPage: string;
  readonly savedCardDescription: (issuerName: string, maskedCpan: string) => string;
}

/** `KkiPayButton`: what both of its paths show (its title, the outcomes). */
export interface KkiPayCopy {
  readonly payTitle: string;
  readonly paySubmitting: string;
  readonly payConfirmInApp: (issuerName: string) => string;
  readonly payOtpRedirect: string;
  readonly payPending: string;
  readonly paySucceeded: WithAmount;
  readonly payFailedTitle: string;
  readonly payExpired: string;
  readonly payCancelled: string;
  readonly payCancelButton: string;
  readonly checkoutWaiting: string;
  readonly checkoutOpenAgain: string;
  readonly checkoutPaidWith: (channel: 'kki' | 'card') => string;
}

/** `KkiPayButton`'s host-to-host path (the card form and the wait for the bank), loaded with it. */
export interface KkiPayH2hCopy {
  readonly ottLabel: string;
  readonly ottHint: string;
  readonly ottRequired: string;
  readonly ottInvalid: string;
  readonly payWithNewCard: string;
  readonly payWithSavedCard: string;
  readonly saveCardLabel: string;
  readonly savedCardLabel: string;
  readonly payButton: WithAmount;
  readonly payButtonNoAmount: string;
  readonly payConfirmInAppHint: string;
  readonly payOpenIssuerApp: (issuerName: string) => string;
  readonly payOtpRedirectLink: string;
  /** "Check now": the customer says they confirmed; the kit asks the BFF at once. */
  readonly payCheckNow: string;
  readonly payChecking: string;
  /** After "check now", when the bank has not confirmed yet. */
  readonly payNotConfirmedYet: string;
  /** Said to screen readers once, a minute before the confirmation time runs out. */
  readonly payTimeAlmostUp: string;
  /** The QR code of the issuer-app link (desktop): its caption and its image's alt text. */
  readonly payScanQr: (issuerName: string) => string;
  /** Read after a link that opens in a new tab. */
  readonly opensInNewTab: string;
  readonly noSavedCards: string;
  readonly chooseSavedCard: string;
}

/** `KkiPayButton`'s DOKU Checkout path (the card is typed on DOKU's page), loaded with it. */
export interface KkiPayCheckoutCopy {
  readonly checkoutIntro: string;
  readonly checkoutPayButton: WithAmount;
  readonly checkoutPayButtonNoAmount: string;
  readonly checkoutOpening: string;
  readonly checkoutWaitingHint: string;
  readonly checkoutPopupBlocked: string;
  readonly checkoutFrameTitle: string;
  readonly checkoutCancelQuestion: string;
  readonly checkoutCancelConfirm: string;
  readonly checkoutCancelKeep: string;
}

/** `KkiBindCard`. */
export interface KkiBindCardCopy {
  readonly bindTitle: string;
  readonly holderNameLabel: string;
  readonly holderEmailLabel: string;
  readonly holderPhoneLabel: string;
  readonly holderPhoneHint: string;
  readonly holderEmailInvalid: string;
  readonly holderPhoneInvalid: string;
  readonly bindButton: string;
  readonly bindSubmitting: string;
  readonly bindOtpSent: string;
  readonly bindVerifyButton: string;
  readonly bindVerifying: string;
  readonly bindAttemptsLeft: (n: number) => string;
  readonly bindOtpPageIntro: string;
  readonly bindOtpPageLink: string;
  readonly bindOtpPageNewTab: string;
  readonly bindSucceeded: (maskedCpan: string) => string;
  readonly bindFailedTitle: string;
  readonly bindExpired: string;
  readonly bindCheckoutNote: string;
}

/** `SavedCardsList`. */
export interface KkiSavedCardsCopy {
  readonly savedCardsTitle: string;
  readonly savedCardsLoading: string;
  readonly savedCardsEmpty: string;
  readonly savedCardsLoadFailed: string;
  readonly savedCardAddedOn: (date: string) => string;
  readonly savedCardRemoving: string;
  readonly savedCardPay: string;
  readonly savedCardRemove: string;
  readonly savedCardRemoveConfirm: (maskedCpan: string) => string;
  readonly savedCardRemoveYes: string;
  readonly savedCardRemoveNo: string;
  readonly savedCardRemoved: (maskedCpan: string) => string;
  readonly savedCardsCheckoutNote: string;
}

/** `CardPaymentFrame`. */
export interface KkiCardFrameCopy {
  readonly cardFrameTitle: string;
  readonly cardFrameOpen: WithAmount;
  readonly cardFrameOpenNoAmount: string;
  readonly cardFrameLoading: string;
  readonly cardFrameChecking: string;
  readonly cardFrameSucceeded: string;
  readonly cardFrameAuthorized: string;
  readonly cardFrameFailedTitle: string;
  readonly cardFrameExpired: string;
  readonly paymentTypeLabel: (type: CardPaymentType) => string;
  readonly installmentLabel: string;
  /** A plan: the bank's name, the months and each month's amount (formatted). */
  readonly installmentOption: (bank: string, tenor: number, monthly: string) => string;
  readonly installmentNone: string;
}

/** `RefundForm`. */
export interface KkiRefundCopy {
  readonly refundTitle: string;
  readonly refundKindLabel: string;
  readonly refundFull: string;
  readonly refundPartial: string;
  readonly refundAmountLabel: string;
  readonly refundAmountHint: WithAmount;
  readonly refundAmountRequired: string;
  readonly refundAmountInvalid: string;
  readonly refundAmountTooHigh: WithAmount;
  readonly refundReasonLabel: string;
  readonly refundButton: WithAmount;
  /** The refund button while a partial refund has no amount typed yet. */
  readonly refundButtonNoAmount: string;
  /** The "everything" choice once part of the payment was refunded: what is left, not the whole. */
  readonly refundRest: string;
  /** The question before a refund is sent (`confirm` prop). */
  readonly refundConfirmQuestion: WithAmount;
  readonly refundConfirmYes: string;
  readonly refundConfirmBack: string;
  readonly refundSubmitting: string;
  readonly refundNothingLeft: string;
  /** Nothing left to refund because a refund of the rest is still being processed. */
  readonly refundRestPending: string;
  readonly refundCreated: (type: string, status: string) => string;
  readonly refundHistoryTitle: string;
  readonly refundHistoryEmpty: string;
  readonly refundHistoryLoading: string;
  readonly refundColumnDate: string;
  readonly refundColumnAmount: string;
  readonly refundColumnType: string;
  readonly refundColumnStatus: string;
  readonly refundColumnReason: string;
  readonly refundType: (type: RefundType | null) => string;
  readonly refundStatus: (status: 'pending' | 'succeeded' | 'failed') => string;
  readonly refundFailedTitle: string;
}

/**
 * Every piece of text the components show, per locale. Merchants replace any key through
 * `KkiProvider`'s `copy` prop; functions receive the values they mention.
 */
export interface KkiCopy
  extends KkiSharedCopy,
    KkiPayCopy,
    KkiPayH2hCopy,
    KkiPayCheckoutCopy,
    KkiBindCardCopy,
    KkiSavedCardsCopy,
    KkiCardFrameCopy,
    KkiRefundCopy {}

/** Merchant replacements for any copy key. */
export type KkiCopyOverridesUi = Partial<KkiCopy>;

/**
 * A language of the kit's UI: its code (sent to the BFF, which words errors in it; also the IDR and
 * date format) and its copy. Bahasa Indonesia is built in; another language is its own import, so a
 * page ships only the copy it shows: `import { en } from '@kki-kit/react/locale/en'`, then
 * `<KkiProvider locale={en}>`.
 */
export interface KkiUiLocale {
  readonly code: KkiLocale;
  readonly copy: KkiCopy;
}
