import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

// Written by hand: `storybook init/add` forward to an unpublished CLI (see docs/toolchain.md §3).
const config: StorybookConfig = {
  stories: ['../docs/storybook/*.mdx', '../packages/*/src/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  // The msw service worker (generated once by `msw init .storybook/public`) and the local stub pages
  // standing in for DOKU's card, Checkout and OTP pages in stories (doku-stub/).
  staticDirs: ['./public'],
  // Prop tables read the components' TSDoc, including props they inherit (the payment callbacks).
  typescript: {
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      // The kit's compiler options (the root has none), so workspace packages resolve by their exports.
      tsconfigPath: fileURLToPath(new URL('../packages/react/tsconfig.json', import.meta.url)),
      shouldExtractLiteralValuesFromEnum: true,
      // The kit's own props (the payment callbacks come from @kki-kit/client), not React's or the DOM's.
      propFilter: (prop) => !prop.parent || !/node_modules\/(?!@kki-kit\/)/.test(prop.parent.fileName),
    },
  },
  core: { disableTelemetry: true },
};

export default config;
