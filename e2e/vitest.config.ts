import { defineConfig } from 'vitest/config';

// The demo shop in Debian's Chromium: one build and one server (global setup), one browser per
// spec file, files one after another. Bounded: each test at most 90 s, the whole suite a few minutes.
export default defineConfig({
  test: {
    name: 'e2e (chromium)',
    include: ['test/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
  },
});
