import type { Meta, StoryObj } from '@storybook/react-vite';
import { cardFrameMeta } from '../stories-support/steps-card-frame.js';
import * as Base from './CardPaymentFrame.stories.js';
import { CardPaymentFrame } from './CardPaymentFrame.js';

// The main states in the dark preset (data-kki-theme="dark" on the page), each checked by axe like
// every story: the dark colours must keep every text readable (WCAG AA).
const meta = {
  title: 'Cards/CardPaymentFrame/Dark',
  component: CardPaymentFrame,
  ...cardFrameMeta,
  globals: { theme: 'dark' },
} satisfies Meta<typeof CardPaymentFrame>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  ...Base.Idle,
  name: 'Idle',
  play: Base.Idle.play,
};

export const InvalidInput: Story = {
  ...Base.InvalidInput,
  name: 'Invalid input',
  play: Base.InvalidInput.play,
};

export const OnCardPage: Story = {
  ...Base.OnCardPage,
  name: "DOKU's card page in a frame",
  play: Base.OnCardPage.play,
};

export const Succeeded: Story = {
  ...Base.Succeeded,
  name: 'Succeeded',
  play: Base.Succeeded.play,
};

export const DeclinedOnPage: Story = {
  ...Base.DeclinedOnPage,
  name: 'Declined on the card page',
  play: Base.DeclinedOnPage.play,
};

export const Expired: Story = {
  ...Base.Expired,
  name: 'Expired',
  play: Base.Expired.play,
};
