import { createKkiError, type KitConfig, type KkiErrorCode } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { dokuCodesFor } from '../stories-support/case-codes.js';
import { catalogueCopy, type KkiCaseParameter } from '../stories-support/failure-copy.js';
import { failureStory } from '../stories-support/failure-story.js';
import { APPEARANCES, storyLocale } from '../stories-support/provider-decorator.js';
import {
  STORY_CPAN,
  STORY_ORDER_ID,
  STORY_PAYMENT_ID,
  secondsFromNow,
  storyCheckoutPayment,
  storyOrder,
  storyPayment,
  storySavedCards,
} from '../stories-support/views.js';
import { KkiPayButton } from './KkiPayButton.js';

const meta = {
  title: 'KKI/KkiPayButton',
  component: KkiPayButton,
  args: { orderId: STORY_ORDER_ID, showSavedCards: true, allowSaveCard: true },
  beforeEach({ msw }) {
    msw.use(
      answer('getKitConfig', { kki: { integration: 'h2h' }, checkout: null }),
      answer('getOrder', storyOrder()),
      answer('listSavedCards', { cards: [] }),
    );
  },
} satisfies Meta<typeof KkiPayButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const issuerApp = (seconds: number) =>
  ({
    type: 'issuer_app',
    url: 'https://app.bri.test/kki/confirm',
    issuer: 'bri',
    expiresAt: secondsFromNow(seconds),
  }) as const;

/** Types the story card and a one-time code, then presses Pay. */
async function payWithNewCard(context: PlayContext): Promise<void> {
  const { canvas, copy, amount } = playKit(context);
  await userEvent.type(await canvas.findByLabelText(copy.cardNumberLabel), STORY_CPAN);
  await userEvent.type(canvas.getByLabelText(copy.ottLabel), 'OTT123');
  await userEvent.click(canvas.getByRole('button', { name: copy.payButton(amount) }));
}

export const Idle: Story = {
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.payButton(amount) })).toBeEnabled();
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('autocomplete', 'cc-number');
  },
};

/** The toolbar globals at work: English copy and amounts, and a dark --kki-* theme on the root. */
export const IdleInEnglishNightMarket: Story = {
  name: 'Idle (English, "night market" appearance)',
  globals: { locale: 'en', appearance: 'night market' },
  play: async (context) => {
    const { canvas } = playKit(context);
    const button = await canvas.findByRole('button', { name: 'Pay IDR 250,000' });
    const root = (button as HTMLElement).closest('.kki-root') as HTMLElement | null;
    await expect(root?.style.getPropertyValue('--kki-color-primary')).toBe(
      APPEARANCES['night market'].variables.colorPrimary,
    );
    await expect(canvas.getByLabelText('Card number')).toBeInTheDocument();
  },
};

export const FailedInEnglish: Story = {
  name: 'Failed: do_not_honor (English)',
  globals: { locale: 'en', appearance: 'merah putih' },
  beforeEach({ msw }) {
    msw.use(refuse('createKkiPayment', 'do_not_honor', { locale: 'en', dokuResponseCode: '4035405' }));
  },
  play: async (context) => {
    const { canvas } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('heading', { name: 'Payment not completed' })).toBeInTheDocument();
    await expectShown(
      context.canvasElement,
      'Your card was declined by the issuing bank. Try another card or contact your bank.',
    );
  },
};

export const InvalidInput: Story = {
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.payButton(amount) }));
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('aria-invalid', 'true');
    await expectShown(context.canvasElement, copy.cardNumberRequired);
    await expectShown(context.canvasElement, copy.ottRequired);
  },
};

export const WithSavedCards: Story = {
  beforeEach({ msw }) {
    msw.use(answer('listSavedCards', { cards: [...storySavedCards] }));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('radio', { name: copy.payWithSavedCard })).toBeInTheDocument();
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createKkiPayment'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('button', { name: copy.paySubmitting })).toBeInTheDocument();
  },
};

