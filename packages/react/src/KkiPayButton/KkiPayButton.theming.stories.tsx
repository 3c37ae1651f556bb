import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { playKit } from '../stories-support/play.js';
import { APPEARANCES } from '../stories-support/provider-decorator.js';
import { payButtonMeta } from '../stories-support/steps-pay-button.js';
import { KkiPayButton } from './KkiPayButton.js';

// The story themes, each checked on the computed style in Chromium: `appearance.variables` must reach
// what the stylesheet draws (a variable it never reads would change nothing).
const meta = {
  title: 'KKI/KkiPayButton/Theming',
  component: KkiPayButton,
  ...payButtonMeta,
} satisfies Meta<typeof KkiPayButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The pay button and the card field of the rendered story, once shown. */
async function shown(context: Parameters<NonNullable<Story['play']>>[0]) {
  const { canvas, copy, amount } = playKit(context);
  const button = await canvas.findByRole('button', { name: copy.payButton(amount) });
  const input = canvas.getByLabelText(copy.cardNumberLabel);
  return {
    button: getComputedStyle(button),
    input: getComputedStyle(input),
    root: button.closest('.kki-root'),
  };
}

export const MerahPutih: Story = {
  name: '"merah putih": red, square corners',
  globals: { appearance: 'merah putih' },
  play: async (context) => {
    const { button, input } = await shown(context);
    const theme = APPEARANCES['merah putih'].variables;
    await expect(button.borderTopLeftRadius).toBe(theme.borderRadius);
    await expect(input.borderBottomRightRadius).toBe(theme.borderRadius);
    await expect(button.backgroundColor).toBe('rgb(200, 16, 46)');
  },
};

export const NightMarket: Story = {
  name: '"night market": dark, with room around the form',
  globals: { appearance: 'night market' },
  play: async (context) => {
    const { button, root } = await shown(context);
    await expect(button.backgroundColor).toBe('rgb(245, 183, 0)');
    // A dark theme is drawn on its own background with padding, not flush against the light canvas.
    const frame = root?.parentElement as HTMLElement;
    await expect(getComputedStyle(frame).backgroundColor).toBe('rgb(29, 31, 36)');
    await expect(Number.parseFloat(getComputedStyle(frame).paddingLeft)).toBeGreaterThan(0);
  },
};

export const LargeAndRound: Story = {
  name: '"large and round": 18px text, 16px corners',
  globals: { appearance: 'large and round' },
  play: async (context) => {
    const { button, input } = await shown(context);
    const theme = APPEARANCES['large and round'].variables;
    await expect(button.borderTopLeftRadius).toBe(theme.borderRadius);
    await expect(input.borderTopRightRadius).toBe(theme.borderRadius);
    await expect(input.fontSize).toBe(theme.fontSize);
  },
};
