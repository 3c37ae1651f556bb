import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests need Chromium and run with vitest.browser.config.ts.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    testTimeout: 20_000,
  },
});
