import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import {
  APPEARANCE_NAMES,
  withKkiProvider,
} from '../packages/react/src/stories-support/provider-decorator.js';
import '../packages/react/src/styles.css';

/** Locale and appearance are toolbar globals, so every story can be seen in both languages and each theme. */
const preview: Preview = {
  loaders: [mswLoader()],
  // The kit keeps a payment in flight in sessionStorage to resume it after a redirect; each story starts clean.
  beforeEach() {
    sessionStorage.clear();
  },
  decorators: [withKkiProvider],
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
  },
  initialGlobals: { locale: 'id', appearance: 'default' },
  parameters: { layout: 'padded' },
};

export default preview;
