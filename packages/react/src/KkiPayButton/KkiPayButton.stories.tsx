import { createKkiError } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { failureStory } from '../stories-support/failure-story.js';
import { APPEARANCES, storyLocale } from '../stories-support/provider-decorator.js';
import {
  STORY_CPAN,
  STORY_ORDER_ID,
  secondsFromNow,
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
