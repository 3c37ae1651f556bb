import { createKkiError } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { catalogueCopy, expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { checkoutMeta, checkoutResumeArgs, onDokuPage } from '../stories-support/steps-pay-button.js';
import { storyCheckoutPayment } from '../stories-support/views.js';
import { KkiPayButton } from './KkiPayButton.js';

// DOKU Checkout: the BFF's config says `checkout` (a merchant without PCI DSS). No card field; one
// button opens DOKU's page. `parameters.kkiCheckoutState` is what test/story-coverage.test.ts reads.
// A failed Checkout payment, per code, is in KkiPayButton.checkout-errors.stories.tsx.
const meta = {
  title: 'KKI/KkiPayButton/Checkout',
  component: KkiPayButton,
  ...checkoutMeta,
} satisfies Meta<typeof KkiPayButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  parameters: { kkiCheckoutState: 'idle' },
  name: 'idle (no card field)',
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) })).toBeEnabled();
    await expect(canvas.queryByLabelText(copy.cardNumberLabel)).toBeNull();
    await expectShown(context.canvasElement, copy.checkoutIntro);
  },
};

export const Opening: Story = {
  parameters: { kkiCheckoutState: 'opening' },
  name: "opening DOKU's page",
  beforeEach({ msw }) {
    msw.use(hang('createCheckoutPayment'));
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) }));
    await expect(await canvas.findByRole('button', { name: copy.checkoutOpening })).toBeInTheDocument();
  },
};

export const Waiting: Story = {
  parameters: { kkiCheckoutState: 'waiting' },
  name: "waiting while the shopper is on DOKU's page",
  args: checkoutResumeArgs,
  beforeEach({ msw }) {
    msw.use(answer('getPayment', onDokuPage(3600)));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.checkoutWaiting })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: copy.checkoutOpenAgain })).toBeInTheDocument();
    await expect(canvas.getByRole('timer')).toBeInTheDocument();
  },
};

export const Succeeded: Story = {
  parameters: { kkiCheckoutState: 'succeeded' },
  name: 'succeeded (paid with a card on DOKU)',
  args: checkoutResumeArgs,
  beforeEach({ msw }) {
    msw.use(answer('getPayment', storyCheckoutPayment({ status: 'succeeded', checkoutChannel: 'card' })));
  },
  play: async (context) => {
    const { canvas, copy, amount } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.paySucceeded(amount) })).toBeInTheDocument();
    await expectShown(context.canvasElement, copy.checkoutPaidWith('card'));
  },
};

export const Expired: Story = {
  parameters: { kkiCheckoutState: 'expired' },
  name: "expired (DOKU's page ran out of time)",
  args: checkoutResumeArgs,
  beforeEach({ msw, globals }) {
    const error = createKkiError('payment_expired', { locale: storyLocale(globals) });
    msw.use(answer('getPayment', storyCheckoutPayment({ status: 'expired', error })));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.payExpired })).toBeInTheDocument();
  },
};

export const Cancelled: Story = {
  parameters: { kkiCheckoutState: 'cancelled' },
  name: 'cancelled (asked first)',
  args: checkoutResumeArgs,
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
};

export const Refused: Story = {
  parameters: { kkiCheckoutState: 'refused' },
  name: 'refused: another payment of the order is open',
  beforeEach({ msw, globals }) {
    msw.use(refuse('createCheckoutPayment', 'order_payment_open', { locale: storyLocale(globals) }));
  },
  play: async (context) => {
    const { canvas, copy, amount, locale } = playKit(context);
    await userEvent.click(await canvas.findByRole('button', { name: copy.checkoutPayButton(amount) }));
    await expectShown(context.canvasElement, catalogueCopy('order_payment_open', locale));
  },
};
