import { defineConfig } from 'vitest/config';

// The browser suite: Debian's Chromium (/usr/bin/chromium) through playwright-core clicking the
// sandbox's hosted pages, served on 127.0.0.1. Run with `vitest run --config vitest.browser.config.ts`.
export default defineConfig({
  test: {
    name: 'doku-sandbox (browser)',
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time is plenty and keeps small CI machines steady.
    fileParallelism: false,
  },
});
