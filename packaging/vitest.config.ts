import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Its own suite (`npm test` runs it after the unit tests): it builds and packs every package and
// installs the tarballs into three fresh apps (latest, React 18, hono 4.9),
// which takes a few minutes.
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    environment: 'node',
    include: ['packaging.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
