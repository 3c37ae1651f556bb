import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { answer, hang, refuse } from '../stories-support/bff-handlers.js';
import { expectShown } from '../stories-support/failure-copy.js';
import { playKit } from '../stories-support/play.js';
import { storyLocale } from '../stories-support/provider-decorator.js';
import { removeFirstCard, savedCardsMeta } from '../stories-support/steps-saved-cards.js';
import { storySavedCards } from '../stories-support/views.js';
import { SavedCardsList } from './SavedCardsList.js';

// Failures per DOKU case code are in SavedCardsList.errors.stories.tsx (KKI) and
// SavedCardsList.cards-errors.stories.tsx (Cards), generated from the contract's error flows.
const meta = {
  title: 'KKI/SavedCardsList',
  component: SavedCardsList,
  ...savedCardsMeta,
} satisfies Meta<typeof SavedCardsList>;

export default meta;
type Story = StoryObj<typeof meta>;

const [first] = storySavedCards;
export const Loading: Story = {
  beforeEach({ msw }) {
    msw.use(hang('listSavedCards'));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardsLoading);
  },
};

export const Cards: Story = {
  name: 'Cards (masked CPAN, issuer, date)',
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    const list = await canvas.findByRole('list', { name: copy.savedCardsTitle });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await expect(list).toHaveTextContent('936000******5670');
  },
};

export const Empty: Story = {
  beforeEach({ msw }) {
    msw.use(answer('listSavedCards', { cards: [] }));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardsEmpty);
  },
};

export const LoadFailed: Story = {
  beforeEach({ msw, globals }) {
    msw.use(refuse('listSavedCards', 'internal_error', { locale: storyLocale(globals) }));
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.savedCardsLoadFailed })).toBeInTheDocument();
  },
};

export const ConfirmRemoval: Story = {
  name: 'Removal asks for confirmation',
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    const [remove] = await canvas.findAllByRole('button', { name: copy.savedCardRemove });
    await userEvent.click(remove as HTMLElement);
    await expectShown(context.canvasElement, copy.savedCardRemoveConfirm(first?.maskedCpan ?? ''));
  },
};

export const Removing: Story = {
  name: 'Removing (pending at DOKU)',
  beforeEach({ msw }) {
    const removing = storySavedCards.map((c, i) => (i === 0 ? { ...c, status: 'removing' as const } : c));
    msw.use(answer('listSavedCards', { cards: removing }));
  },
  play: async (context) => {
    await expectShown(context.canvasElement, playKit(context).copy.savedCardRemoving);
  },
};

export const Removed: Story = {
  beforeEach({ msw }) {
    msw.use(
      answer('listSavedCards', (n) => ({ cards: n === 0 ? [...storySavedCards] : storySavedCards.slice(1) })),
      answer('removeSavedCard', { removed: true, card: storySavedCards[0]! }),
    );
  },
  play: async (context) => {
    const { canvas, copy } = playKit(context);
    await removeFirstCard(context);
    await expect(await canvas.findAllByRole('button', { name: copy.savedCardRemove })).toHaveLength(1);
  },
};
