import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// Every story runs as a test in Debian's Chromium: it renders, its msw handlers answer through the real
// service worker, and its play function's expectations must hold.
const dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // Listed up front so a cold Vite cache does not discover them mid-run and reload (toolchain.md §3).
  optimizeDeps: {
    include: [
      'msw-storybook-addon/csf3',
      'msw',
      'msw/browser',
      'storybook/test',
      '@tanstack/react-query',
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'react/jsx-runtime',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
        test: {
          name: 'storybook',
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--no-first-run',
                  '--disable-quic',
                ],
              },
            }),
          },
        },
      },
    ],
  },
});
