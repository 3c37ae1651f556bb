#!/usr/bin/env node
// Type-checks every workspace package that has a tsconfig.json, one tsc per package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['packages', 'apps']
  .flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => join(d, n)) : []))
  .concat(['e2e', 'bench', 'bench/reliability', 'packaging', '.storybook'])
  .filter((d) => existsSync(join(root, d, 'tsconfig.json')));

let failed = 0;
for (const dir of dirs) {
  const res = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`typecheck ${dir}: ${res.status === 0 ? 'ok' : 'FAILED'}`);
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
