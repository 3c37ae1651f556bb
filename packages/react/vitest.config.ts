import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Browser tests need Chromium and run with the root's vitest.browser.config.ts; the built Storybook's
    // index is checked after its build (vitest.storybook-index.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/storybook-built/**'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
  },
});
