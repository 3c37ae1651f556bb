#!/usr/bin/env node
// Type-checks every workspace package that has a tsconfig.json, one tsc per package, as many at a
// time as the machine has cores (each tsc is single-threaded).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = ['packages', 'apps']
  .flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => join(d, n)) : []))
  .concat(['e2e', 'bench', 'bench/reliability', 'packaging', '.storybook'])
  .filter((d) => existsSync(join(root, d, 'tsconfig.json')));

/** Runs tsc on `dir`; its output is printed in one piece when it ends, so parallel runs do not interleave. */
function typecheck(dir) {
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      process.stdout.write(Buffer.concat(output));
      console.log(`typecheck ${dir}: ${code === 0 ? 'ok' : 'FAILED'}`);
      resolve(code === 0);
    });
  });
}

const queue = [...dirs];
let failed = 0;
async function worker() {
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    if (!(await typecheck(dir))) failed++;
  }
}
await Promise.all(Array.from({ length: Math.min(availableParallelism(), dirs.length) }, worker));
process.exit(failed ? 1 : 0);
