import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import {
  APPEARANCE_NAMES,
  STORY_THEMES,
  withKkiProvider,
  withReplayOnLocaleChange,
} from '../packages/react/src/stories-support/provider-decorator.js';
import '../packages/react/src/styles.css';

/**
 * Locale, appearance and light/dark theme are toolbar globals, so every story can be seen in both
 * languages, each appearance and both presets.
 */
const preview: Preview = {
  loaders: [mswLoader()],
  // The kit keeps a payment in flight in sessionStorage to resume it after a redirect; each story starts clean.
  beforeEach() {
    sessionStorage.clear();
  },
  // The provider wraps the story; the replay decorator sits outside it and sees every locale switch.
  decorators: [withKkiProvider, withReplayOnLocaleChange],
  // Docs pages with prop tables (from the components' TSDoc) for every component.
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the kit and of the BFF error copy',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'id', title: 'Bahasa Indonesia' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    appearance: {
      description: 'A --kki-* theme set through KkiProvider appearance',
      toolbar: {
        title: 'Appearance',
        icon: 'paintbrush',
        items: APPEARANCE_NAMES.map((name) => ({ value: name, title: name })),
        dynamicTitle: true,
      },
    },
    theme: {
      description:
        "The stylesheet's preset: the device's (prefers-color-scheme), or pinned by data-kki-theme",
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: STORY_THEMES.map((value) => ({ value, title: value })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'id', appearance: 'default', theme: 'device' },
  parameters: {
    layout: 'padded',
    // axe runs on every story, in the a11y panel and in the stories suite: a violation fails the story.
    a11y: { test: 'error' },
  },
};

export default preview;