export const WaitingForIssuerApp: Story = {
  name: 'Waiting for the issuer app (countdown)',
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    const bri = copy.issuerName('bri');
    await expect(await canvas.findByRole('heading', { name: copy.payConfirmInApp(bri) })).toBeInTheDocument();
    await expect(canvas.getByRole('link', { name: copy.payOpenIssuerApp(bri) })).toBeInTheDocument();
    await expect(await canvas.findByRole('timer')).toBeInTheDocument();
  },
};

export const OtpRedirect: Story = {
  name: "Waiting for the bank's OTP page",
  beforeEach({ msw }) {
    const waiting = storyPayment({
      nextAction: { type: 'otp_redirect', url: 'https://otp.bri.test/kki/1', expiresAt: secondsFromNow(300) },
    });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('link', { name: copy.payOtpRedirectLink })).toBeInTheDocument();
  },
};

export const Pending: Story = {
  name: 'Pending at the bank',
  beforeEach({ msw }) {
    msw.use(answer('createKkiPayment', storyPayment()), answer('getPayment', storyPayment()));
  },
  play: async (context) => {
    await payWithNewCard(context);
    await expectShown(context.canvasElement, playKit(context).copy.payPending);
  },
};

export const Succeeded: Story = {
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    msw.use(
      answer('createKkiPayment', waiting),
      answer('getPayment', (n) => (n < 1 ? waiting : storyPayment({ status: 'succeeded' }))),
    );
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await payWithNewCard(context);
    await expect(await canvas.findByRole('heading', { name: copy.paySucceeded(amount) })).toBeInTheDocument();
  },
};

