import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { failureStory } from '../stories-support/failure-story.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { storySavedCards } from '../stories-support/views.js';
import { SavedCardsList } from './SavedCardsList.js';

const meta = {
  title: 'KKI/SavedCardsList',
  component: SavedCardsList,
  args: { onSelect: fn(), selectedCardId: 'card_story0001' },
  beforeEach({ msw }) {
    msw.use(answer('listSavedCards', { cards: [...storySavedCards] }));
  },
} satisfies Meta<typeof SavedCardsList>;

export default meta;
type Story = StoryObj<typeof meta>;

const [first] = storySavedCards;

/** Opens the first card's removal step and confirms it. */
async function removeFirstCard(context: PlayContext): Promise<void> {
  const { canvas, copy } = playKit(context);
  const [remove] = await canvas.findAllByRole('button', { name: copy.savedCardRemove });
  await userEvent.click(remove as HTMLElement);
  await userEvent.click(canvas.getByRole('button', { name: copy.savedCardRemoveYes }));
}

export const Loading: Story = {
  beforeEach({ msw }) {
    msw.use(hang('listSavedCards'));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardsLoading);
  },
};

export const Cards: Story = {
  name: 'Cards (masked CPAN, issuer, date)',
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    const list = await canvas.findByRole('list', { name: copy.savedCardsTitle });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await expect(list).toHaveTextContent('936000******5670');
  },
};

export const Empty: Story = {
  beforeEach({ msw }) {
    msw.use(answer('listSavedCards', { cards: [] }));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardsEmpty);
  },
};

export const LoadFailed: Story = {
  beforeEach({ msw, globals }) {
    msw.use(refuse('listSavedCards', 'internal_error', { locale: storyLocale(globals) }));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.savedCardsLoadFailed })).toBeInTheDocument();
  },
};

export const ConfirmRemoval: Story = {
  name: 'Removal asks for confirmation',
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    const [remove] = await canvas.findAllByRole('button', { name: copy.savedCardRemove });
    await userEvent.click(remove as HTMLElement);
    await expectShown(context.canvasElement, copy.savedCardRemoveConfirm(first?.maskedCpan ?? ''));
  },
};

export const Removing: Story = {
  name: 'Removing (pending at DOKU)',
  beforeEach({ msw }) {
    const removing = storySavedCards.map((c, i) => (i === 0 ? { ...c, status: 'removing' as const } : c));
    msw.use(answer('listSavedCards', { cards: removing }));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardRemoving);
  },
};

export const Removed: Story = {
  beforeEach({ msw }) {
    msw.use(
      answer('listSavedCards', (n) => ({ cards: n === 0 ? [...storySavedCards] : storySavedCards.slice(1) })),
      answer('removeSavedCard', { removed: true, card: storySavedCards[0]! }),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await removeFirstCard(context);
    await expect(await canvas.findAllByRole('button', { name: copy.savedCardRemove })).toHaveLength(1);
  },
};

const failed = failureStory({ flow: 'unbinding', route: 'removeSavedCard', act: removeFirstCard });
const failedInCards = failureStory({
  flow: 'cards',
  route: 'removeSavedCard',
  act: removeFirstCard,
  nameFlow: true,
});

/** A Cards token deletion DOKU answered with `DELETE FAILED`. */
export const CardsCardRemovalFailed: Story = failedInCards('card_removal_failed');

// One story per code DOKU's card unbinding service (05) can lead to; test/story-coverage.test.ts keeps this complete.
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
export const FailedRequestNotPermitted: Story = failed('request_not_permitted');
