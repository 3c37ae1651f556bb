import { defineConfig } from 'vitest/config';

// One run over every package; each package keeps its own config (environment, setup files).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
