import { formatIdr } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { answer, hang } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { failureStory } from '../stories-support/failure-story.js';
import { STORY_AMOUNT, STORY_PAYMENT_ID, storyRefund } from '../stories-support/views.js';
import { RefundForm } from './RefundForm.js';

const earlier = storyRefund();
const LEFT = STORY_AMOUNT - earlier.amount;

const meta = {
  title: 'KKI/RefundForm',
  component: RefundForm,
  args: { paymentId: STORY_PAYMENT_ID, amount: STORY_AMOUNT },
  beforeEach({ msw }) {
    msw.use(answer('listRefunds', { refunds: [earlier] }));
  },
} satisfies Meta<typeof RefundForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Presses the full-refund button (what is left after the earlier refund). */
async function refundTheRest(context: PlayContext): Promise<void> {
  const { canvas, copy, locale } = playKit(context);
  await userEvent.click(
    await canvas.findByRole('button', { name: copy.refundButton(formatIdr(LEFT, locale)) }),
  );
}

export const Idle: Story = {
  name: 'Idle with history',
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    const table = await canvas.findByRole('table', { name: copy.refundHistoryTitle });
    await expect(within(table).getByText(earlier.reason ?? '')).toBeInTheDocument();
  },
};

export const InvalidInput: Story = {
  name: 'Invalid input (above what is left)',
  play: async (context) => {
    const { canvas, copy, locale } = playKit(context);
    await userEvent.click(await canvas.findByRole('radio', { name: copy.refundPartial }));
    await userEvent.type(canvas.getByLabelText(copy.refundAmountLabel), String(STORY_AMOUNT));
    // The button never offers more than what is left.
    await userEvent.click(canvas.getByRole('button', { name: copy.refundButton(formatIdr(LEFT, locale)) }));
    await expect(canvas.getByLabelText(copy.refundAmountLabel)).toHaveAttribute('aria-invalid', 'true');
    await expectShown(context.canvasElement, copy.refundAmountTooHigh(formatIdr(LEFT, locale)));
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createRefund'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await refundTheRest(context);
    await expect(await canvas.findByRole('button', { name: copy.refundSubmitting })).toBeInTheDocument();
  },
};

export const Pending: Story = {
  beforeEach({ msw }) {
    const pending = storyRefund({
      id: 'ref_story0002',
      amount: LEFT,
      type: null,
      status: 'pending',
      reason: null,
    });
    msw.use(
      answer('createRefund', pending),
      answer('listRefunds', (n) => ({ refunds: n === 0 ? [earlier] : [earlier, pending] })),
    );
  },
  play: async (context) => {
    const { copy } = playKit(context);
    await refundTheRest(context);
    await expectShown(context.canvasElement, copy.refundStatus('pending'));
  },
};

export const Succeeded: Story = {
  beforeEach({ msw }) {
    const done = storyRefund({ id: 'ref_story0002', amount: LEFT, type: 'KKI_FULL_REFUND', reason: null });
    msw.use(
      answer('createRefund', done),
      answer('listRefunds', (n) => ({ refunds: n === 0 ? [earlier] : [earlier, done] })),
    );
  },
  play: async (context) => {
    const { copy } = playKit(context);
    await refundTheRest(context);
    await expectShown(context.canvasElement, copy.refundNothingLeft);
  },
};

export const NothingLeft: Story = {
  name: 'Refunded in full',
  beforeEach({ msw }) {
    msw.use(
      answer('listRefunds', { refunds: [storyRefund({ amount: STORY_AMOUNT, type: 'KKI_FULL_REFUND' })] }),
    );
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.refundNothingLeft);
  },
};

const failed = failureStory({ flow: 'refund', route: 'createRefund', act: refundTheRest });
const failedInCards = failureStory({
  flow: 'cards',
  route: 'createRefund',
  act: refundTheRest,
  nameFlow: true,
});

/** A Cards refund DOKU reported as `refund.status: FAILED`. */
export const CardsRefundFailed: Story = failedInCards('refund_failed');

// One story per code DOKU's refund service (58) can lead to; test/story-coverage.test.ts keeps this complete.
export const FailedInvalidCpan: Story = failed('invalid_cpan');
export const FailedInvalidAmount: Story = failed('invalid_amount');
export const FailedInsufficientFunds: Story = failed('insufficient_funds');
export const FailedTransactionNotPermitted: Story = failed('transaction_not_permitted');
export const FailedBadRequest: Story = failed('bad_request');
export const FailedDuplicateRequest: Story = failed('duplicate_request');
export const FailedIssuerUnavailable: Story = failed('issuer_unavailable');
export const FailedSuspectedFraud: Story = failed('suspected_fraud');
export const FailedFrequencyLimitExceeded: Story = failed('frequency_limit_exceeded');
export const FailedDoNotHonor: Story = failed('do_not_honor');
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
export const FailedTransactionNotFound: Story = failed('transaction_not_found');
export const FailedOtpNotRequested: Story = failed('otp_not_requested');
export const FailedJourneyNotFound: Story = failed('journey_not_found');
export const FailedNoIssuer: Story = failed('no_issuer');
export const FailedInvalidApiTransition: Story = failed('invalid_api_transition');
export const FailedPartnerNotFound: Story = failed('partner_not_found');
export const FailedInvalidTerminal: Story = failed('invalid_terminal');
export const FailedInconsistentRequest: Story = failed('inconsistent_request');
export const FailedRateLimited: Story = failed('rate_limited');
export const FailedDokuTimeout: Story = failed('doku_timeout');
export const FailedRequestNotPermitted: Story = failed('request_not_permitted');