export const Expired: Story = {
  name: 'Expired (issuer app not confirmed in time)',
  beforeEach({ msw }) {
    const waiting = storyPayment({ nextAction: issuerApp(1) });
    msw.use(answer('createKkiPayment', waiting), answer('getPayment', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await expect(
      await canvas.findByRole('heading', { name: copy.payExpired }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

export const Cancelled: Story = {
  name: 'Cancelled while waiting for the issuer app',
  beforeEach({ msw, globals }) {
    const waiting = storyPayment({ nextAction: issuerApp(300) });
    const error = createKkiError('transaction_cancelled', { locale: storyLocale(globals) });
    msw.use(
      answer('createKkiPayment', waiting),
      answer('getPayment', waiting),
      answer('cancelPayment', storyPayment({ status: 'cancelled', error })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await payWithNewCard(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.payCancelButton }));
    await expectShown(context.canvasElement, copy.payCancelled);
  },
};

const failed = failureStory({ flow: 'payment', route: 'createKkiPayment', act: payWithNewCard });

// One story per code DOKU's payment service (54) can lead to; test/story-coverage.test.ts keeps this complete.
export const FailedInvalidCpan: Story = failed('invalid_cpan');
export const FailedInvalidAmount: Story = failed('invalid_amount');
export const FailedInsufficientFunds: Story = failed('insufficient_funds');
export const FailedTransactionNotPermitted: Story = failed('transaction_not_permitted');
export const FailedBadRequest: Story = failed('bad_request');
export const FailedDuplicateRequest: Story = failed('duplicate_request');
export const FailedSuspectedFraud: Story = failed('suspected_fraud');
export const FailedFrequencyLimitExceeded: Story = failed('frequency_limit_exceeded');
export const FailedDoNotHonor: Story = failed('do_not_honor');
export const FailedNoCardRecord: Story = failed('no_card_record');
export const FailedInvalidFieldFormat: Story = failed('invalid_field_format');
export const FailedMissingMandatoryField: Story = failed('missing_mandatory_field');
export const FailedInvalidAccessToken: Story = failed('invalid_access_token');
export const FailedPaymentExpired: Story = failed('payment_expired');
export const FailedFeatureUnavailableNow: Story = failed('feature_unavailable_now');
export const FailedCardBlocked: Story = failed('card_blocked');
export const FailedDormantAccount: Story = failed('dormant_account');
export const FailedTokenLimitRequired: Story = failed('token_limit_required');
export const FailedTransactionSuspended: Story = failed('transaction_suspended');
export const FailedTokenLimitExceeded: Story = failed('token_limit_exceeded');
export const FailedCardInactive: Story = failed('card_inactive');
export const FailedMerchantBlacklisted: Story = failed('merchant_blacklisted');
export const FailedMerchantLimitExceeded: Story = failed('merchant_limit_exceeded');
export const FailedSetLimitNotAllowed: Story = failed('set_limit_not_allowed');
export const FailedTokenLimitInvalid: Story = failed('token_limit_invalid');
export const FailedAccountLimitExceeded: Story = failed('account_limit_exceeded');
export const FailedOtpNotRequested: Story = failed('otp_not_requested');
export const FailedJourneyNotFound: Story = failed('journey_not_found');
export const FailedNoIssuer: Story = failed('no_issuer');
export const FailedInvalidApiTransition: Story = failed('invalid_api_transition');
export const FailedPartnerNotFound: Story = failed('partner_not_found');
export const FailedInvalidTerminal: Story = failed('invalid_terminal');
export const FailedInconsistentRequest: Story = failed('inconsistent_request');
export const FailedRateLimited: Story = failed('rate_limited');
export const FailedDokuTimeout: Story = failed('doku_timeout');
export const FailedOttExpiredOrNotPermitted: Story = failed('ott_expired_or_not_permitted');
export const FailedOttRejected: Story = failed('ott_rejected');

// DOKU Checkout: the BFF's config says `checkout` (a merchant without PCI DSS). No card field; one
// button opens DOKU's page. `parameters.kkiCheckoutState` is what test/story-coverage.test.ts reads.

const CHECKOUT_CONFIG: KitConfig = {
  kki: { integration: 'checkout' },
  checkout: { methods: ['kki', 'card'] },
};
const DOKU_PAGE = 'https://checkout.doku.test/checkout/link/story';
const onDokuPage = (seconds: number) =>
  storyCheckoutPayment({
    nextAction: { type: 'checkout_page', url: DOKU_PAGE, expiresAt: secondsFromNow(seconds) },
  });

/** A Checkout state story: the checkout config, and the payment picked up from the return address. */
function checkoutState(state: string, story: Story & { readonly resume?: boolean }): Story {
  const { resume, ...rest } = story;
  return {
    ...rest,
    name: `Checkout: ${story.name ?? state}`,
    ...(resume && { args: { orderId: STORY_ORDER_ID, resumePaymentId: STORY_PAYMENT_ID } }),
    parameters: { ...story.parameters, kkiCheckoutState: state },
    beforeEach(context) {
      context.msw.use(answer('getKitConfig', CHECKOUT_CONFIG));
      return story.beforeEach instanceof Function ? story.beforeEach(context) : undefined;
    },
  };
}

export const CheckoutIdle: Story = checkoutState('idle', {
  name: 'idle (no card field)',
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) })).toBeEnabled();
    await expect(canvas.queryByLabelText(copy.cardNumberLabel)).toBeNull();
    await expectShown(context.canvasElement, copy.checkoutIntro);
  },
});

export const CheckoutOpening: Story = checkoutState('opening', {
  name: "opening DOKU's page",
  beforeEach({ msw }) {
    msw.use(hang('createCheckoutPayment'));
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) }));
    await expect(await canvas.findByRole('button', { name: copy.checkoutOpening })).toBeInTheDocument();
  },
});

export const CheckoutWaiting: Story = checkoutState('waiting', {
  name: "waiting while the shopper is on DOKU's page",
  resume: true,
  beforeEach({ msw }) {
    msw.use(answer('getPayment', onDokuPage(3600)));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.checkoutWaiting })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: copy.checkoutOpenAgain })).toBeInTheDocument();
    await expect(canvas.getByRole('timer')).toBeInTheDocument();
  },
});

