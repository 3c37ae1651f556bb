import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { catalogueCopy, expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { failureStory } from '../stories-support/failure-story.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { STORY_CPAN, secondsFromNow, storyBinding } from '../stories-support/views.js';
import { KkiBindCard } from './KkiBindCard.js';

const meta = {
  title: 'KKI/KkiBindCard',
  component: KkiBindCard,
  args: { mode: 'redirect', otpPage: 'popup' },
} satisfies Meta<typeof KkiBindCard>;

export default meta;
type Story = StoryObj<typeof meta>;

const otpStep = (seconds: number, attemptsLeft = 3) =>
  ({ type: 'otp_input', expiresAt: secondsFromNow(seconds), attemptsLeft }) as const;
const otpPage = (seconds: number) =>
  ({
    type: 'otp_redirect',
    url: 'https://otp.doku.test/bind/story',
    expiresAt: secondsFromNow(seconds),
  }) as const;

/** Types the story card (and, for the H2H OTP mode, a phone number), then presses "add card". */
async function bindCard(context: PlayContext, withPhone = false): Promise<void> {
  const { canvas, copy } = playKit(context);
  await userEvent.type(await canvas.findByLabelText(copy.cardNumberLabel), STORY_CPAN);
  await userEvent.type(canvas.getByLabelText(copy.holderNameLabel), 'Siti Rahma');
  if (withPhone) await userEvent.type(canvas.getByLabelText(copy.holderPhoneLabel), '6281234567890');
  await userEvent.click(canvas.getByRole('button', { name: copy.bindButton }));
}

export const Idle: Story = {
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.bindButton })).toBeEnabled();
  },
};

export const InvalidInput: Story = {
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await userEvent.type(await canvas.findByLabelText(copy.holderEmailLabel), 'not-an-email');
    await userEvent.click(canvas.getByRole('button', { name: copy.bindButton }));
    await expect(canvas.getByLabelText(copy.cardNumberLabel)).toHaveAttribute('aria-invalid', 'true');
    await expectShown(context.canvasElement, copy.cardNumberRequired);
    await expectShown(context.canvasElement, copy.holderEmailInvalid);
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createBinding'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(await canvas.findByRole('button', { name: copy.bindSubmitting })).toBeInTheDocument();
  },
};

export const WaitingForOtp: Story = {
  name: 'Waiting for the SMS OTP (typed here, countdown)',
  args: { mode: 'otp' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ nextAction: otpStep(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context, true);
    await expect(await canvas.findByLabelText(copy.otpLabel)).toHaveAttribute(
      'autocomplete',
      'one-time-code',
    );
    await expectShown(context.canvasElement, copy.bindAttemptsLeft(3));
    await expect(await canvas.findByRole('timer')).toBeInTheDocument();
  },
};

export const WrongOtp: Story = {
  name: 'Wrong OTP (attempts left)',
  args: { mode: 'otp' },
  beforeEach({ msw, globals }) {
    const waiting = storyBinding({ nextAction: otpStep(300, 2) });
    msw.use(
      answer('createBinding', storyBinding({ nextAction: otpStep(300) })),
      answer('getBinding', waiting),
      refuse('verifyBindingOtp', 'invalid_otp', { locale: storyLocale(globals) }),
    );
  },
  play: async (context) => {
    const { canvas, copy, locale } = playKit(context);
    await bindCard(context, true);
    await userEvent.type(await canvas.findByLabelText(copy.otpLabel), '123456');
    await userEvent.click(canvas.getByRole('button', { name: copy.bindVerifyButton }));
    await expectShown(context.canvasElement, catalogueCopy('invalid_otp', locale));
  },
};

export const OtpPageInNewTab: Story = {
  name: "DOKU's OTP page in a new tab",
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    const link = await canvas.findByRole('link', { name: copy.bindOtpPageLink });
    await expect(link).toHaveAttribute('href', 'https://otp.doku.test/bind/story');
    await expect(link).toHaveAttribute('target', '_blank');
  },
};

export const OtpPageByRedirect: Story = {
  name: "DOKU's OTP page by redirect",
  args: { otpPage: 'redirect' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(await canvas.findByRole('link', { name: copy.bindOtpPageLink })).toBeInTheDocument();
  },
};

export const Succeeded: Story = {
  beforeEach({ msw }) {
    const waiting = storyBinding({ mode: 'redirect', nextAction: otpPage(300) });
    const active = storyBinding({ mode: 'redirect', status: 'active', cardId: 'card_story0001' });
    msw.use(
      answer('createBinding', waiting),
      answer('getBinding', (n) => (n < 1 ? waiting : active)),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context);
    await expect(
      await canvas.findByRole('heading', { name: copy.bindSucceeded('936000******5670') }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

export const Expired: Story = {
  name: 'Expired (OTP not entered in time)',
  args: { mode: 'otp' },
  beforeEach({ msw }) {
    const waiting = storyBinding({ nextAction: otpStep(1) });
    msw.use(answer('createBinding', waiting), answer('getBinding', waiting));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await bindCard(context, true);
    await expect(
      await canvas.findByRole('heading', { name: copy.bindExpired }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

const failed = failureStory({ flow: 'binding', route: 'createBinding', act: bindCard });

// One story per code DOKU's card binding service (01) can lead to; test/story-coverage.test.ts keeps this complete.
export const FailedInvalidCpan: Story = failed('invalid_cpan');
export const FailedInvalidAmount: Story = failed('invalid_amount');
export const FailedInsufficientFunds: Story = failed('insufficient_funds');
export const FailedTransactionNotPermitted: Story = failed('transaction_not_permitted');
export const FailedBadRequest: Story = failed('bad_request');
export const FailedCardAlreadyBound: Story = failed('card_already_bound');
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
export const FailedDuplicateRequest: Story = failed('duplicate_request');
export const FailedRateLimited: Story = failed('rate_limited');
export const FailedDokuTimeout: Story = failed('doku_timeout');
export const FailedOttExpiredOrNotPermitted: Story = failed('ott_expired_or_not_permitted');
export const FailedOttRejected: Story = failed('ott_rejected');
