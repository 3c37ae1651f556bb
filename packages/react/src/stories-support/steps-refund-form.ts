// What the RefundForm stories share: an earlier partial refund, refunding the rest, and the KKI and
// Cards refund error flows (read by store staff).
import { formatIdr } from '@kki-kit/contract';
import type { MswApi } from 'msw-storybook-addon/types';
import { fn, userEvent } from 'storybook/test';
import { answer } from './bff-handlers.js';
import { errorStories } from './error-stories.js';
import { type PlayContext, playKit } from './play.js';
import { STORY_AMOUNT, STORY_PAYMENT_ID, storyRefund } from './views.js';

/** A partial refund made earlier, so the form shows history and what is left. */
export const earlierRefund = storyRefund();
export const LEFT_TO_REFUND = STORY_AMOUNT - earlierRefund.amount;

/** The args and mock BFF every RefundForm story starts from. */
export const refundFormMeta = {
  args: {
    paymentId: STORY_PAYMENT_ID,
    amount: STORY_AMOUNT,
    onSuccess: fn(),
    onPending: fn(),
    onError: fn(),
  },
  beforeEach({ msw }: { msw: MswApi }) {
    msw.use(answer('listRefunds', { refunds: [earlierRefund] }));
  },
};

/** Presses the full-refund button (what is left after the earlier refund). */
export async function refundTheRest(context: PlayContext): Promise<void> {
  const { canvas, copy, locale } = playKit(context);
  await userEvent.click(
    await canvas.findByRole('button', { name: copy.refundButton(formatIdr(LEFT_TO_REFUND, locale)) }),
  );
}

/** KKI refund (SNAP 58) refusals. */
export const kkiRefundErrors = errorStories({
  flow: 'kki_refund',
  route: 'createRefund',
  act: refundTheRest,
});

/** Cards (Non-SNAP) refund refusals, including DOKU's `refund.status: FAILED`. */
export const cardRefundErrors = errorStories({
  flow: 'card_refund',
  route: 'createRefund',
  act: refundTheRest,
});
