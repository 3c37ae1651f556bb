import { defineConfig } from 'vitest/config';

// The browser suite: Debian's Chromium (/usr/bin/chromium) through playwright-core, reading the
// styles the kit's stylesheet and KkiProvider's appearance really give. Run through the root's
// `vitest run --config vitest.browser.config.ts`.
export default defineConfig({
  test: {
    name: 'react (browser)',
    environment: 'node',
    include: ['test/browser/**/*.browser.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
