import type { StorybookConfig } from '@storybook/react-vite';

// Written by hand: `storybook init/add` forward to an unpublished CLI (see docs/toolchain.md §3).
const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)'],
  framework: { name: '@storybook/react-vite', options: {} },
  addons: ['@storybook/addon-vitest', 'msw-storybook-addon'],
  // The msw service worker (generated once by `msw init .storybook/public`).
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
};

export default config;
