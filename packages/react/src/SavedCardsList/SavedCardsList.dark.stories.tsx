import type { Meta, StoryObj } from '@storybook/react-vite';
import { savedCardsMeta } from '../stories-support/steps-saved-cards.js';
import * as Base from './SavedCardsList.stories.js';
import { SavedCardsList } from './SavedCardsList.js';

// The main states in the dark preset (data-kki-theme="dark" on the page), each checked by axe like
// every story: the dark colours must keep every text readable (WCAG AA).
const meta = {
  title: 'KKI/SavedCardsList/Dark',
  component: SavedCardsList,
  ...savedCardsMeta,
  globals: { theme: 'dark' },
} satisfies Meta<typeof SavedCardsList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Cards: Story = {
  ...Base.Cards,
  name: 'Cards',
  play: Base.Cards.play,
};

export const Empty: Story = {
  ...Base.Empty,
  name: 'Empty',
  play: Base.Empty.play,
};

export const LoadFailed: Story = {
  ...Base.LoadFailed,
  name: 'Load failed',
  play: Base.LoadFailed.play,
};

export const ConfirmRemoval: Story = {
  ...Base.ConfirmRemoval,
  name: 'Removal asks for confirmation',
  play: Base.ConfirmRemoval.play,
};

export const Removing: Story = {
  ...Base.Removing,
  name: 'Removing',
  play: Base.Removing.play,
};

export const Removed: Story = {
  ...Base.Removed,
  name: 'Removed',
  play: Base.Removed.play,
};
