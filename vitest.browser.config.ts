import { defineConfig } from 'vitest/config';

// Tests that drive Debian's Chromium through playwright-core: the sandbox's hosted pages, the
// components' theming, and e2e/.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.browser.config.ts', 'e2e/vitest.config.*'],
    passWithNoTests: false,
  },
});
