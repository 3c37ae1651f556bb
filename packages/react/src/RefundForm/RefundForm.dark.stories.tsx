import type { Meta, StoryObj } from '@storybook/react-vite';
import { refundFormMeta } from '../stories-support/steps-refund-form.js';
import * as Base from './RefundForm.stories.js';
import { RefundForm } from './RefundForm.js';

// The main states in the dark preset (data-kki-theme="dark" on the page), each checked by axe like
// every story: the dark colours must keep every text readable (WCAG AA).
const meta = {
  title: 'KKI/RefundForm/Dark',
  component: RefundForm,
  ...refundFormMeta,
  globals: { theme: 'dark' },
} satisfies Meta<typeof RefundForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  ...Base.Idle,
  name: 'Idle with history',
  play: Base.Idle.play,
};

export const InvalidInput: Story = {
  ...Base.InvalidInput,
  name: 'Invalid input',
  play: Base.InvalidInput.play,
};

export const Pending: Story = {
  ...Base.Pending,
  name: 'Pending',
  play: Base.Pending.play,
};

export const PartialSucceeded: Story = {
  ...Base.PartialSucceeded,
  name: 'Partial refund succeeded',
  play: Base.PartialSucceeded.play,
};

export const NothingLeft: Story = {
  ...Base.NothingLeft,
  name: 'Refunded in full',
  play: Base.NothingLeft.play,
};