export const CheckoutSucceeded: Story = checkoutState('succeeded', {
  name: 'succeeded (paid with a card on DOKU)',
  resume: true,
  beforeEach({ msw }) {
    msw.use(answer('getPayment', storyCheckoutPayment({ status: 'succeeded', checkoutChannel: 'card' })));
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.paySucceeded(amount) })).toBeInTheDocument();
    await expectShown(context.canvasElement, copy.checkoutPaidWith('card'));
  },
});

export const CheckoutExpired: Story = checkoutState('expired', {
  name: "expired (DOKU's page ran out of time)",
  resume: true,
  beforeEach({ msw, globals }) {
    const error = createKkiError('payment_expired', { locale: storyLocale(globals) });
    msw.use(answer('getPayment', storyCheckoutPayment({ status: 'expired', error })));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.payExpired })).toBeInTheDocument();
  },
});

export const CheckoutCancelled: Story = checkoutState('cancelled', {
  name: 'cancelled (asked first)',
  resume: true,
  beforeEach({ msw, globals }) {
    const error = createKkiError('transaction_cancelled', { locale: storyLocale(globals) });
    msw.use(
      answer('getPayment', onDokuPage(3600)),
      answer('cancelPayment', storyCheckoutPayment({ status: 'cancelled', error })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.payCancelButton }));
    await userEvent.click(await canvas.findByRole('button', { name: copy.checkoutCancelConfirm }));
    await expectShown(context.canvasElement, copy.payCancelled);
  },
});

export const CheckoutRefused: Story = checkoutState('refused', {
  name: 'refused: another payment of the order is open',
  beforeEach({ msw, globals }) {
    msw.use(refuse('createCheckoutPayment', 'order_payment_open', { locale: storyLocale(globals) }));
  },
  play: async (context) => {
    const { canvas, copy, amount, locale } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) }));
    await expectShown(context.canvasElement, catalogueCopy('order_payment_open', locale));
  },
});

/** A Checkout payment DOKU failed with `code`, picked up after the shopper came back. */
function checkoutFailed(code: KkiErrorCode): Story {
  const dokuCodes = dokuCodesFor('checkout', code);
  return checkoutState('failed', {
    name: `failed: ${code}`,
    resume: true,
    parameters: { kkiCase: { flow: 'checkout', code, dokuCodes } satisfies KkiCaseParameter },
    beforeEach({ msw, globals }) {
      const error = createKkiError(code, { locale: storyLocale(globals) });
      msw.use(answer('getPayment', storyCheckoutPayment({ status: 'failed', error })));
    },
    play: async (context) => {
      const { canvas, copy, locale } = playKit(context);
      await expect(await canvas.findByRole('heading', { name: copy.payFailedTitle })).toBeInTheDocument();
      await expectShown(context.canvasElement, catalogueCopy(code, locale));
    },
  });
}

// One story per code a failed Checkout payment can carry; test/story-coverage.test.ts keeps this complete.
export const CheckoutFailedInvalidFieldFormat: Story = checkoutFailed('invalid_field_format');
export const CheckoutFailedInvalidAmount: Story = checkoutFailed('invalid_amount');
export const CheckoutFailedBadRequest: Story = checkoutFailed('bad_request');
export const CheckoutFailedInvalidMerchant: Story = checkoutFailed('invalid_merchant');
export const CheckoutFailedUnauthorizedSignature: Story = checkoutFailed('unauthorized_signature');
export const CheckoutFailedDuplicateRequest: Story = checkoutFailed('duplicate_request');
export const CheckoutFailedTransactionNotFound: Story = checkoutFailed('transaction_not_found');
export const CheckoutFailedInvalidTransactionStatus: Story = checkoutFailed('invalid_transaction_status');
export const CheckoutFailedDokuServerError: Story = checkoutFailed('doku_server_error');
export const CheckoutFailedRefundFailed: Story = checkoutFailed('refund_failed');
export const CheckoutFailedCardRemovalFailed: Story = checkoutFailed('card_removal_failed');
export const CheckoutFailedCardDeclined: Story = checkoutFailed('card_declined');
