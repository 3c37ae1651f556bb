import { createKkiError } from '@kki-kit/contract';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { answer, hang } from '../stories-support/bff-handlers.js';
import { catalogueCopy, expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import {
  cardFrameMeta,
  DOKU_CARD_PAGE,
  onCardPage as onPage,
  openCardPage,
} from '../stories-support/steps-card-frame.js';
import { storyCardPayment } from '../stories-support/views.js';
import { CardPaymentFrame } from './CardPaymentFrame.js';

// Failures per DOKU code are in CardPaymentFrame.errors.stories.tsx, generated from the contract's
// error flows.
const meta = {
  title: 'Cards/CardPaymentFrame',
  component: CardPaymentFrame,
  ...cardFrameMeta,
} satisfies Meta<typeof CardPaymentFrame>;

export default meta;
type Story = StoryObj<typeof meta>;
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
      new URL(DOKU_CARD_PAGE, window.location.href).href,
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
