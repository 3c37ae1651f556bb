// What the KkiBindCard stories share: their args, binding a card, and the binding error flow.
import { fn, userEvent } from 'storybook/test';
import { errorStories } from './error-stories.js';
import { type PlayContext, playKit } from './play.js';
import { STORY_CPAN } from './views.js';

/** DOKU's OTP page as a local stub (served from .storybook/public), so links and frames open a real page. */
export const DOKU_OTP_PAGE = '/doku-stub/otp.html';

/** The args every KkiBindCard story starts from, each callback a spy for the Actions panel. */
export const bindCardMeta = {
  args: {
    mode: 'redirect',
    otpPage: 'popup',
    onSuccess: fn(),
    onError: fn(),
    onRequiresAction: fn(),
  },
} as const;

/** Types the story card (and, for the H2H OTP mode, a phone number), then presses "add card". */
export async function bindCard(context: PlayContext, withPhone = false): Promise<void> {
  const { canvas, copy } = playKit(context);
  await userEvent.type(await canvas.findByLabelText(copy.cardNumberLabel), STORY_CPAN);
  await userEvent.type(canvas.getByLabelText(copy.holderNameLabel), 'Siti Rahma');
  if (withPhone) await userEvent.type(canvas.getByLabelText(copy.holderPhoneLabel), '6281234567890');
  await userEvent.click(canvas.getByRole('button', { name: copy.bindButton }));
}

/** KKI card binding (SNAP 01) refusals, after the shopper typed a card and pressed "add card". */
export const kkiBindingErrors = errorStories({
  flow: 'kki_binding',
  route: 'createBinding',
  act: (context) => bindCard(context),
});
