import { defineConfig } from 'vitest/config';

// Checks the built Storybook (storybook-static/index.json); run after `storybook build`.
export default defineConfig({
  test: { include: ['packages/react/test/storybook-built/*.test.ts'] },
});
