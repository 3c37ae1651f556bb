import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { playKit } from '../stories-support/play.js';
import { payButtonMeta } from '../stories-support/steps-pay-button.js';
import * as Base from './KkiPayButton.stories.js';
import { KkiPayButton } from './KkiPayButton.js';

// The main states in the dark preset (data-kki-theme="dark" on the page), each checked by axe like
// every story: the dark colours must keep every text readable (WCAG AA).
const meta = {
  title: 'KKI/KkiPayButton/Dark',
  component: KkiPayButton,
  ...payButtonMeta,
  globals: { theme: 'dark' },
} satisfies Meta<typeof KkiPayButton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  ...Base.Idle,
  name: 'Idle',
  play: async (context) => {
    await Base.Idle.play?.(context);
    // The dark preset is what is drawn, not the light one.
    const { canvas, copy, amount } = playKit(context);
    const button = await canvas.findByRole('button', { name: copy.payButton(amount) });
    await expect(getComputedStyle(button.closest('.kki-root') as Element).colorScheme).toBe('dark');
  },
};

export const InvalidInput: Story = {
  ...Base.InvalidInput,
  name: 'Invalid input',
  play: Base.InvalidInput.play,
};

export const WithSavedCards: Story = {
  ...Base.WithSavedCards,
  name: 'With saved cards',
  play: Base.WithSavedCards.play,
};

export const WaitingForIssuerApp: Story = {
  ...Base.WaitingForIssuerApp,
  name: 'Waiting for the issuer app (QR code)',
  play: Base.WaitingForIssuerApp.play,
};

export const Succeeded: Story = {
  ...Base.Succeeded,
  name: 'Succeeded',
  play: Base.Succeeded.play,
};

export const FailedInEnglish: Story = {
  ...Base.FailedInEnglish,
  name: 'Failed: do_not_honor (English)',
  globals: { locale: 'en' },
  play: Base.FailedInEnglish.play,
};

export const Expired: Story = {
  ...Base.Expired,
  name: 'Expired',
  play: Base.Expired.play,
};
