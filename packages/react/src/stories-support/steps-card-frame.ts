// What the CardPaymentFrame stories share: their args and mock BFF, opening DOKU's card page (a local
// stub page), and the Cards payment error flow.
import type { MswApi } from 'msw-storybook-addon/types';
import { userEvent } from 'storybook/test';
import { answer } from './bff-handlers.js';
import { errorStories } from './error-stories.js';
import { type PlayContext, playKit } from './play.js';
import { paymentCallbacks } from './steps-pay-button.js';
import { STORY_ORDER_ID, secondsFromNow, storyCardPayment, storyOrder } from './views.js';

/** DOKU's card page as a local stub (served from .storybook/public), so the frame shows a real page. */
export const DOKU_CARD_PAGE = '/doku-stub/card.html';

/** The args and mock BFF every CardPaymentFrame story starts from. */
export const cardFrameMeta = {
  args: { orderId: STORY_ORDER_ID, paymentTypes: ['SALE'], ...paymentCallbacks() },
  beforeEach({ msw }: { msw: MswApi }) {
    msw.use(answer('getOrder', storyOrder()));
  },
} as const;

/** A Cards payment waiting on DOKU's card page, which expires in `seconds`. */
export const onCardPage = (seconds: number) =>
  storyCardPayment({
    nextAction: {
      type: 'card_page',
      url: new URL(DOKU_CARD_PAGE, window.location.href).href,
      expiresAt: secondsFromNow(seconds),
    },
  });

/** Presses "pay by card", which asks the BFF for DOKU's card page. */
export async function openCardPage(context: PlayContext): Promise<void> {
  const { canvas, copy, amount } = playKit(context);
  await userEvent.click(await canvas.findByRole('button', { name: copy.cardFrameOpen(amount) }));
}

/** Cards (Non-SNAP) payment refusals. */
export const cardPaymentErrors = errorStories({
  flow: 'card_payment',
  route: 'createCardPayment',
  act: openCardPage,
});
