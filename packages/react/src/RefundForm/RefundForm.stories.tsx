import { formatIdr } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { answer, hang, unanswered } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import {
  earlierRefund as earlier,
  LEFT_TO_REFUND as LEFT,
  refundFormMeta,
  refundTheRest,
} from '../stories-support/steps-refund-form.js';
import { STORY_AMOUNT, storyRefund } from '../stories-support/views.js';
import { RefundForm } from './RefundForm.js';

// Failures per DOKU case code are in RefundForm.errors.stories.tsx (KKI) and
// RefundForm.cards-errors.stories.tsx (Cards), generated from the contract's error flows.
const meta = {
  title: 'KKI/RefundForm',
  component: RefundForm,
  ...refundFormMeta,
} satisfies Meta<typeof RefundForm>;

export default meta;
type Story = StoryObj<typeof meta>;
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
    // The button names the amount typed; the check refuses it as more than what is left.
    await userEvent.click(
      canvas.getByRole('button', { name: copy.refundButton(formatIdr(STORY_AMOUNT, locale)) }),
    );
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

/** The rest of the payment, refunded and still being processed at DOKU. */
const pendingRest = () =>
  storyRefund({ id: 'ref_story0002', amount: LEFT, type: null, status: 'pending', reason: null });

export const Pending: Story = {
  beforeEach({ msw }) {
    const pending = pendingRest();
    msw.use(
      answer('createRefund', pending),
      answer('listRefunds', (n) => ({ refunds: n === 0 ? [earlier] : [earlier, pending] })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await refundTheRest(context);
    await expectShown(context.canvasElement, copy.refundStatus('pending'));
    // Nothing is left to refund, but not because it was refunded: the rest is still being processed.
    await expectShown(context.canvasElement, copy.refundRestPending);
    await expect(canvas.queryByText(copy.refundNothingLeft)).toBeNull();
  },
};

/**
 * The refund request's answer is lost: DOKU may be refunding, so staff are told the result is not
 * known yet, never that it failed, and are offered only "check again": the same request with its
 * idempotency key (a new one could refund twice).
 */
export const Unconfirmed: Story = {
  name: 'Unconfirmed (no answer), then checked again',
  beforeEach({ msw }) {
    const pending = pendingRest();
    msw.use(
      unanswered('createRefund', pending),
      answer('listRefunds', (n) => ({ refunds: n < 2 ? [earlier] : [earlier, pending] })),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await refundTheRest(context);
    await expect(await canvas.findByRole('heading', { name: copy.unconfirmedTitle })).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: copy.startOver })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: copy.checkAgain }));
    await expectShown(context.canvasElement, copy.refundStatus('pending'));
  },
};

const PART = 100_000;

export const PartialSucceeded: Story = {
  name: 'Partial refund succeeded',
  beforeEach({ msw }) {
    const done = storyRefund({ id: 'ref_story0002', amount: PART, reason: null });
    msw.use(
      answer('createRefund', done),
      answer('listRefunds', (n) => ({ refunds: n === 0 ? [earlier] : [earlier, done] })),
    );
  },
  play: async (context) => {
    const { canvas, copy, locale } = playKit(context);
    await userEvent.click(await canvas.findByRole('radio', { name: copy.refundPartial }));
    await userEvent.type(canvas.getByLabelText(copy.refundAmountLabel), String(PART));
    await userEvent.click(canvas.getByRole('button', { name: copy.refundButton(formatIdr(PART, locale)) }));
    await expectShown(
      context.canvasElement,
      copy.refundCreated(copy.refundType('KKI_PARTIAL_REFUND'), copy.refundStatus('succeeded')),
    );
    // The form stays, offering what is left after both partial refunds.
    const rest = formatIdr(LEFT - PART, locale);
    await userEvent.click(await canvas.findByRole('radio', { name: `${copy.refundRest} (${rest})` }));
    await expect(await canvas.findByRole('button', { name: copy.refundButton(rest) })).toBeEnabled();
    const table = canvas.getByRole('table', { name: copy.refundHistoryTitle });
    await expect(within(table).getAllByRole('row')).toHaveLength(3);
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
