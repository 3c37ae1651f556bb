import { createKkiError } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang } from '../stories-support/bff-handlers.js';
import { catalogueCopy, expectShown } from '../stories-support/failure-copy.js';
import { type PlayContext, playKit } from '../stories-support/play.js';
import { failureStory } from '../stories-support/failure-story.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { STORY_ORDER_ID, secondsFromNow, storyCardPayment, storyOrder } from '../stories-support/views.js';
import { CardPaymentFrame } from './CardPaymentFrame.js';

const meta = {
  title: 'Cards/CardPaymentFrame',
  component: CardPaymentFrame,
  args: { orderId: STORY_ORDER_ID, paymentTypes: ['SALE'] },
  beforeEach({ msw }) {
    msw.use(answer('getOrder', storyOrder()));
  },
} satisfies Meta<typeof CardPaymentFrame>;

export default meta;
type Story = StoryObj<typeof meta>;

const onPage = (seconds: number) =>
  storyCardPayment({
    nextAction: {
      type: 'card_page',
      url: 'https://pay.doku.test/card/story',
      expiresAt: secondsFromNow(seconds),
    },
  });

/** Presses "pay by card", which asks the BFF for DOKU's card page. */
async function openCardPage(context: PlayContext): Promise<void> {
  const { canvas, copy, amount } = playKit(context);
  await userEvent.click(await canvas.findByRole('button', { name: copy.cardFrameOpen(amount) }));
}

export const Idle: Story = {
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.cardFrameOpen(amount) })).toBeEnabled();
  },
};

export const InvalidInput: Story = {
  name: 'Invalid input (installment plan not chosen)',
  args: {
    paymentTypes: ['SALE', 'INSTALLMENT'],
    installmentPlans: [
      { acquirer: 'BNI', tenor: 3 },
      { acquirer: 'BANK_MANDIRI', tenor: 12 },
    ],
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await userEvent.click(await canvas.findByRole('radio', { name: copy.paymentTypeLabel('INSTALLMENT') }));
    await openCardPage(context);
    await expect(canvas.getByLabelText(copy.installmentLabel)).toHaveAccessibleDescription(
      copy.installmentNone,
    );
  },
};

export const Submitting: Story = {
  beforeEach({ msw }) {
    msw.use(hang('createCardPayment'));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await openCardPage(context);
    await expect(await canvas.findByRole('button', { name: copy.cardFrameLoading })).toBeInTheDocument();
  },
};

export const OnCardPage: Story = {
  name: "DOKU's card page in a frame (countdown)",
  beforeEach({ msw }) {
    const page = onPage(600);
    msw.use(answer('createCardPayment', page), answer('getPayment', page));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await openCardPage(context);
    await expect(await canvas.findByTitle(copy.cardFrameTitle)).toHaveAttribute(
      'src',
      'https://pay.doku.test/card/story',
    );
    await expect(canvas.getByRole('timer')).toBeInTheDocument();
  },
};

export const Succeeded: Story = {
  beforeEach({ msw }) {
    msw.use(answer('createCardPayment', storyCardPayment({ status: 'succeeded' })));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await openCardPage(context);
    await expect(await canvas.findByRole('heading', { name: copy.cardFrameSucceeded })).toBeInTheDocument();
  },
};

export const Authorized: Story = {
  name: 'Authorized (AUTHORIZE, capture later)',
  args: { paymentTypes: ['AUTHORIZE'] },
  beforeEach({ msw }) {
    msw.use(
      answer('createCardPayment', storyCardPayment({ cardPaymentType: 'AUTHORIZE', status: 'authorized' })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await openCardPage(context);
    await expect(await canvas.findByRole('heading', { name: copy.cardFrameAuthorized })).toBeInTheDocument();
  },
};

export const DeclinedOnPage: Story = {
  name: 'Declined on the card page (read from the BFF)',
  beforeEach({ msw, globals }) {
    const error = createKkiError('do_not_honor', { locale: storyLocale(globals) });
    msw.use(
      answer('createCardPayment', onPage(600)),
      answer('getPayment', storyCardPayment({ status: 'failed', error })),
    );
  },
  play: async (context) => {
    await openCardPage(context);
    await expectShown(context.canvasElement, catalogueCopy('do_not_honor', playKit(context).locale));
  },
};

export const Expired: Story = {
  name: 'Expired (card page ran out of time)',
  beforeEach({ msw }) {
    const page = onPage(1);
    msw.use(answer('createCardPayment', page), answer('getPayment', page));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await openCardPage(context);
    await expect(
      await canvas.findByRole('heading', { name: copy.cardFrameExpired }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

const failed = failureStory({ flow: 'cards', route: 'createCardPayment', act: openCardPage });

// One story per code DOKU's Cards API can lead to when paying (refund and token-deletion failures are
// in RefundForm and SavedCardsList); test/story-coverage.test.ts keeps this complete.
export const FailedInvalidFieldFormat: Story = failed('invalid_field_format');
export const FailedInvalidAmount: Story = failed('invalid_amount');
export const FailedBadRequest: Story = failed('bad_request');
export const FailedInvalidMerchant: Story = failed('invalid_merchant');
export const FailedUnauthorizedSignature: Story = failed('unauthorized_signature');
export const FailedDuplicateRequest: Story = failed('duplicate_request');
export const FailedTransactionNotFound: Story = failed('transaction_not_found');
export const FailedInvalidTransactionStatus: Story = failed('invalid_transaction_status');
export const FailedDokuServerError: Story = failed('doku_server_error');
export const FailedCardDeclined: Story = failed('card_declined');
