import type { Meta, StoryObj } from '@storybook/react-vite';
import { bindCardMeta } from '../stories-support/steps-bind-card.js';
import * as Base from './KkiBindCard.stories.js';
import { KkiBindCard } from './KkiBindCard.js';

// The main states in the dark preset (data-kki-theme="dark" on the page), each checked by axe like
// every story: the dark colours must keep every text readable (WCAG AA).
const meta = {
  title: 'KKI/KkiBindCard/Dark',
  component: KkiBindCard,
  ...bindCardMeta,
  globals: { theme: 'dark' },
} satisfies Meta<typeof KkiBindCard>;
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

export const WaitingForOtp: Story = {
  ...Base.WaitingForOtp,
  name: 'Waiting for the SMS OTP',
  play: Base.WaitingForOtp.play,
};

export const WrongOtp: Story = {
  ...Base.WrongOtp,
  name: 'Wrong OTP',
  play: Base.WrongOtp.play,
};

export const Succeeded: Story = {
  ...Base.Succeeded,
  name: 'Succeeded',
  play: Base.Succeeded.play,
};

export const Expired: Story = {
  ...Base.Expired,
  name: 'Expired',
  play: Base.Expired.play,
};
