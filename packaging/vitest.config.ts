import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Its own suite (`npm test` runs it after the unit tests): global-setup.ts builds and packs every
// package once; packaging.test.ts installs the tarballs into three fresh apps (latest, React 18,
// hono 4.9), and guides.test.ts builds and runs the embedding guides' apps (Next.js, Express) on
// them. It takes a few minutes.
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    environment: 'node',
    include: ['packaging.test.ts', 'guides.test.ts'],
    // The two files side by side (Vitest leaves one core to its main process by default).
    maxWorkers: '100%',
    globalSetup: ['global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
