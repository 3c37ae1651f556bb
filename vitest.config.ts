import { defineConfig } from 'vitest/config';

// One run over every package; each package keeps its own config (environment, setup files).
// A worker per core: Vitest's default leaves one core to its main process, which on a 2-core CI
// machine ran the files one after another, half the time in each file's imports (the main process
// is idle while the files run).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
    maxWorkers: '100%',
  },
});
